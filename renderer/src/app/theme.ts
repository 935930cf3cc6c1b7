import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'opsroom.theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function savedTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    // Storage can be disabled (privacy settings): the theme then simply follows the system.
    return null;
  }
}

export function currentTheme(): Theme {
  return savedTheme() ?? (systemDark.matches ? 'dark' : 'light');
}

/** Sets `data-theme` on <html>; the stylesheet's variables do the rest. Called before the first render so
 * the page never flashes the other theme. */
export function applyTheme(): void {
  document.documentElement.dataset.theme = currentTheme();
  listeners.forEach((listener) => listener());
}

// Without a saved choice the app follows the system, also when it changes while the app is open.
systemDark.addEventListener('change', applyTheme);

export function toggleTheme(): void {
  const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not saved: the toggle still applies for this window.
    document.documentElement.dataset.theme = next;
    listeners.forEach((listener) => listener());
    return;
  }
  applyTheme();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'));
}

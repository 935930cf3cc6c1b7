import { createStore } from './create-store.ts';

export interface Toast {
  id: number;
  message: string;
  link?: { href: string; label: string };
}

const store = createStore<readonly Toast[]>([]);
let nextId = 1;

/** At most this many stay on screen: a burst of queued runs should not cover the board. */
const MAX_TOASTS = 3;

export function showToast(toast: Omit<Toast, 'id'>): void {
  store.set([...store.get(), { ...toast, id: nextId++ }].slice(-MAX_TOASTS));
}

export function dismissToast(id: number): void {
  store.set(store.get().filter((t) => t.id !== id));
}

export const useToasts = store.use;

import { Icon } from '../components/Icon.tsx';
import { toggleTheme, useTheme } from './theme.ts';

/** Light/dark. The name stays "Toggle theme"; aria-pressed says whether dark is on. */
export function ThemeToggle() {
  const theme = useTheme();
  return (
    <button
      type="button"
      className="btn-icon theme-toggle"
      aria-label="Toggle theme"
      aria-pressed={theme === 'dark'}
      title={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={toggleTheme}
    >
      <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
    </button>
  );
}

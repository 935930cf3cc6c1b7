export type ShortcutAction = 'commandBar' | 'board' | 'servers' | 'help';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Focus is in a text field: only the command-bar shortcut works there, so typing "g" stays typing. */
  inEditable: boolean;
}

/** For the shortcuts dialog, in the order it lists them. */
export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Ctrl K / ⌘ K', does: 'Run a command (works from any field)' },
  { keys: 'g then b', does: 'Go to the Runboard' },
  { keys: 'g then s', does: 'Go to Servers & tools' },
  { keys: '↑ / ↓', does: 'Move between run cards in a lane, or through the command bar list' },
  { keys: 'Enter', does: 'Open the focused run' },
  { keys: 'Esc', does: 'Close a dialog or cancel an edit' },
  { keys: '?', does: 'Show these shortcuts' },
];

/** A second key this long after "g" no longer counts as a sequence. */
export const SEQUENCE_MS = 1500;

/**
 * Matches key presses to actions, remembering a pending "g" for the two-key sequences. Pure apart from its
 * own memory, so it is tested without a DOM.
 */
export function createShortcutMatcher() {
  let pendingSince: number | null = null;
  return (press: KeyPress, now: number): ShortcutAction | null => {
    if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key.toLowerCase() === 'k') {
      pendingSince = null;
      return 'commandBar';
    }
    if (press.inEditable || press.ctrlKey || press.metaKey || press.altKey) {
      pendingSince = null;
      return null;
    }
    const afterG = pendingSince !== null && now - pendingSince <= SEQUENCE_MS;
    pendingSince = null;
    if (afterG && press.key === 'b') return 'board';
    if (afterG && press.key === 's') return 'servers';
    if (press.key === 'g') {
      pendingSince = now;
      return null;
    }
    return press.key === '?' ? 'help' : null;
  };
}

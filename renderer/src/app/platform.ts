/** Apple keyboards say ⌘ where others say Ctrl; the hint on the button should match the keys people have. */
export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const COMMAND_BAR_KEYS = IS_MAC ? '⌘K' : 'Ctrl+K';

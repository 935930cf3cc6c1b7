/** Strings longer than this are cut in the collapsed view (an HTTP body, a command's whole output). */
export const PREVIEW_STRING_CHARS = 300;

export interface JsonPreview {
  text: string;
  /** Something was cut: offer "Show all". */
  truncated: boolean;
}

/** Pretty JSON with every long string value cut to `max` characters and a note of how much was left out. */
export function previewJson(value: unknown, max = PREVIEW_STRING_CHARS): JsonPreview {
  let truncated = false;
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'string' || item.length <= max) return item;
    truncated = true;
    return `${item.slice(0, max)}… (${item.length - max} more characters)`;
  }, 2) ?? 'null';
  return { text, truncated };
}

export const fullJson = (value: unknown): string => JSON.stringify(value, null, 2) ?? 'null';

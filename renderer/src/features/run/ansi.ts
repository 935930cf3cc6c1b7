/**
 * A pure parser for the ANSI escapes that programs print in their output. Only SGR (`ESC [ … m`: colours and
 * text attributes) changes how text looks; every other escape (cursor moves, erase line, OSC titles and
 * hyperlinks, charset switches) and every malformed one is dropped, so raw escape bytes never reach the screen.
 * Each log line is parsed on its own: a virtualized view renders lines out of order, so no state carries over.
 */

/** Palette colours 0-15 stay indexes (the theme's CSS picks their shade); 16-255 and truecolor become RGB. */
export type AnsiColor = { palette: number } | { rgb: readonly [number, number, number] };

export interface AnsiStyle {
  readonly fg: AnsiColor | null;
  readonly bg: AnsiColor | null;
  readonly bold: boolean;
  readonly dim: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly inverse: boolean;
  readonly strike: boolean;
}

export interface AnsiSegment {
  readonly text: string;
  readonly style: AnsiStyle;
}

export const PLAIN: AnsiStyle = {
  fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false,
};

const ESC = '\x1b';
const CSI_C1 = '\x9b';
/** C0 controls other than tab, DEL and the C1 range: invisible in a terminal's line, boxes in a browser. */
const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9a\x9c-\x9f]/g;

export function parseAnsi(line: string): AnsiSegment[] {
  if (!line.includes(ESC) && !line.includes(CSI_C1)) {
    const text = line.replace(CONTROL, '');
    return text ? [{ text, style: PLAIN }] : [];
  }
  const segments: AnsiSegment[] = [];
  let style = PLAIN;
  let text = '';
  const flush = () => {
    const clean = text.replace(CONTROL, '');
    if (clean) segments.push({ text: clean, style });
    text = '';
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch !== ESC && ch !== CSI_C1) {
      text += ch;
      i++;
      continue;
    }
    const escape = readEscape(line, i);
    if (escape.sgr !== null) {
      const next = applySgr(style, escape.sgr);
      if (next !== style) {
        flush();
        style = next;
      }
    }
    i = escape.end;
  }
  flush();
  return segments;
}

/** The text without any escapes or control characters: what search matches and what "Copy log" copies. */
export function stripAnsi(line: string): string {
  return parseAnsi(line).map((segment) => segment.text).join('');
}

interface Escape {
  /** Where the text after the escape starts. */
  end: number;
  /** The SGR parameter string, or null for any other (dropped) escape. */
  sgr: string | null;
}

/** Reads the escape starting at `start` (an ESC or a C1 CSI); a malformed one ends where it went wrong. */
function readEscape(line: string, start: number): Escape {
  if (line[start] === CSI_C1) return readCsi(line, start + 1);
  const kind = line[start + 1];
  if (kind === undefined) return { end: start + 1, sgr: null };
  if (kind === '[') return readCsi(line, start + 2);
  if (kind === ']' || kind === 'P' || kind === '_' || kind === '^' || kind === 'X') return readString(line, start + 2);
  // ESC, intermediates (0x20-0x2F), one final byte (0x30-0x7E): charset selection, keypad modes, …
  let i = start + 1;
  while (i < line.length && isBetween(line, i, 0x20, 0x2f)) i++;
  if (i < line.length && isBetween(line, i, 0x30, 0x7e)) i++;
  return { end: i, sgr: null };
}

/** CSI: parameters (0x30-0x3F), intermediates (0x20-0x2F), a final byte (0x40-0x7E). */
function readCsi(line: string, from: number): Escape {
  let i = from;
  while (i < line.length && isBetween(line, i, 0x30, 0x3f)) i++;
  const params = line.slice(from, i);
  const paramsEnd = i;
  while (i < line.length && isBetween(line, i, 0x20, 0x2f)) i++;
  if (i >= line.length || !isBetween(line, i, 0x40, 0x7e)) return { end: i, sgr: null };
  const isSgr = line[i] === 'm' && paramsEnd === i && /^[0-9;:]*$/.test(params);
  return { end: i + 1, sgr: isSgr ? params : null };
}

/** OSC, DCS, APC, PM, SOS: a string ended by BEL or ST (ESC \); unterminated, it swallows the rest of the line. */
function readString(line: string, from: number): Escape {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\x07') return { end: i + 1, sgr: null };
    if (line[i] === ESC && line[i + 1] === '\\') return { end: i + 2, sgr: null };
  }
  return { end: line.length, sgr: null };
}

function isBetween(line: string, i: number, low: number, high: number): boolean {
  const code = line.charCodeAt(i);
  return code >= low && code <= high;
}

/** Applies one SGR parameter list; returns the same object when nothing changed. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const groups = params === '' ? [[0]] : params.split(';').map((group) => group.split(':').map(toNumber));
  let next: AnsiStyle = style;
  const set = (patch: Partial<AnsiStyle>) => {
    next = { ...next, ...patch };
  };
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const code = group[0]!;
    if (code === 38 || code === 48) {
      // 38:5:n / 38:2::r:g:b in one group (colons), or 38;5;n / 38;2;r;g;b spread over the next groups.
      const args = group.length > 1 ? group.slice(1) : groups.slice(g + 1).map((rest) => rest[0]!);
      const color = extendedColor(args, group.length > 1);
      if (group.length === 1) g += color.used;
      if (color.value) set(code === 38 ? { fg: color.value } : { bg: color.value });
      continue;
    }
    const patch = simpleSgr(code, group);
    if (patch) set(patch);
  }
  return sameStyle(next, style) ? style : next;
}

function simpleSgr(code: number, group: number[]): Partial<AnsiStyle> | null {
  if (code === 0) return PLAIN;
  if (code === 1) return { bold: true };
  if (code === 2) return { dim: true };
  if (code === 3) return { italic: true };
  // 4:0 is "no underline"; 4:1-4:5 are underline styles (curly, dotted…), all shown as one underline.
  if (code === 4) return { underline: group[1] !== 0 };
  if (code === 21) return { underline: true };
  if (code === 7) return { inverse: true };
  if (code === 9) return { strike: true };
  if (code === 22) return { bold: false, dim: false };
  if (code === 23) return { italic: false };
  if (code === 24) return { underline: false };
  if (code === 27) return { inverse: false };
  if (code === 29) return { strike: false };
  if (code >= 30 && code <= 37) return { fg: { palette: code - 30 } };
  if (code === 39) return { fg: null };
  if (code >= 40 && code <= 47) return { bg: { palette: code - 40 } };
  if (code === 49) return { bg: null };
  if (code >= 90 && code <= 97) return { fg: { palette: code - 90 + 8 } };
  if (code >= 100 && code <= 107) return { bg: { palette: code - 100 + 8 } };
  return null; // blink, fonts, overline, …: not shown
}

/** `args` follow the 38/48; `colon` says they came as sub-parameters, where 2 may carry a colour-space id. */
function extendedColor(args: number[], colon: boolean): { value: AnsiColor | null; used: number } {
  if (args[0] === 5) {
    const index = args[1];
    return { value: index !== undefined && isByte(index) ? color256(index) : null, used: index === undefined ? 1 : 2 };
  }
  if (args[0] === 2) {
    const rgb = colon && args.length >= 5 ? args.slice(2, 5) : args.slice(1, 4);
    const valid = rgb.length === 3 && rgb.every(isByte);
    return { value: valid ? { rgb: [rgb[0]!, rgb[1]!, rgb[2]!] } : null, used: 1 + rgb.length };
  }
  return { value: null, used: args.length > 0 ? 1 : 0 };
}

const CUBE = [0, 95, 135, 175, 215, 255];

/** The xterm 256-colour table: 0-15 the palette, 16-231 a 6x6x6 cube, 232-255 a grey ramp. */
export function color256(index: number): AnsiColor {
  if (index < 16) return { palette: index };
  if (index < 232) {
    const n = index - 16;
    return { rgb: [CUBE[Math.floor(n / 36)]!, CUBE[Math.floor(n / 6) % 6]!, CUBE[n % 6]!] };
  }
  const grey = 8 + (index - 232) * 10;
  return { rgb: [grey, grey, grey] };
}

/** An empty parameter means 0; a value that is not a number (cannot happen after the regex) is NaN. */
const toNumber = (text: string): number => (text === '' ? 0 : Number(text));
const isByte = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 255;

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline
    && a.inverse === b.inverse && a.strike === b.strike && sameColor(a.fg, b.fg) && sameColor(a.bg, b.bg);
}

function sameColor(a: AnsiColor | null, b: AnsiColor | null): boolean {
  if (a === null || b === null) return a === b;
  if ('palette' in a) return 'palette' in b && a.palette === b.palette;
  return 'rgb' in b && a.rgb.every((value, i) => value === b.rgb[i]);
}

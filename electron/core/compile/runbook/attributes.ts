import { deeperThan, MAX_DEPTH } from './nesting.ts';

/**
 * A fenced block's info string: the language, then Runme's cell attributes, either JSON
 * (```sh {"name":"build","excludeFromRunme":true}) or Runme's older key=value form (```sh { name=build interactive=false }).
 */
export interface InfoString {
  /** Lower case, "" when the fence names none. */
  language: string;
  attributes: Record<string, unknown>;
  /** Why the attributes could not be read. */
  problem?: string;
  /** Text after the language that is not attributes (```sh title="x"), which we ignore. */
  ignored?: string;
}

export function parseInfoString(info: string): InfoString {
  const match = /^([^\s{]*)\s*(.*)$/s.exec(info)!;
  const language = match[1]!.toLowerCase();
  const rest = match[2]!.trim();
  if (!rest) return { language, attributes: {} };
  if (!rest.startsWith('{') || !rest.endsWith('}')) return { language, attributes: {}, ignored: rest };
  const json = parseJsonObject(rest);
  const attributes = typeof json === 'string' ? parseKeyValues(rest.slice(1, -1)) : json;
  if (!attributes) return { language, attributes: {}, problem: `the attributes ${rest} are neither JSON (${json}) nor key=value pairs` };
  if (deeperThan(attributes, MAX_DEPTH)) return { language, attributes: {}, problem: `the attributes nest deeper than ${MAX_DEPTH} levels` };
  return { language, attributes };
}

/** The object, or why the text is not a JSON object. */
function parseJsonObject(text: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : 'not an object';
  } catch (error) {
    return (error as Error).message;
  }
}

// key=value, the value "quoted" (JSON string rules), 'quoted', or a run of non-space characters.
const PAIR = /\s*([A-Za-z_][A-Za-z0-9_-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S+)\s*/y;

/** `name=build interactive=false retry=3 needs=a,b`, or null when the text is not only such pairs. */
function parseKeyValues(text: string): Record<string, unknown> | null {
  const pairs: [string, unknown][] = [];
  PAIR.lastIndex = 0;
  while (PAIR.lastIndex < text.length) {
    const at = PAIR.lastIndex;
    const match = PAIR.exec(text);
    if (!match) return text.slice(at).trim() ? null : Object.fromEntries(pairs);
    pairs.push([match[1]!, typed(match[2]!)]);
  }
  // fromEntries, not assignment: a key "__proto__" stays a key (and is then reported as unknown).
  return Object.fromEntries(pairs);
}

/** Runme writes every value as text; booleans, whole numbers and JSON arrays/objects mean what they say. */
function typed(value: string): unknown {
  if (value.startsWith("'")) return value.slice(1, -1);
  if (value.startsWith('"') || value.startsWith('[') || value.startsWith('{')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d{1,15}$/.test(value)) return Number(value);
  return value;
}

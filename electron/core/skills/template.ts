import type { ParamValue } from '../../../shared/ir/params.ts';
import { irLiteral, parseTemplate } from '../../../shared/ir/references.ts';
import type { ValuePath } from './yaml-source.ts';

/**
 * What a skill's strings are filled with at invocation. `params` holds the values to paste in (non-secret ones);
 * any other `${params.X}` (a secret, or a text parameter left open by the load-time check) and every
 * `${steps.…}` stays a reference, bound when the step runs. `item` is a forEach copy's item; `itemSource`
 * the reference written instead when the item is not known yet (the load-time check).
 */
export interface Fill {
  params: Readonly<Record<string, ParamValue>>;
  item?: string;
  itemSource?: string;
}

export interface FillProblem { path: ValuePath; message: string }

const ITEM = '${item}';

/**
 * One template string filled. As a template (a step's input and verifiers) the result is IR template text:
 * pasted text has its `${` escaped as `$${` so a value can never smuggle in a reference, and literal `$${` is
 * kept. Otherwise (a step's name, lane, timeout…) the result is plain text. A string that is exactly one
 * filled reference becomes the value itself, so `"${params.status}"` gives the number 200.
 */
export function fillString(text: string, fill: Fill, asTemplate: boolean): ParamValue | { error: string } {
  const chunks = splitItems(text);
  const pieces: { value: ParamValue; pasted: boolean }[] = [];
  for (const chunk of chunks) {
    if (chunk === null) {
      if (fill.item !== undefined) pieces.push({ value: fill.item, pasted: true });
      else if (fill.itemSource !== undefined) pieces.push({ value: fill.itemSource, pasted: false });
      else return { error: `${ITEM} is only defined in a step with forEach` };
      continue;
    }
    const parsed = parseTemplate(chunk);
    if (!parsed.ok) return { error: parsed.error };
    for (const part of parsed.parts) {
      if (part.kind === 'literal') pieces.push({ value: part.text, pasted: true });
      else if (part.reference.kind === 'param' && Object.hasOwn(fill.params, part.reference.name)) {
        pieces.push({ value: fill.params[part.reference.name]!, pasted: true });
      } else pieces.push({ value: part.source, pasted: false });
    }
  }
  // A function, not a replacement string: in one, "$$" means a single "$".
  const escape = (piece: { value: ParamValue; pasted: boolean }) =>
    asTemplate && piece.pasted ? irLiteral(String(piece.value)) : String(piece.value);
  const only = pieces.length === 1 ? pieces[0]! : null;
  // The only piece, pasted from a parameter (not a literal): keep its type.
  if (only?.pasted && isWholeReference(text)) {
    return typeof only.value === 'string' ? escape(only) : only.value;
  }
  return pieces.map(escape).join('');
}

/** What filling found: problems, and where a whole reference became a number or boolean (a field that takes
 * text gets it back as text: see retypeAsText). */
export interface FillSink {
  problems: FillProblem[];
  typed: ValuePath[];
}

/** Every string inside a JSON value filled, with what was found recorded in `sink` by path. */
export function fillValue(value: unknown, fill: Fill, asTemplate: boolean, path: ValuePath, sink: FillSink): unknown {
  if (typeof value === 'string') {
    const filled = fillString(value, fill, asTemplate);
    if (typeof filled === 'object') {
      sink.problems.push({ path, message: filled.error });
      return value;
    }
    if (typeof filled !== 'string') sink.typed.push(path);
    return filled;
  }
  if (Array.isArray(value)) return value.map((item, index) => fillValue(item, fill, asTemplate, [...path, index], sink));
  if (value !== null && typeof value === 'object') {
    // fromEntries: a key named "__proto__" stays an ordinary key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillValue(item, fill, asTemplate, [...path, key], sink)]));
  }
  return value;
}

/** Whether `text` holds a `${params.…}` or `${item}` reference (a shell command must not). */
export function pastesValues(text: string): boolean {
  return splitItems(text).some((chunk) => {
    if (chunk === null) return true;
    const parsed = parseTemplate(chunk);
    return parsed.ok && parsed.parts.some((part) => part.kind === 'reference');
  });
}

/** The text split around each `${item}` (null), leaving `$${` escapes inside the text chunks. */
function splitItems(text: string): (string | null)[] {
  const chunks: (string | null)[] = [];
  let start = 0;
  let at = 0;
  while (at < text.length) {
    if (text.startsWith('$${', at)) at += 3;
    else if (text.startsWith(ITEM, at)) {
      if (at > start) chunks.push(text.slice(start, at));
      chunks.push(null);
      at += ITEM.length;
      start = at;
    } else at += 1;
  }
  if (start < text.length || chunks.length === 0) chunks.push(text.slice(start));
  return chunks;
}

function isWholeReference(text: string): boolean {
  if (text === ITEM) return true;
  const parsed = parseTemplate(text);
  return parsed.ok && parsed.parts.length === 1 && parsed.parts[0]!.kind === 'reference';
}

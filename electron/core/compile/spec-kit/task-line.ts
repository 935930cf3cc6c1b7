/**
 * One line of a Spec Kit task list: `- [ ] T001 [P] [US1] Description with src/path.py`. Spec Kit's own rule
 * for what counts is "a `- [ ]` line outside code fences"; a checkbox line is taken as a task when it starts
 * with something shaped like an ID (T001, T01, TXXX) or, inside a phase, when it sits at the top level. What
 * looks like a task but is not well formed is reported, never repaired by guessing.
 */
export type TaskLine =
  | { kind: 'task'; id: string; done: boolean; parallel: boolean; story?: string; description: string; text: string }
  | { kind: 'malformed'; message: string }
  | { kind: 'other' };

/** List marker and checkbox; shared with write-back, which flips the box in place. */
export const CHECKBOX = /^(\uFEFF?(\s*)[-*+]\s+)\[([^\]]?)\](.*)$/;
export const VALID_ID = /^T\d{3,}$/;
// T then a digit, or the template's TXXX placeholder: a line starting so was meant to be a task.
const ID_SHAPED = /^T(\d|XX)/;
const LABEL = /^\s*\[(P|US\d+)\]/;

export function readTaskLine(line: string, inPhase: boolean): TaskLine {
  const box = CHECKBOX.exec(line);
  if (!box) return { kind: 'other' };
  const indent = box[2]!.length;
  const mark = box[3]!;
  const text = box[4]!.trim();
  const first = text.split(/\s/, 1)[0] ?? '';
  const token = first.replace(/^\*\*(.+)\*\*$/, '$1'); // `**T002**`: the ID in bold, as some generated lists write it
  const idShaped = ID_SHAPED.test(token);
  if (!idShaped && !(inPhase && indent === 0)) return { kind: 'other' };
  if (mark !== ' ' && mark !== 'x' && mark !== 'X') {
    return { kind: 'malformed', message: `checkbox "[${mark}]" is neither open "[ ]" nor done "[X]"` };
  }
  if (!idShaped) {
    return { kind: 'malformed', message: `a checkbox line in a phase without a task ID: write "- [ ] T001 Description" (or move it out of the phase if it is not a task)` };
  }
  if (!VALID_ID.test(token)) {
    return { kind: 'malformed', message: `"${first}" is not a task ID: an ID is T and at least three digits (T001), followed by a space` };
  }
  let rest = text.slice(first.length);
  let parallel = false;
  const stories = new Set<string>();
  for (let label = LABEL.exec(rest); label; label = LABEL.exec(rest)) {
    if (label[1] === 'P') parallel = true;
    else stories.add(label[1]!);
    rest = rest.slice(label[0].length);
  }
  if (stories.size > 1) return { kind: 'malformed', message: `task ${token} has several story labels (${[...stories].map((s) => `[${s}]`).join(' ')}): a task belongs to one story` };
  const description = rest.trim();
  if (!description) return { kind: 'malformed', message: `task ${token} has no description` };
  const [story] = stories;
  return { kind: 'task', id: token, done: mark !== ' ', parallel, ...(story ? { story } : {}), description, text };
}

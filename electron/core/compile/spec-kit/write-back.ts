import { joinLines, splitLines } from './lines.ts';
import { parseTasks } from './parse-tasks.ts';
import type { SpecTask } from './task-list.ts';

const OPEN_BOX = /^(\uFEFF?\s*[-*+]\s+)\[ \]/;
/** A proof link this function wrote before (a task unticked by hand keeps it): replaced, not doubled. */
const OLD_LINK = /\s*\(\[proof\]\([^()\s]*\)\)(?=\s*$)/;
/** A step's description holds at most this many characters (the IR's limit); a longer task text was cut to
 * its first 4999 and '…' (steps.ts). */
const DESCRIPTION_MAX = 5000;

/** A task the run proved: the link to its proof, and its text when the plan was compiled (its step's description). */
export interface ProvenTask {
  link: string;
  text: string;
}

export interface WriteBackResult {
  text: string;
  /** Proven tasks left as they were: their line changed since the plan was compiled (another text under the
   * ID, the ID gone) or its checkbox is not one write-back can flip in place. In the order of `proven`. */
  skipped: string[];
}

/**
 * Ticks the proven tasks: `- [ ] T001 …` becomes `- [X] T001 … ([proof](<link>))`. Only open tasks whose ID is
 * in `proven` and whose text is still the one compiled; every other byte stays as it was (line breaks
 * included), so running it again changes nothing.
 */
export function writeBack(text: string, proven: ReadonlyMap<string, ProvenTask>): WriteBackResult {
  if (proven.size === 0) return { text, skipped: [] };
  const split = splitLines(text);
  const before = [...split.lines];
  const skipped = new Set(proven.keys());
  const ticked: SpecTask[] = [];
  for (const task of tasksOf(text)) {
    const want = proven.get(task.id);
    if (want === undefined || !sameText(task.text, want.text)) continue;
    const line = split.lines[task.line - 1]!;
    if (task.done) skipped.delete(task.id);
    if (task.done || !OPEN_BOX.test(line)) continue; // `<!-- c --> - [ ] T001`: the box is not at the start
    const flipped = line.replace(OPEN_BOX, '$1[X]').replace(OLD_LINK, '');
    const trailing = /\s*$/.exec(flipped)![0];
    split.lines[task.line - 1] = `${flipped.slice(0, flipped.length - trailing.length)} ([proof](${safeLink(want.link)}))${trailing}`;
    ticked.push(task);
  }
  if (ticked.length === 0) return { text, skipped: [...skipped] };
  // The box flipped must be the task's: on `- [ ] T001 … --> - [ ] T002 …` the first one is inside a comment.
  const after = new Map(tasksOf(joinLines(split)).map((task) => [task.id, task]));
  for (const task of ticked) {
    const now = after.get(task.id);
    if (now?.done && now.line === task.line) skipped.delete(task.id);
    else split.lines[task.line - 1] = before[task.line - 1]!;
  }
  return { text: joinLines(split), skipped: [...skipped] };
}

const tasksOf = (text: string) => parseTasks(text).phases.flatMap((phase) => phase.tasks);

/** The task's text is the one compiled, a proof link this function added aside. */
function sameText(text: string, compiled: string): boolean {
  const bare = (s: string) => s.replace(OLD_LINK, '').trim();
  if (bare(text) === bare(compiled)) return true;
  return compiled.length === DESCRIPTION_MAX && compiled.endsWith('…') && text.length > DESCRIPTION_MAX
    && text.startsWith(compiled.slice(0, -1));
}

// Markdown ends a link at whitespace or an unbalanced parenthesis; `<` and `>` could open or close a comment.
const safeLink = (link: string) => link.replace(/[\s()<>]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));

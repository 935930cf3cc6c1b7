import { basename } from 'node:path';

/** A Spec Kit task line: `- [ ] T001 …` (or `[X]` when done). */
const TASK_LINE = /^\s*[-*] \[[ xX]\] T\d{3,}\b/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** Which compiler a Markdown file goes to: a Spec Kit task list is named tasks.md or holds task lines outside
 * code blocks (a runbook may show a task list as an example); any other Markdown is a runbook. */
export function isTaskList(path: string, text: string): boolean {
  if (basename(path).toLowerCase() === 'tasks.md') return true;
  let fence: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const opener = FENCE.exec(line)?.[1];
    if (fence === null && opener) fence = opener;
    else if (fence !== null && opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = null;
    else if (fence === null && TASK_LINE.test(line)) return true;
  }
  return false;
}

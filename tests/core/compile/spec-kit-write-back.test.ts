import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { compileTasks } from '../../../electron/core/compile/spec-kit/compile-tasks.ts';
import { parseTasks } from '../../../electron/core/compile/spec-kit/parse-tasks.ts';
import { writeBack } from '../../../electron/core/compile/spec-kit/write-back.ts';

const link = 'opsroom://run/42';
const proof = ` ([proof](${link}))`;

/** Proven tasks as the hook passes them: each with its text in `compiled`, the file its plan was compiled from. */
const proven = (compiled: string, ...ids: string[]) => {
  const texts = new Map(parseTasks(compiled).phases.flatMap((phase) => phase.tasks).map((task) => [task.id, task.text]));
  return new Map(ids.map((id) => [id, { link, text: texts.get(id) ?? '' }]));
};

/** A file before and after write-back from rows `[line]` (left alone) and `[line, written back]`. */
const beforeAfter = (rows: [string, string?][]) => ({
  before: rows.map(([line]) => line).join('\n'),
  after: rows.map(([line, written]) => written ?? line).join('\n'),
});

describe('Spec Kit write-back', () => {
  test('ticks only proven open tasks and appends the proof link; every other byte is kept', () => {
    const { before, after } = beforeAfter([
      ['# Tasks: X'],
      ['## Phase 1: Setup'],
      ['- [ ] T001 Create src/a.ts', `- [X] T001 Create src/a.ts${proof}`],
      ['- [ ] T002 [P] Create src/b.ts (depends on T001)', `- [X] T002 [P] Create src/b.ts (depends on T001)${proof}`],
      ['- [ ] T003 Not proven'],
      ['- [x] T004 Done by hand'],
      ['- [ ] T01 Malformed'],
      ['```'],
      ['- [ ] T005 An example in a fence'],
      ['```'],
      ['- [ ] T005 The real one  ', `- [X] T005 The real one${proof}  `],
      [''],
    ]);
    assert.deepEqual(writeBack(before, proven(before, 'T001', 'T002', 'T004', 'T005', 'T01', 'T999')),
      { text: after, skipped: ['T01', 'T999'] }, 'IDs that are no task of the file: reported, nothing written');
  });

  test('keeps CRLF and lone-CR line breaks, a byte-order mark and a file without a final newline', () => {
    const text = '\uFEFF# Tasks: X\r\n## Phase 1: A\r\n- [ ] T001 One\r\n- [ ] T002 Two\r- [ ] T003 Three';
    assert.deepEqual(writeBack(text, proven(text, 'T001', 'T003')), { skipped: [],
      text: `\uFEFF# Tasks: X\r\n## Phase 1: A\r\n- [X] T001 One${proof}\r\n- [ ] T002 Two\r- [X] T003 Three${proof}` });
  });

  test('is idempotent, and a task unticked by hand gets its link replaced, not doubled', () => {
    const fixture = readFileSync(new URL('../../fixtures/spec-kit/current-template.md', import.meta.url), 'utf8');
    const once = writeBack(fixture, proven(fixture, 'T002', 'T013'));
    assert.deepEqual(once.skipped, []);
    assert.notEqual(once.text, fixture);
    assert.deepEqual(writeBack(once.text, proven(fixture, 'T002', 'T013')), once);
    assert.equal(once.text.split('\n').filter((line, i) => line !== fixture.split('\n')[i]).length, 2);
    const unticked = '- [ ] T001 Redo ([proof](opsroom://run/7))\n';
    assert.deepEqual(writeBack(unticked, proven(unticked, 'T001')), { text: `- [X] T001 Redo${proof}\n`, skipped: [] });
    assert.deepEqual(writeBack(unticked, proven('- [ ] T001 Redo  \n', 'T001')).skipped, [], 'the old link is not part of the text');
  });

  test('a task whose text changed since the plan was compiled is not ticked, and is reported', () => {
    const compiled = '## Phase 1: A\n- [ ] T001 Create src/a.ts\n- [ ] T002 Create src/b.ts\n- [ ] T003 Create src/c.ts\n';
    const { before, after } = beforeAfter([ // regenerated during the run: T001 reworded, T002 now another task
      ['## Phase 1: A'],
      ['- [ ] T001 Create src/a.ts and its test'],
      ['- [ ] T002 Write the README'],
      ['- [ ] T003 Create src/c.ts ', `- [X] T003 Create src/c.ts${proof} `],
      ['- [ ] T004 Create src/b.ts'],
      [''],
    ]);
    assert.deepEqual(writeBack(before, proven(compiled, 'T001', 'T002', 'T003')), { text: after, skipped: ['T001', 'T002'] });
    const done = '- [X] T001 Something else\n';
    assert.deepEqual(writeBack(done, proven(compiled, 'T001')), { text: done, skipped: ['T001'] }, 'done, but not the task proven');
  });

  test('a task whose checkbox is not at the start of its line is left as it is, and reported', () => {
    for (const text of ['<!-- c --> - [ ] T001 a\n', '<!--\n- [ ] T001 a --> - [ ] T002 b\n']) {
      const ids = parseTasks(text).phases.flatMap((phase) => phase.tasks).map((task) => task.id);
      assert.deepEqual(ids, [text.includes('T002') ? 'T002' : 'T001'], 'a task to the parser');
      assert.deepEqual(writeBack(text, proven(text, ...ids)), { text, skipped: ids }, text);
    }
  });

  test('a task text longer than a step description holds matches the description it was cut to', () => {
    const text = `## Phase 1: A\n- [ ] T001 ${'a'.repeat(6000)}\n`;
    const [step] = compileTasks(text, { path: '/p/tasks.md' }).plan.steps;
    assert.equal(step!.description!.length, 5000);
    const { text: written, skipped } = writeBack(text, new Map([['T001', { link, text: step!.description! }]]));
    assert.deepEqual(skipped, []);
    assert.ok(written.startsWith('## Phase 1: A\n- [X] T001 aaa') && written.endsWith(`a${proof}\n`));
  });

  test('nothing proven: the same text; a link with spaces or parentheses is escaped so the Markdown link holds', () => {
    const text = '- [ ] T001 One\n';
    assert.deepEqual(writeBack(text, new Map()), { text, skipped: [] });
    assert.equal(writeBack(text, new Map([['T001', { link: 'file:///a b/(c)<!--', text: 'T001 One' }]])).text,
      '- [X] T001 One ([proof](file:///a%20b/%28c%29%3C!--))\n');
  });
});

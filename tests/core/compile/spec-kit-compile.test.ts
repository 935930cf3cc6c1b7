import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CoreError } from '../../../electron/core/errors.ts';
import { compileTasks } from '../../../electron/core/compile/spec-kit/compile-tasks.ts';
import { parseTasks } from '../../../electron/core/compile/spec-kit/parse-tasks.ts';
import { writeBack } from '../../../electron/core/compile/spec-kit/write-back.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { topologicalWaves } from '../../../shared/ir/step-order.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/spec-kit/${name}`, import.meta.url), 'utf8');
const needsOf = (plan: Plan) => Object.fromEntries(plan.steps.map((s) => [s.id, s.needs ?? []]));
const step = (plan: Plan, id: string) => plan.steps.find((s) => s.id === id)!;
const runs = (fallback: number) => Number(process.env.OPSROOM_PROPERTY_RUNS) || fallback;
const PATH = '/work/repo/specs/001-bookmark-sync/tasks.md';

describe('Spec Kit task list → plan', () => {
  test('current template: phases are waves behind gates, [P] alongside, non-[P] in sequence, same file serialised, depends-on kept', () => {
    const { plan, warnings } = compileTasks(fixture('current-template.md'), { path: PATH, agentCommand: 'my-agent --task "$OPSROOM_TASK"' });
    assert.deepEqual(warnings, []);
    assert.equal(plan.name, 'Tasks: Bookmark Sync');
    assert.deepEqual(plan.origin, { kind: 'spec-kit', path: PATH });
    assert.deepEqual(needsOf(plan), {
      T002: [], T003: [], T004: [], 'phase-1': ['T002', 'T003', 'T004'],
      T005: ['phase-1'], T006: ['phase-1'], T007: ['phase-1'], T008: ['T005', 'T006', 'T007'], 'phase-2': ['T008'],
      T009: ['phase-2'], T010: ['phase-2'], T011: ['phase-2'], T012: ['phase-2'],
      T013: ['T009', 'T010', 'T011', 'T012'], // the tasks since the previous sequential one, its depends-on among them
      T014: ['phase-2'], T015: ['T014'], // both [P], both name src/api/bookmarks.js
      T016: ['T013', 'T014', 'T015'], 'phase-3': ['T016'],
      T017: ['phase-3'], T018: ['phase-3'], T019: ['phase-3'], T020: ['T017', 'T018', 'T019'], T021: ['T020'], 'phase-4': ['T021'],
      T022: ['phase-4'], T023: ['T022'], 'phase-5': ['T023'],
      T024: ['phase-5'], T025: ['phase-5'], 'phase-6': ['T024', 'T025'],
    }, 'T001 is done: not a step');
    assert.deepEqual(topologicalWaves(plan.steps), [
      ['T002', 'T003', 'T004'], ['phase-1'], ['T005', 'T006', 'T007'], ['T008'], ['phase-2'],
      ['T009', 'T010', 'T011', 'T012', 'T014'], ['T013', 'T015'], ['T016'], ['phase-3'],
      ['T017', 'T018', 'T019'], ['T020'], ['T021'], ['phase-4'], ['T022'], ['T023'], ['phase-5'], ['T024', 'T025'], ['phase-6'],
    ]);
    assert.deepEqual(plan.steps.filter((s) => s.lane).map((s) => `${s.id}:${s.lane}`), [
      'T003:A', 'T004:B', 'T006:A', 'T007:B', 'T009:A', 'T010:B', 'T011:C', 'T012:D', 'T014:A', 'T015:B',
      'T017:A', 'T018:B', 'T019:C', 'T022:A', 'T025:A',
    ], '[P] tasks get lane hints round-robin within each phase; sequential ones none');
    assert.equal(step(plan, 'T013').name, 'T013 [US1] Implement BookmarkService in src/services/bookmark-service.js (depends on T011, T012)');
    assert.equal(step(plan, 'T003').name, 'T003 Configure linting in .eslintrc.json');
  });

  test('a task step runs the agent in the repository with the task in its environment and proves the files it names', () => {
    const { plan } = compileTasks(fixture('current-template.md'), { path: PATH, agentCommand: 'agent ${TASK} --model x' });
    assert.deepEqual(step(plan, 'T013'), {
      id: 'T013',
      name: 'T013 [US1] Implement BookmarkService in src/services/bookmark-service.js (depends on T011, T012)',
      description: 'T013 [US1] Implement BookmarkService in src/services/bookmark-service.js (depends on T011, T012)',
      tool: 'shell',
      input: {
        command: 'agent $${TASK} --model x', // the shell's ${TASK}, an IR literal
        cwd: '/work/repo',
        env: {
          OPSROOM_TASK_ID: 'T013',
          OPSROOM_TASK: 'T013 [US1] Implement BookmarkService in src/services/bookmark-service.js (depends on T011, T012)',
          OPSROOM_TASK_FILES: 'src/services/bookmark-service.js',
          OPSROOM_FEATURE_DIR: '/work/repo/specs/001-bookmark-sync',
          OPSROOM_TASKS_FILE: PATH,
        },
      },
      needs: ['T009', 'T010', 'T011', 'T012'],
      verify: [{ kind: 'exit_code', expect: 0 }, { kind: 'file', path: '/work/repo/src/services/bookmark-service.js' }],
    });
    assert.deepEqual(step(plan, 'T023').verify, [{ kind: 'exit_code', expect: 0 }, { kind: 'file', path: '/work/repo/specs/001-bookmark-sync/quickstart.md' }],
      'the feature\'s own documents are in its folder');
  });

  test('gates: a backticked command in Checkpoint or Independent Test runs with an exit-code verifier; otherwise the phase\'s files are proven', () => {
    const { plan } = compileTasks(fixture('current-template.md'), { path: PATH, agentCommand: 'agent' });
    const foundational = step(plan, 'phase-2');
    assert.equal(foundational.input.command, 'npm test');
    assert.equal(foundational.input.cwd, '/work/repo');
    assert.deepEqual(foundational.verify, [{ kind: 'exit_code', expect: 0 }]);
    assert.equal(step(plan, 'phase-4').input.command, 'node --test tests/integration/sync.test.js', 'from the Independent Test');
    const story1 = step(plan, 'phase-3');
    assert.equal(story1.input.command, 'exit 0');
    assert.deepEqual(story1.verify.map((v) => v.kind === 'file' && v.path.replace('/work/repo/', '')), [
      'tests/contract/bookmarks-post.test.js', 'tests/integration/save.test.js', 'src/models/tag.js', 'src/lib/url.js',
      'src/services/bookmark-service.js', 'src/api/bookmarks.js',
    ]);
    assert.match(story1.description!, /^Checkpoint: At this point, User Story 1 should be fully functional/);
    assert.match(story1.description!, /no backticked command in the checkpoint, so this gate runs `exit 0` and proves that the 6 files this phase names exist/i);
    assert.equal(story1.name, 'Checkpoint: Phase 3: User Story 1 - Save a bookmark (Priority: P1) 🎯 MVP');
  });

  test('2025 format: Phase 3.1…3.5 waves, range and "blocks" dependencies inside a phase, cross-phase ones left to the gates', () => {
    const { plan, warnings } = compileTasks(fixture('format-2025.md'), { path: '/srv/sms/specs/002-sms-gateway/tasks.md', agentCommand: 'agent' });
    assert.deepEqual(warnings, []);
    assert.equal(plan.name, 'Tasks: SMS Gateway');
    assert.deepEqual(needsOf(plan), {
      T001: [], T002: ['T001'], T003: [], 'phase-3-1': ['T002', 'T003'],
      T004: ['phase-3-1'], T005: ['phase-3-1'], T006: ['phase-3-1'], T007: ['phase-3-1'], 'phase-3-2': ['T004', 'T005', 'T006', 'T007'],
      T008: ['phase-3-2'], T009: ['phase-3-2'], T010: ['T008', 'T009'], T011: ['phase-3-2'],
      T012: ['T008', 'T009', 'T010', 'T011'], T013: ['T012', 'T011'], T014: ['T013'], 'phase-3-3': ['T014'],
      T015: ['phase-3-3'], T016: ['phase-3-3'], T017: ['T016'], 'phase-3-4': ['T015', 'T017'],
      T018: ['phase-3-4'], T019: ['phase-3-4'], T020: ['T018', 'T019'], 'phase-3-5': ['T020'],
    });
    assert.deepEqual(topologicalWaves(plan.steps), [
      ['T001', 'T003'], ['T002'], ['phase-3-1'], ['T004', 'T005', 'T006', 'T007'], ['phase-3-2'],
      ['T008', 'T009', 'T011'], ['T010'], ['T012'], ['T013'], ['T014'], ['phase-3-3'],
      ['T015', 'T016'], ['T017'], ['phase-3-4'], ['T018', 'T019'], ['T020'], ['phase-3-5'],
    ]);
    assert.equal(step(plan, 'T001').input.cwd, '/srv/sms');
  });

  test('dependencies that cannot hold are reported with their line and dropped: a later phase, a cycle; malformed lines too', () => {
    const text = [
      '# Tasks: Edges', //                                                   1
      '## Phase 1: Setup', //                                                2
      '- [ ] T001 Scaffold in src/a.ts (depends on T004)', //                3  later phase
      '- [ ] T002 Configure in src/b.ts (depends on T003)', //               4  T003 needs T002 (sequence): cycle
      '- [ ] T003 Wire in src/c.ts', //                                      5
      '- [ ] T0003 [P] Bad', //                                              6  fine: 4 digits
      '- [ ] T05 Too short', //                                              7
      '## Phase 2: Build', //                                                8
      '- [ ] T004 Build in src/d.ts (depends on T001, T009)', //             9  T009 unknown
    ].join('\n');
    const { plan, warnings } = compileTasks(text, { path: 'specs/x/tasks.md', agentCommand: 'agent' });
    assert.deepEqual(warnings, [
      'specs/x/tasks.md:3: task T001 depends on T004, which is in a later phase (Phase 2: Build): phases run in order, so this dependency cannot hold; ignored',
      'specs/x/tasks.md:4: task T002 depends on T003, which closes a cycle (T002 -> T003 -> T002: each waits for the next); ignored',
      'specs/x/tasks.md:7: "T05" is not a task ID: an ID is T and at least three digits (T001), followed by a space; line skipped',
      'specs/x/tasks.md:9: dependency on T009, which is not a task of this file; ignored',
    ]);
    assert.deepEqual(needsOf(plan), { T001: [], T002: ['T001'], T003: ['T002'], T0003: [], 'phase-1': ['T003', 'T0003'], T004: ['phase-1'], 'phase-2': ['T004'] });
  });

  test('without an agent command the plan still shows the waves; every task step fails saying how to set one', () => {
    const { plan, warnings } = compileTasks(fixture('format-2025.md'), { path: '/r/specs/002/tasks.md' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^\/r\/specs\/002\/tasks\.md: no agent command: .*--agent "COMMAND" or the OPSROOM_AGENT_COMMAND environment variable/);
    assert.match(String(step(plan, 'T001').input.command), /^echo 'no agent command to run this task: .*OPSROOM_AGENT_COMMAND.*' 1>&2 && exit 1$/);
    assert.equal(step(plan, 'phase-3-1').input.command, 'exit 0', 'gates do not need the agent');
    assert.equal(topologicalWaves(plan.steps).length, 17);
  });

  test('repoRoot: the folder above specs/, else the file\'s folder, else the option; done tasks and finished phases are not steps', () => {
    const text = '# Tasks: T\n## Phase 1: A\n- [X] T001 Done in src/a.ts\n## Phase 2: B\n- [ ] T002 Open in src/b.ts\n';
    const at = (path: string, repoRoot?: string) => compileTasks(text, { path, agentCommand: 'a', repoRoot }).plan;
    assert.equal(step(at('/home/me/project/specs/003-x/tasks.md'), 'T002').input.cwd, '/home/me/project');
    assert.equal(step(at('/home/me/notes/tasks.md'), 'T002').input.cwd, '/home/me/notes');
    assert.equal(step(at('/home/me/notes/tasks.md', '/elsewhere'), 'T002').input.cwd, '/elsewhere');
    assert.deepEqual(at('/p/tasks.md').steps.map((s) => s.id), ['T002', 'phase-2']);
  });

  test('nothing to run is refused with the reason', () => {
    assert.throws(() => compileTasks('# Notes\n\nJust prose.\n', { path: 'notes/tasks.md' }),
      (e: unknown) => e instanceof CoreError && e.code === 'INVALID_INPUT' && /^notes\/tasks\.md: no Spec Kit task found/.test(e.message));
    assert.throws(() => compileTasks('## Phase 1: A\n- [ ] T1 bad\n', { path: 't.md' }),
      (e: unknown) => e instanceof CoreError && /no Spec Kit task found.*line 2: "T1" is not a task ID/.test(e.message));
    assert.throws(() => compileTasks('## Phase 1: A\n- [X] T001 finished\n', { path: 't.md' }),
      (e: unknown) => e instanceof CoreError && /every task is already done/.test(e.message));
  });
});

describe('Spec Kit compiler on random text (property)', () => {
  // Lines that are mostly near-valid (task lines, phase headings, dependency rules) with noise spliced in, so
  // both compiled plans and refusals come up.
  const noise = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '${x}', '\r', '`', '[P]', '(', ')', 'src/a.ts', '`b/c.py`', '<!--', '-->'));
  const id = fc.oneof(fc.integer({ min: 1, max: 12 }).map((n) => `T${String(n).padStart(3, '0')}`), fc.constantFrom('T01', 'TXXX', 'T1', '**T002**'));
  const taskLine = fc.tuple(fc.constantFrom('- [ ] ', '- [ ] ', '- [X] ', '- [x] ', '- [~] ', '* [ ] ', '  - [ ] ', '- []'), id,
    fc.constantFrom('', ' [P]', ' [US1]', ' [P] [US2]', ' [US1] [US2]'), noise,
    fc.constantFrom('', ' in src/a.ts', ' in src/b.ts', ' (depends on T001, T003)', ' (depends on T002-T009)', ' (depends on T099)'))
    .map((parts) => parts.join(''));
  const other = fc.constantFrom('## Phase 1: Setup', '## Phase 3.2: Tests', '## Phase 4: User Story 2 - X (Priority: P2)',
    '## Phase 3: User Story 1 - Y', '### Sub', '# Tasks: F', '## Dependencies', '## Notes', '```', '~~~', '---',
    '**Checkpoint**: `npm test`', '**Independent Test**: run `./x.sh` and `GET /x`', '- T001 blocks T002', '- Tests (T001-T004) before (T005-T009)');
  const line = fc.oneof(taskLine, taskLine, other, fc.tuple(noise, fc.oneof(taskLine, other), noise).map((parts) => parts.join('')));
  const text = fc.array(line, { maxLength: 40 }).map((lines) => lines.join('\n'));

  test('parseTasks never throws; compileTasks returns a valid plan or throws a CoreError that names the file', () => {
    fc.assert(fc.property(text, fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), (input, agentCommand) => {
      const list = parseTasks(input);
      for (const problem of list.problems) assert.ok(problem.line >= 1 && problem.message.length > 0);
      try {
        const { plan, warnings } = compileTasks(input, { path: 'specs/x/tasks.md', agentCommand });
        assert.ok(plan.steps.length > 0);
        for (const warning of warnings) assert.match(warning, /^specs\/x\/tasks\.md(:\d+)?: /);
      } catch (error) {
        assert.ok(error instanceof CoreError, `not a CoreError: ${(error as Error).stack}`);
        assert.match(error.message, /^specs\/x\/tasks\.md/);
      }
    }), { numRuns: runs(300) });
  });

  test('writeBack never throws, changes only proven open task lines and is idempotent', () => {
    fc.assert(fc.property(text, fc.subarray(['T001', 'T002', 'T003', 'T0003']), (input, ids) => {
      const tasks = parseTasks(input).phases.flatMap((p) => p.tasks);
      const proven = new Map(ids.map((id) => [id, { link: 'opsroom://run/7', text: tasks.find((t) => t.id === id)?.text ?? '' }]));
      const once = writeBack(input, proven);
      assert.deepEqual(writeBack(once.text, proven), once);
      const before = input.split(/\r\n|\n|\r/);
      const after = once.text.split(/\r\n|\n|\r/);
      assert.equal(after.length, before.length);
      const open = new Set(tasks.filter((t) => !t.done && proven.has(t.id) && !once.skipped.includes(t.id)).map((t) => t.line));
      before.forEach((text, i) => {
        if (open.has(i + 1)) assert.match(after[i]!, /\[X\].* \(\[proof\]\(opsroom:\/\/run\/7\)\)\s*$/);
        else assert.equal(after[i], text);
      });
    }), { numRuns: runs(300) });
  });
});

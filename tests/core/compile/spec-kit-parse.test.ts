import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { filesIn } from '../../../electron/core/compile/spec-kit/file-paths.ts';
import { parseTasks, type TaskList } from '../../../electron/core/compile/spec-kit/parse-tasks.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/spec-kit/${name}`, import.meta.url), 'utf8');
const task = (list: TaskList, id: string) => list.phases.flatMap((p) => p.tasks).find((t) => t.id === id);

describe('Spec Kit tasks.md parser', () => {
  test('current template: phases with their story, goal, independent test and checkpoint; task labels, files and depends-on', () => {
    const list = parseTasks(fixture('current-template.md'));
    assert.deepEqual(list.problems, []);
    assert.equal(list.feature, 'Bookmark Sync');
    assert.deepEqual(list.phases.map((p) => [p.number, p.title, p.story ?? null, p.tasks.map((t) => t.id).join(' ')]), [
      ['1', 'Setup (Shared Infrastructure)', null, 'T001 T002 T003 T004'],
      ['2', 'Foundational (Blocking Prerequisites)', null, 'T005 T006 T007 T008'],
      ['3', 'User Story 1 - Save a bookmark (Priority: P1) 🎯 MVP', 'US1', 'T009 T010 T011 T012 T013 T014 T015 T016'],
      ['4', 'User Story 2 - Sync across devices (Priority: P2)', 'US2', 'T017 T018 T019 T020 T021'],
      ['5', 'Polish & Cross-Cutting Concerns', null, 'T022 T023'],
      ['6', 'Convergence', null, 'T024 T025'],
    ], 'T999 in an HTML comment and the T012 quoted in a fenced example are not tasks');
    const story1 = list.phases[2]!;
    assert.equal(story1.line, 56);
    assert.equal(story1.goal, 'A person saves a URL with a title and finds it in their list');
    assert.equal(story1.independentTest, 'Save https://example.com through POST /bookmarks and list it back with GET /bookmarks');
    assert.equal(story1.checkpoint, 'At this point, User Story 1 should be fully functional and testable independently');
    assert.equal(list.phases[1]!.checkpoint, 'Foundation ready - `npm test` passes, user story implementation can now begin in parallel');

    assert.deepEqual(task(list, 'T001'), {
      id: 'T001', line: 34, done: true, parallel: false, description: 'Create project structure (src/, tests/) per implementation plan',
      text: 'T001 Create project structure (src/, tests/) per implementation plan', files: ['src/', 'tests/'], dependsOn: [],
    });
    assert.deepEqual(task(list, 'T013'), {
      id: 'T013', line: 73, done: false, parallel: false, story: 'US1',
      description: 'Implement BookmarkService in src/services/bookmark-service.js (depends on T011, T012)',
      text: 'T013 [US1] Implement BookmarkService in src/services/bookmark-service.js (depends on T011, T012)',
      files: ['src/services/bookmark-service.js'], dependsOn: ['T011', 'T012'],
    });
    assert.equal(task(list, 'T012')!.line, 72, 'the task line, not the copy in the fenced example');
    assert.deepEqual(task(list, 'T012')!.files, ['src/lib/url.js'], 'backticked path');
    assert.deepEqual([task(list, 'T002')!.files, task(list, 'T004')!.files, task(list, 'T009')!.files],
      [['package.json'], ['.editorconfig'], ['tests/contract/bookmarks-post.test.js']], 'POST /bookmarks is a route, not a file');
    assert.equal(task(list, 'T016')!.files.length, 0);
    assert.deepEqual([task(list, 'T014')!.parallel, task(list, 'T016')!.parallel], [true, false]);
  });

  test('2025 format: Phase 3.1…3.5, no story labels, Dependencies section with ranges and "blocks"', () => {
    const list = parseTasks(fixture('format-2025.md'));
    assert.deepEqual(list.problems, [], 'the Validation Checklist\'s checkboxes carry no ID and sit outside the phases');
    assert.equal(list.feature, 'SMS Gateway');
    assert.deepEqual(list.phases.map((p) => `${p.number} ${p.title}: ${p.tasks.length}`), [
      '3.1 Setup: 3', '3.2 Tests First (TDD) ⚠️ MUST COMPLETE BEFORE 3.3: 4', '3.3 Core Implementation (ONLY after tests are failing): 7',
      '3.4 Integration: 3', '3.5 Polish: 3',
    ]);
    // `Tests (T004-T007) before implementation (T008-T014)` and `T008 blocks T010, T012`, `T010 blocks T012, T015`
    assert.deepEqual(task(list, 'T012')!.dependsOn, ['T004', 'T005', 'T006', 'T007', 'T008', 'T010']);
    assert.deepEqual(task(list, 'T010')!.dependsOn, ['T004', 'T005', 'T006', 'T007', 'T008', 'T009']);
    assert.deepEqual(task(list, 'T015')!.dependsOn, ['T010']);
    assert.deepEqual(task(list, 'T017')!.dependsOn, ['T016']);
    assert.deepEqual(task(list, 'T020')!.dependsOn, [], '"Implementation before polish (T018-T020)" relates no tasks');
    assert.deepEqual(task(list, 'T005')!.files, ['tests/contract/test_quota_get.py'], '/quota/{key} is a route');
    assert.deepEqual(task(list, 'T001')!.files, ['src/', 'tests/']);
  });

  test('malformed task lines are reported with their line number and skipped, never guessed', () => {
    const text = [
      '# Tasks: Broken', //                                              1
      '## Phase 1: Setup', //                                            2
      '- [ ] T001 Create the layout in src/', //                         3
      '- [ ] T01 Initialise the project', //                             4  bad ID
      '- [ ] Configure linting in .eslintrc.json', //                    5  no ID in a phase
      '- [ ] T001 Again the layout', //                                  6  duplicate
      '- [ ] T002 [US1] Story work outside a story phase', //            7  [USn] outside a story phase
      '- [~] T003 Half done', //                                         8  unknown mark
      '- [ ] TXXX [P] Template placeholder', //                          9  placeholder ID
      '- [ ] T004', //                                                  10  no description
      '- [ ] T005 Depends on a ghost (depends on T099)', //             11  unknown dependency
      '## Phase 2: User Story 1 - Login (Priority: P1)', //             12
      '- [ ] T006 [US2] Wrong story', //                                13  other story
      '- [ ] T007 [US1] [US2] Two stories', //                          14
      '- [ ] T008 [P] [US1] Right story in src/login.ts', //            15
      '  - [ ] a sub-item of T008 is not a task', //                    16
      '## Checklist', //                                                17
      '- [ ] Every task names a file', //                               18  not a task: outside phases, no ID
      '## Dependencies', //                                             19
      '- T008 blocks T001', //                                          20  fine here (the graph reports later-phase edges)
      '- Tests (T009-T004) before polish (T008)', //                    21  backwards range
    ].join('\n');
    const list = parseTasks(text);
    assert.deepEqual(list.phases.flatMap((p) => p.tasks.map((t) => t.id)), ['T001', 'T005', 'T008']);
    assert.deepEqual(list.problems.map((p) => p.line), [4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 21]);
    const message = (line: number) => list.problems.find((p) => p.line === line)!.message;
    assert.match(message(4), /"T01" is not a task ID: an ID is T and at least three digits/);
    assert.match(message(5), /without a task ID/);
    assert.match(message(6), /T001 is already used on line 3; line skipped/);
    assert.match(message(7), /\[US1\] outside a user story phase/);
    assert.match(message(8), /checkbox "\[~\]"/);
    assert.match(message(9), /"TXXX" is not a task ID/);
    assert.match(message(10), /T004 has no description/);
    assert.match(message(11), /T099, which is not a task of this file/);
    assert.match(message(13), /labelled \[US2\] in the phase of User Story 1/);
    assert.match(message(14), /several story labels/);
    assert.match(message(21), /range T009-T004 runs backwards/);
    assert.deepEqual(task(list, 'T001')!.dependsOn, ['T008']);
  });

  test('CRLF, a byte-order mark, bold IDs and tasks outside any phase', () => {
    const list = parseTasks('\uFEFF# Tasks: Mixed\r\n\r\n## Backlog\r\n- [x] **T001** [P] Done already in `README.md`\r\n- [ ] T002 Next\r\n');
    assert.equal(list.feature, 'Mixed');
    assert.deepEqual(list.phases.map((p) => [p.title, p.number, p.line, p.tasks.map((t) => `${t.id}:${t.line}:${t.done}:${t.parallel}`)]),
      [['Backlog', null, 3, ['T001:4:true:true', 'T002:5:false:false']]]);
    assert.deepEqual(list.phases[0]!.tasks[0]!.files, ['README.md']);
  });
});

describe('file paths in a task description', () => {
  const cases: [string, string[]][] = [
    ['Create User model in src/models/user.py', ['src/models/user.py']],
    ['Contract test in tests/test_x.py and `tests/test_y.py`.', ['tests/test_x.py', 'tests/test_y.py']],
    ['Add scripts to package.json, README.md and .env.example', ['package.json', 'README.md', '.env.example']],
    ['Create src/ and tests/ directories (see ./docs/layout.md)', ['src/', 'tests/', 'docs/layout.md']],
    ['Wire Node.js and Next.js, e.g. with socket.io via example.com', []],
    ['Call GET /api/users/me and GET/PUT the preferences; read and/or write', []],
    ['See https://example.com/docs/a.md, github.com/org/repo/file.ts and ../outside.ts', []],
    ['Glob src/**/*.ts, $HOME/x.ts and tests/contract/test_{name}.py are not files', []],
    ['Backticked `App.js` is a file, bare App.js a library name', ['App.js']],
    ['Next.js page in src/app/[slug]/page.tsx', ['src/app/[slug]/page.tsx']],
    ['Version 3.1 of v1.2 is not a file; i.e. nothing here', []],
  ];
  for (const [text, files] of cases) test(text, () => assert.deepEqual(filesIn(text), files));
});

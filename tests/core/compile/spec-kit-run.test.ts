import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { compileTasks } from '../../../electron/core/compile/spec-kit/compile-tasks.ts';
import { writeBack } from '../../../electron/core/compile/spec-kit/write-back.ts';
import type { RunEvent } from '../../../shared/domain/run.ts';
import { tempDir } from '../../helpers/tmp.ts';

// A scripted coding agent: creates the files its task names (a package.json with a test script for T002, so
// the Foundational checkpoint's `npm test` has something to run), except for T012, where it reports success
// and writes nothing: ran, but not proven.
const AGENT = `#!/bin/sh
echo "agent working on $OPSROOM_TASK_ID: $OPSROOM_TASK"
[ "$OPSROOM_TASK_ID" = T012 ] && exit 0
printf '%s\\n' "$OPSROOM_TASK_FILES" | while IFS= read -r file; do
  case "$file" in
    '') ;;
    */) mkdir -p "$file" ;;
    package.json) echo '{ "private": true, "scripts": { "test": "test -f src/lib/db.js" } }' > package.json ;;
    *) mkdir -p "$(dirname "$file")" && echo "// $OPSROOM_TASK_ID" >> "$file" ;;
  esac
done
`;

/** Resolves with the write-back's log event of the run; rejects if none comes within 120 s of the call. */
const writeBackEvent = (core: Core, runId: () => number | undefined) => new Promise<RunEvent>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no write-back event within 120 s')), 120_000);
  const stop = core.subscribe((events) => {
    const event = events.find((e) => e.runId === runId() && e.kind === 'log' && e.payload?.specKit);
    if (event) {
      stop();
      clearTimeout(timer);
      resolve(event);
    }
  });
});

/**
 * Compiles `text` as the tasks.md of a new feature folder (the agent: `echo hello`), lets `meanwhile` change
 * that file, runs the plan on one lane to success; resolves once its write-back is logged.
 */
async function runOneLane(text: string, meanwhile: (tasksFile: string) => void) {
  const dir = tempDir().path;
  const tasksFile = join(dir, 'specs', '002-feature', 'tasks.md');
  mkdirSync(dirname(tasksFile), { recursive: true });
  writeFileSync(tasksFile, text);
  const core = await createCore({ dataDir: join(dir, 'data'), lanes: ['A'] });
  try {
    const { plan } = compileTasks(text, { path: tasksFile, agentCommand: 'echo hello' });
    meanwhile(tasksFile);
    let runId: number | undefined;
    const logged = writeBackEvent(core, () => runId);
    const { run } = await core.runs.enqueue({ plan });
    runId = run.id;
    assert.equal((await core.runs.follow(run.id, () => undefined)).status, 'succeeded');
    return { plan, run, event: await logged, tasksFile };
  } finally {
    await core.close();
  }
}

describe('Spec Kit run on a real core: proven tasks are ticked in tasks.md', () => {
  test('a scripted agent: [X] with a proof link only for proven tasks; the unproven one and those not run stay [ ]', async () => {
    const dir = tempDir().path;
    const repo = join(dir, 'repo');
    const feature = join(repo, 'specs', '001-bookmark-sync');
    const tasksFile = join(feature, 'tasks.md');
    mkdirSync(feature, { recursive: true });
    mkdirSync(join(repo, 'src'));
    mkdirSync(join(repo, 'tests')); // T001 is done already: the layout exists
    const fixture = readFileSync(new URL('../../fixtures/spec-kit/current-template.md', import.meta.url), 'utf8');
    const original = fixture.replaceAll('\n', '\r\n');
    writeFileSync(tasksFile, original);
    writeFileSync(join(dir, 'agent.sh'), AGENT);

    const core = await createCore({ dataDir: join(dir, 'data') });
    try {
      const { plan, warnings } = compileTasks(original, { path: tasksFile, agentCommand: `sh ${join(dir, 'agent.sh')}` });
      assert.deepEqual(warnings, []);
      let runId: number | undefined;
      const logged = writeBackEvent(core, () => runId);
      const { run } = await core.runs.enqueue({ plan, source: tasksFile });
      runId = run.id;
      const final = await core.runs.follow(run.id, () => undefined);
      const event = await logged;
      assert.equal(final.status, 'failed');

      const [{ steps }, proofs] = await Promise.all([core.runs.get(run.id), core.proofs.list(run.id)]);
      const status = Object.fromEntries(steps.map((s) => [s.stepId, s.status]));
      const t012 = proofs.filter((p) => p.stepId === 'T012').map((p) => [p.verifierKind, p.passed]);
      assert.equal(status.T012, 'failed');
      assert.deepEqual(t012, [['exit_code', true], ['file', false]], 'the agent exited 0, its file is missing');
      for (const id of ['T002', 'T003', 'T004', 'phase-1', 'T005', 'T006', 'T007', 'T008', 'phase-2']) assert.equal(status[id], 'succeeded', id);
      for (const id of ['T013', 'T016', 'phase-3', 'T017', 'T021', 'T025', 'phase-6']) assert.equal(status[id], 'skipped', id);

      // Proven, computed here from what the run stored: the step succeeded and every one of its proofs passed.
      const provenIds = steps.filter((s) => /^T\d+$/.test(s.stepId) && s.status === 'succeeded'
        && proofs.filter((p) => p.stepId === s.stepId).every((p) => p.passed)).map((s) => s.stepId);
      assert.ok(['T002', 'T008'].every((id) => provenIds.includes(id)) && !provenIds.includes('T012'));
      const link = `opsroom://run/${run.id}`;
      const after = readFileSync(tasksFile, 'utf8');
      const description = (id: string) => plan.steps.find((s) => s.id === id)!.description!;
      assert.deepEqual(writeBack(original, new Map(provenIds.map((id) => [id, { link, text: description(id) }]))), { text: after, skipped: [] });
      const lines = after.split('\r\n');
      const lineOf = (id: string) => lines.find((line) => line.startsWith('- [') && line.includes(` ${id} `))!;
      assert.equal(lineOf('T002'), `- [X] T002 Initialize the Node project in package.json with a test script ([proof](${link}))`);
      assert.equal(lineOf('T001'), '- [X] T001 Create project structure (src/, tests/) per implementation plan', 'done before: untouched');
      for (const id of ['T012', 'T013', 'T016', 'T017', 'T025']) assert.match(lineOf(id), /^- \[ \] /, id);
      assert.equal(after.replaceAll('\r\n', '').includes('\n'), false, 'CRLF line endings kept');
      assert.equal(lines.filter((line, i) => line !== original.split('\r\n')[i]).length, provenIds.length, 'only proven lines changed');
      assert.deepEqual(readdirSync(feature), ['tasks.md'], 'no temporary file left behind');

      assert.equal(event.level, 'info');
      assert.equal(event.message, `Spec Kit: marked ${provenIds.length} proven tasks [X] in ${tasksFile}: ${provenIds.join(', ')}`);
      const { proven, notProven, notTicked } = event.payload!.specKit as { proven: string[]; notProven: string[]; notTicked: string[] };
      assert.deepEqual(proven, provenIds);
      assert.deepEqual(notTicked, []);
      assert.ok(notProven.includes('T012') && notProven.includes('T025') && !notProven.some((id) => provenIds.includes(id)), notProven.join());
    } finally {
      await core.close();
    }
  });

  test('a task reworded while the run went on, and one whose checkbox follows a comment: not ticked, and said', async () => {
    const compiled = '# Tasks: Edited\n\n## Phase 1: Setup\n\n- [ ] T001 Say hello\n- [ ] T002 Say bye\n<!-- note --> - [ ] T003 Say hi\n';
    const edited = compiled.replace('T001 Say hello', 'T001 Say hello twice');
    // tasks.md regenerated after the plan was compiled
    const { plan, run, event, tasksFile } = await runOneLane(compiled, (file) => writeFileSync(file, edited));
    assert.deepEqual(plan.steps.map((s) => s.id), ['T001', 'T002', 'T003', 'phase-1']);
    assert.equal(readFileSync(tasksFile, 'utf8'), edited.replace('- [ ] T002 Say bye', `- [X] T002 Say bye ([proof](opsroom://run/${run.id}))`));
    assert.equal(event.level, 'warn');
    assert.equal(event.message, `Spec Kit: marked 1 proven task [X] in ${tasksFile}: T002; T001, T003 changed since the run started: not ticked`);
    const { proven, notTicked } = event.payload!.specKit as { proven: string[]; notTicked: string[] };
    assert.deepEqual([proven, notTicked], [['T001', 'T002', 'T003'], ['T001', 'T003']]);
  });

  test('a tasks.md that vanished before the run ended: a warning in the run\'s log, nothing else breaks', async () => {
    const { event, tasksFile } = await runOneLane('# Tasks: Gone\n\n## Phase 1: Setup\n\n- [ ] T001 Say hello\n', rmSync);
    assert.equal(event.level, 'warn');
    assert.equal(event.message, `Spec Kit: could not mark T001 done in ${tasksFile}: the file is gone (moved or deleted since the plan was compiled)`);
    assert.deepEqual(readdirSync(dirname(tasksFile)), []);
  });
});

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../electron/core/index.ts';
import { openTargetFor, MAX_PLAN_FILE_BYTES } from '../../electron/main/links/plan-file.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('a plan file opened from the OS (real core)', () => {
  let core: Core;
  let dir: string;
  before(async () => {
    dir = tempDir().path;
    core = await createCore({ dataDir: join(dir, 'data'), lanes: ['A'], runWorkers: false });
  });
  after(() => core.close());

  test('is stored as a plan and offered, never run', async () => {
    const file = join(dir, 'greet.opsplan.json');
    copyFileSync(new URL('../fixtures/plans/greet.json', import.meta.url), file);
    const target = await openTargetFor(core, { kind: 'plan-file', path: file });
    assert.equal(target.kind, 'plan');
    const listed = (await core.plans.list()).find((p) => target.kind === 'plan' && p.id === target.planId);
    assert.ok(listed, 'the plan is in the command bar\'s list');
    assert.equal((await core.runs.list({})).length, 0, 'opening ran nothing');
  });

  test('other targets pass through untouched', async () => {
    assert.deepEqual(await openTargetFor(core, { kind: 'run', runId: 7 }), { kind: 'run', runId: 7 });
  });

  test('each problem is one specific message naming the file', async () => {
    const bad = async (name: string, content: string | null) => {
      const file = join(dir, name);
      if (content !== null) writeFileSync(file, content);
      return assert.rejects(openTargetFor(core, { kind: 'plan-file', path: file }));
    };
    await assert.rejects(openTargetFor(core, { kind: 'plan-file', path: join(dir, 'missing.opsplan.json') }), /missing\.opsplan\.json: no such file/);
    await bad('broken.opsplan.json', '{"version": 1,');
    await assert.rejects(openTargetFor(core, { kind: 'plan-file', path: join(dir, 'broken.opsplan.json') }), /broken\.opsplan\.json is not JSON/);
    writeFileSync(join(dir, 'invalid.opsplan.json'), JSON.stringify({ name: 'x', steps: 'none' }));
    await assert.rejects(openTargetFor(core, { kind: 'plan-file', path: join(dir, 'invalid.opsplan.json') }), /invalid\.opsplan\.json/);
    mkdirSync(join(dir, 'folder.opsplan.json'));
    await assert.rejects(openTargetFor(core, { kind: 'plan-file', path: join(dir, 'folder.opsplan.json') }), /it is not a file/);
    writeFileSync(join(dir, 'huge.opsplan.json'), Buffer.alloc(MAX_PLAN_FILE_BYTES + 1, 32));
    await assert.rejects(openTargetFor(core, { kind: 'plan-file', path: join(dir, 'huge.opsplan.json') }), /too big for a plan/);
    assert.equal((await core.plans.list()).length, 1, 'nothing invalid was stored');
  });
});

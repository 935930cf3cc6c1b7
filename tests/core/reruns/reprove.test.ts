import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/core/index.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { runsOf } from './plans.ts';

const finish = (core: Core, id: number) => core.runs.follow(id, () => undefined);

/** deploy (proved by the service's answer) → note (proved by its exit code); each counts its runs. */
function deployPlan(dir: string, url: string): Plan {
  return {
    irVersion: 1, name: 'deploy v1',
    steps: [
      { id: 'deploy', tool: 'shell', input: { command: `echo ran >> '${join(dir, 'deploy.count')}'` },
        verify: [{ kind: 'exit_code' }, { kind: 'http', url, bodyContains: 'version 1' }] },
      { id: 'note', tool: 'shell', needs: ['deploy'], input: { command: `echo ran >> '${join(dir, 'note.count')}'` },
        verify: [{ kind: 'exit_code' }] },
    ],
  };
}

describe('re-prove a past run against live state (real core, a real HTTP server on loopback)', () => {
  let core: Core;
  let server: Server;
  let answer = 'version 1';
  let url = '';
  /** Set: the server holds its answer and calls this instead (a re-check in flight). */
  let holding: (() => void) | null = null;
  before(async () => {
    core = await createCore({ dataDir: join(tempDir().path, 'data') });
    server = createServer((_req, res) => (holding ? holding() : res.end(answer)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/version`;
  });
  after(async () => {
    await core.close();
    await new Promise((resolve) => server.close(resolve));
  });

  test('still true: the re-prove succeeds with re-check proofs linked to the old ones, and runs no action', async () => {
    const dir = tempDir().path;
    answer = 'version 1';
    const { run } = await core.runs.enqueue({ plan: deployPlan(dir, url) });
    assert.equal((await finish(core, run.id)).status, 'succeeded');
    const oldProofs = await core.proofs.list(run.id);

    const reprove = await core.runs.reprove(run.id);
    assert.deepEqual([reprove.parentRunId, reprove.rerunKind], [run.id, 'reprove']);
    const done = await finish(core, reprove.id);
    assert.equal(done.status, 'succeeded', done.error ?? '');
    assert.deepEqual([runsOf(dir, 'deploy'), runsOf(dir, 'note')], [1, 1], 'no action ran again');
    const { rechecks } = await core.runs.reruns(reprove.id);
    // Re-checks of independent steps may be stored in any order: compare sorted.
    const sorted = (rows: (string | number | boolean | undefined)[][]) => rows.map((r) => JSON.stringify(r)).sort();
    assert.deepEqual(sorted(rechecks.map((c) => [c.stepId, c.verifierKind, c.passed, c.of?.proofId])),
      sorted(oldProofs.map((p) => [p.stepId, p.verifierKind, true, p.id])), 'every old proof re-checked, each linked to it');
    assert.deepEqual(await core.proofs.list(run.id), oldProofs, 'the old proofs are unchanged');
  });

  test('the service changed its answer: drift is recorded, and visible from the original run', async () => {
    const dir = tempDir().path;
    answer = 'version 1';
    const { run } = await core.runs.enqueue({ plan: deployPlan(dir, url) });
    assert.equal((await finish(core, run.id)).status, 'succeeded');
    const oldHttp = (await core.proofs.list(run.id)).find((p) => p.verifierKind === 'http')!;

    answer = 'version 2';
    const reprove = await core.runs.reprove(run.id);
    const drifted = await finish(core, reprove.id);
    assert.equal(drifted.status, 'failed');
    assert.match(drifted.error ?? '', /^drift: step deploy/);
    assert.deepEqual([runsOf(dir, 'deploy'), runsOf(dir, 'note')], [1, 1], 'no action ran');

    const recheck = (await core.proofs.list(reprove.id)).find((p) => p.stepId === 'deploy' && p.verifierKind === 'http')!;
    assert.deepEqual([recheck.phase, recheck.passed, recheck.recheckOf], ['recheck', false, oldHttp.id]);
    assert.notEqual(recheck.evidenceSha256, oldHttp.evidenceSha256, 'the new evidence is what the service says now');

    const fromOriginal = await core.runs.reruns(run.id);
    assert.deepEqual(fromOriginal.children.map((c) => [c.id, c.rerunKind, c.status, c.drift.map((d) => [d.stepId, d.verifierKind])]),
      [[reprove.id, 'reprove', 'failed', [['deploy', 'http']]]]);
    assert.match(fromOriginal.children[0]!.drift[0]!.summary, /version 1/);
    const { rechecks } = await core.runs.reruns(reprove.id);
    const http = rechecks.find((c) => c.verifierKind === 'http')!;
    assert.deepEqual([http.passed, http.of?.passed, http.of?.runId, http.of?.evidenceSha256], [false, true, run.id, oldHttp.evidenceSha256]);

    await assert.rejects(core.runs.reprove(999_999), { code: 'UNKNOWN_RUN' });
  });

  test('a re-prove cancelled while it re-checks is not drift: the original run shows none', async () => {
    const dir = tempDir().path;
    answer = 'version 1';
    const { run } = await core.runs.enqueue({ plan: deployPlan(dir, url) });
    assert.equal((await finish(core, run.id)).status, 'succeeded');

    const asked = new Promise<void>((resolve) => { holding = resolve; });
    const reprove = await core.runs.reprove(run.id);
    await asked;
    await core.runs.cancel(reprove.id);
    assert.equal((await finish(core, reprove.id)).status, 'cancelled');
    holding = null;
    const cut = (await core.proofs.list(reprove.id)).find((p) => p.verifierKind === 'http')!;
    assert.deepEqual([cut.passed, cut.phase], [false, 'recheck'], 'the cut re-check is stored as it ended');
    assert.deepEqual((await core.runs.reruns(run.id)).children.map((c) => [c.id, c.status, c.drift]), [[reprove.id, 'cancelled', []]]);
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCore, type Core } from '../../electron/core/index.ts';
import { startReplayServer, type ReplayResponse, type ReplayServer } from '../helpers/loopback-vendor.ts';
import { runSkill } from '../helpers/run-skill.ts';
import { tempDir } from '../helpers/tmp.ts';

// A protocol test: a loopback server replays the responses Vercel documents for GET /v13/deployments/{idOrUrl}
// (https://vercel.com/docs/rest-api/reference/endpoints/deployments/get-a-deployment-by-id-or-url).
const TOKEN = 'vercel-tok-H6-2c9f0a71';

/** The public part of Vercel's deployment object, as documented, in a given readyState. */
const deployment = (id: string, readyState: string, extra: Record<string, unknown> = {}): ReplayResponse => ({
  body: {
    id, name: 'my-project', url: 'my-project-3ij3cxz9qr.vercel.app', readyState, status: readyState,
    type: 'LAMBDAS', target: 'production', createdAt: 1540257589405, buildingAt: 1540257589405,
    creator: { uid: '96SnxkFiMyVKsK3pnoHfx3Hz', username: 'john-doe' }, regions: ['sfo1'], version: 2,
    alias: readyState === 'READY' ? ['my-project.vercel.app'] : [], aliasAssigned: readyState === 'READY',
    projectId: 'prj_12HKQaOmR5t5Uy6vdcQsNIiZgHGB', ...extra,
  },
});

const dir = tempDir('opsroom-vercel-');
let core: Core;
let vercel: ReplayServer;

before(async () => {
  core = await createCore({ dataDir: join(dir.path, 'data'), lanes: ['A'] });
  vercel = await startReplayServer({
    // The lookup step's request and its verifier's, the ready step's own: its verifier then sees BUILDING twice.
    'GET /v13/deployments/dpl_building': [deployment('dpl_building', 'QUEUED'), deployment('dpl_building', 'INITIALIZING'),
      ...Array.from({ length: 3 }, () => deployment('dpl_building', 'BUILDING')), deployment('dpl_building', 'READY', { ready: 1540257599405 })],
    'GET /v13/deployments/dpl_broken': [deployment('dpl_broken', 'BUILDING'),
      deployment('dpl_broken', 'ERROR', { errorCode: 'BUILD_FAILED', errorMessage: 'Command "npm run build" exited with 1' })],
    // Vercel's error shape for a token it does not know.
    'GET /v13/deployments/dpl_forbidden': { status: 403, body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } } },
  });
});

after(async () => {
  await vercel?.close();
  await core?.close();
  dir.remove();
});

const params = (id: string, waitMs: number) => ({ deployment: id, token: TOKEN, api: vercel.url, wait_ms: waitMs, interval_ms: 100 });

async function storedText(runId: number): Promise<string> {
  const [bundle, events] = await Promise.all([core.proofs.bundle(runId), core.runs.events(runId, 0, 100_000)]);
  return JSON.stringify({ bundle, events });
}

test('waits through QUEUED and BUILDING until the deployment is READY', async () => {
  const { run, proofs, plan } = await runSkill(core, 'vercel-deploy-check', params('dpl_building', 20_000));
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const ready = proofs.find((proof) => proof.stepId === 'ready')!;
  assert.equal(ready.passed, true);
  assert.deepEqual(ready.evidence.json, { path: 'readyState', found: true, value: 'READY' });
  assert.equal(ready.evidence.attempts, 3, 'BUILDING, BUILDING, READY');

  const asked = vercel.requests.filter((request) => request.path.startsWith('/v13/deployments/dpl_building'));
  assert.equal(asked.length, 6);
  assert.ok(asked.every((request) => request.method === 'GET' && request.headers.authorization === `Bearer ${TOKEN}`));
  assert.equal(asked[0]!.path, '/v13/deployments/dpl_building?teamId=');
  assert.equal(JSON.stringify(plan).includes(TOKEN), false, 'the token is not written into the plan');
  assert.equal((await storedText(run.id)).includes(TOKEN), false, 'the token is not stored anywhere in the run');
});

test('a deployment that ends in ERROR fails when the wait is over, with Vercel\'s error as evidence', async () => {
  const { run, steps, proofs } = await runSkill(core, 'vercel-deploy-check', params('dpl_broken', 1500));
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['lookup', 'succeeded'], ['ready', 'failed']]);
  const ready = proofs.find((proof) => proof.stepId === 'ready')!;
  assert.equal(ready.passed, false);
  assert.deepEqual(ready.evidence.json, { path: 'readyState', found: true, value: 'ERROR' });
  assert.match(String(ready.evidence.bodyExcerpt), /"errorMessage":"Command \\"npm run build\\" exited with 1"/);
  assert.match(ready.summary, /json readyState is "ERROR", expected "READY"/);
  assert.equal((await storedText(run.id)).includes(TOKEN), false);
});

test('a token Vercel refuses fails the lookup at once', async () => {
  const started = Date.now();
  const { run, steps, proofs } = await runSkill(core, 'vercel-deploy-check', params('dpl_forbidden', 600_000));
  assert.equal(run.status, 'failed');
  assert.ok(Date.now() - started < 60_000, 'it did not wait for the deployment');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['lookup', 'failed'], ['ready', 'skipped']]);
  const lookup = proofs.find((proof) => proof.stepId === 'lookup')!;
  assert.equal(lookup.evidence.status, 403);
  assert.match(String(lookup.evidence.bodyExcerpt), /"invalidToken":true/);
  assert.equal(lookup.config.headers && (lookup.config.headers as Record<string, string>).Authorization, '***');
});

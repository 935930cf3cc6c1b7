import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeIncident, incidentLine, type HealthIncident } from '../../../shared/domain/health.ts';
import { createCore, createIpcServer, shellPlan } from '../../../electron/core/index.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { client, until } from '../ipc/ipc-kit.ts';

test('a lane worker that crashes is reported to every connection and to a window opened later', async () => {
  const dir = tempDir().path;
  process.env.OPSROOM_TEST_CRASH_MARKER = join(dir, 'crash-once');
  writeFileSync(process.env.OPSROOM_TEST_CRASH_MARKER, '');
  const core = await createCore({
    dataDir: join(dir, 'data'), lanes: ['A'],
    workerUrls: { lane: new URL('../../fixtures/crashing-lane-worker.ts', import.meta.url) },
  });
  const ipc = createIpcServer(core, { shell: 'desktop', version: '0' });
  const window = client(ipc);
  const heard: HealthIncident[] = [];
  core.onHealth((incident) => heard.push(incident));
  try {
    const { run } = await core.runs.enqueue({ plan: shellPlan('echo one; sleep 3; echo two') });
    assert.equal((await core.runs.follow(run.id, () => undefined)).status, 'succeeded');

    assert.equal(heard.length, 1);
    const [incident] = heard;
    assert.equal(incident!.component, 'lane-worker');
    assert.match(incident!.worker!, /^A1@.*\.0$/);
    assert.equal(incident!.state, 'recovered');
    assert.match(incident!.error, /^planted crash \(exit code 1\)$/);
    assert.deepEqual(incident!.requeuedRunIds, [run.id]);
    assert.equal(describeIncident(incident!, '14:02'), `Lane worker A1 stopped unexpectedly at 14:02 and was replaced; run ${run.id} was requeued.`);

    await until(() => window.pushes.some((p) => p.event === 'app.health'), 'the app.health push');
    const push = window.pushes.find((p) => p.event === 'app.health')!.data as { incident: HealthIncident; health: { status: string } };
    assert.deepEqual(push.incident, incident);
    assert.equal(push.health.status, 'ok');
    const later = await client(ipc).call('app.health', {});
    assert.deepEqual(later, { status: 'ok', fatal: null, incidents: [incident] });
  } finally {
    ipc.close();
    await core.close();
    delete process.env.OPSROOM_TEST_CRASH_MARKER;
  }
});

test('incidents read as one sentence each, on a terminal with what to do', () => {
  const base: HealthIncident = {
    id: 1, component: 'database', worker: null, at: new Date(0), error: 'boom (exit code 1)', state: 'recovering',
    recoveredAt: null, requeuedRunIds: [],
  };
  assert.equal(describeIncident(base, '14:02'), 'The database stopped unexpectedly at 14:02; restarting it…');
  assert.equal(describeIncident({ ...base, state: 'recovered', requeuedRunIds: [4, 5] }, '14:02'),
    'The database stopped unexpectedly at 14:02 and was restarted; 2 runs were requeued.');
  assert.equal(describeIncident({ ...base, state: 'recovered' }, '14:02'), 'The database stopped unexpectedly at 14:02 and was restarted.');
  assert.equal(describeIncident({ ...base, state: 'fatal' }, '14:02'), 'The database stopped unexpectedly at 14:02 and could not be restarted.');
  const fatal = { ...base, state: 'fatal' as const };
  assert.match(incidentLine(fatal, { status: 'fatal', fatal: { message: 'm', action: 'Quit and reopen the app.' }, incidents: [fatal] }),
    /^The database stopped unexpectedly at \d\d:\d\d:\d\d and could not be restarted\. \(boom \(exit code 1\)\) Quit and reopen the app\.$/);
});

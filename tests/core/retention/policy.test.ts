import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createCore } from '../../../electron/core/index.ts';
import { startAutoPurge } from '../../../electron/core/retention/auto-purge.ts';
import { retentionApi } from '../../../electron/core/retention/retention-api.ts';
import { noSecrets, scalar, seeded } from './seeded.ts';

const settingsOf = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;

describe('the retention policy', () => {
  test('lives in settings.json beside what a person wrote there; bad values are refused and change nothing', async () => {
    const { store, dataDir } = await seeded({ runs: 100, events: 1_000 });
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ agentCommand: 'agent run' }));
    const api = retentionApi(store, dataDir, noSecrets);
    assert.deepEqual(await api.policy(), { runsDays: null, proofsDays: null, sessions: [], lastPurge: null });

    const policy = await api.setPolicy({ runsDays: 30, proofsDays: 365 });
    assert.deepEqual([policy.runsDays, policy.proofsDays], [30, 365]);
    assert.deepEqual(settingsOf(dataDir), { agentCommand: 'agent run', retention: { runsDays: 30, proofsDays: 365 } });

    await assert.rejects(api.setPolicy({ proofsDays: 10 }), (e: Error & { code?: string }) =>
      e.code === 'INVALID_INPUT' && /proofs are kept at least as long as their runs: proofs 10 days is less than runs 30 days/.test(e.message));
    await assert.rejects(api.setPolicy({ runsDays: 0 }), { code: 'INVALID_INPUT', message: /runs days: keep runs at least 1 day \(got 0\)/ });
    assert.deepEqual(settingsOf(dataDir).retention, { runsDays: 30, proofsDays: 365 }, 'refusals wrote nothing');

    assert.equal((await api.setPolicy({ proofsDays: null })).proofsDays, null);
    await api.setPolicy({ runsDays: null });
    assert.deepEqual(settingsOf(dataDir), { agentCommand: 'agent run' }, 'an empty policy leaves no trace');

    writeFileSync(join(dataDir, 'settings.json'), '{ "retention": ');
    await assert.rejects(api.setPolicy({ runsDays: 5 }), { code: 'NOT_CONFIGURED', message: /settings\.json is not valid JSON/ });
    assert.equal(readFileSync(join(dataDir, 'settings.json'), 'utf8'), '{ "retention": ', 'a broken file is never overwritten');
  });

  test("a session's period is shown with the policy; an unknown session or period is refused", async () => {
    const { sql, store, dataDir } = await seeded({ runs: 100, events: 1_000 });
    const api = retentionApi(store, dataDir, noSecrets);
    const id = await scalar(sql, "SELECT min(id) FROM sessions WHERE title LIKE 'session %'");
    assert.deepEqual((await api.setSessionRetention(id, 7)).sessions, [{ id, title: 'session 1', retentionDays: 7 }]);
    await assert.rejects(api.setSessionRetention(99_999, 7), { code: 'UNKNOWN_SESSION' });
    await assert.rejects(api.setSessionRetention(id, 0), { code: 'INVALID_INPUT' });
    assert.deepEqual((await api.setSessionRetention(id, null)).sessions, []);
  });

  test('each purge is recorded; the daily purge runs when one is due and waits when one was recent', async () => {
    const { sql, store, dataDir } = await seeded({ runs: 500, events: 5_000 });
    const api = retentionApi(store, dataDir, noSecrets);
    await api.setPolicy({ runsDays: 100 });
    let purges = 0;
    let looked = 0;
    const watched = {
      purge: (options: Parameters<typeof api.purge>[0]) => (purges++, api.purge(options)),
      lastPurge: () => (looked++, store.lastPurge()),
    };
    const waitFor = async (what: () => boolean) => {
      for (let i = 0; !what() && i < 500; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const first = startAutoPurge(watched, { startDelayMs: 0, intervalMs: 3_600_000 });
    await waitFor(() => purges === 1 && looked === 1);
    await first.stop();
    assert.equal(purges, 1);
    const last = await store.lastPurge();
    assert.ok(last && last.complete && last.runsDeleted > 0, 'the due purge ran and was recorded');
    assert.equal(await scalar(sql, "SELECT count(*) FROM runs WHERE finished_at < now() - interval '100 days'"), 0);

    const second = startAutoPurge(watched, { startDelayMs: 0, intervalMs: 3_600_000 });
    await waitFor(() => looked === 2);
    await second.stop();
    assert.equal(purges, 1, 'a purge an hour ago is recent enough: none now');
    assert.equal(await scalar(sql, 'SELECT count(*) FROM retention_purges'), 1);
  });

  test('a long-lived core purges on its own (the option serve, worker and the app set)', async () => {
    const { sql, dataDir } = await seeded({ runs: 500, events: 5_000 });
    await sql.close(); // the core's database thread takes the folder
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ retention: { runsDays: 200 } }));
    const core = await createCore({ dataDir, runWorkers: false, retention: { autoPurge: true, startDelayMs: 0 } });
    try {
      let policy = await core.retention.policy();
      for (let i = 0; !policy.lastPurge && i < 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        policy = await core.retention.policy();
      }
      assert.ok(policy.lastPurge, 'purged soon after start');
      assert.ok(policy.lastPurge.runsDeleted > 200, `${policy.lastPurge.runsDeleted} runs`);
      const oldest = (await core.runs.list({ until: new Date(Date.now() - 201 * 86_400_000), limit: 1 }));
      assert.deepEqual(oldest, []);
    } finally {
      await core.close();
    }
  });
});

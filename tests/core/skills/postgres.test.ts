import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/tmp.ts';

const STOCK = fileURLToPath(new URL('../../fixtures/skills/stock/', import.meta.url));
const note = (version: string) => `skill: note\nversion: ${version}\ntitle: A note\ntags: [a, b]\nsteps:\n  - { id: n, tool: shell, input: { command: "true" }, verify: [{ kind: exit_code }] }\n`;

// The skills table on a shared PostgreSQL: migration 0006 (which replaces 0001's unused table) and the sync.
describe('the skills table on PostgreSQL', () => {
  let server: TestPostgres;
  let core: Core;
  let db: pg.Client;
  const dataDir = tempDir().path;
  const rows = async () => (await db.query('SELECT name, version, source, tags, params, definition->>\'title\' AS title FROM skills ORDER BY name')).rows;

  before(async () => {
    server = await startPostgres();
    core = await createCore({ databaseUrl: server.url, dataDir, runWorkers: false, stockSkillsDir: STOCK });
    db = new pg.Client({ connectionString: server.url });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await core?.close();
    server?.stop();
  });

  test('holds the skills in use, follows edits of the user folder, and drops a deleted one', async () => {
    assert.deepEqual((await rows()).map((r) => [r.name, r.version, r.source]), [['greet', '1.0.0', 'stock'], ['http-health', '1.0.0', 'stock']]);
    assert.deepEqual((await rows())[1]!.params.status, { type: 'integer', default: 200, min: 100, max: 599 });
    const file = join(dataDir, 'skills', 'note.yaml');
    const waitFor = async (check: (r: Awaited<ReturnType<typeof rows>>) => boolean) => {
      for (let i = 0; i < 250 && !check(await rows()); i += 1) await sleep(20);
      return rows();
    };
    writeFileSync(file, note('1.0.0'));
    const added = await waitFor((r) => r.some((x) => x.name === 'note'));
    assert.deepEqual(added.find((x) => x.name === 'note'), { name: 'note', version: '1.0.0', source: 'user', tags: ['a', 'b'], params: {}, title: 'A note' });
    writeFileSync(file, note('2.0.0'));
    assert.equal((await waitFor((r) => r.some((x) => x.version === '2.0.0'))).find((x) => x.name === 'note')?.version, '2.0.0');
    rmSync(file);
    assert.deepEqual((await waitFor((r) => !r.some((x) => x.name === 'note'))).map((x) => x.name), ['greet', 'http-health']);
  });
});

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createSecretStore, RUN_PARAM_PREFIX } from '../../../electron/core/mcp/secret-store.ts';
import { tempDir } from './mcp-test-kit.ts';

const run = promisify(execFile);
const storeModule = pathToFileURL(join(import.meta.dirname, '../../../electron/core/mcp/secret-store.ts')).href;
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

describe('the secret store shared by several processes (the app, the CLI, lane workers) on one data folder', () => {
  test('run parameters: 20 set at once through two stores are all kept, each in its own 0600 file, never listed', async () => {
    const dir = tempDir('secrets-runs');
    const stores = [createSecretStore(dir), createSecretStore(dir)];
    const all = names(`${RUN_PARAM_PREFIX}p`, 20);
    await Promise.all(all.map((name, i) => stores[i % 2]!.set(name, `value of ${name}`)));
    for (const name of all) assert.equal(await stores[(all.indexOf(name) + 1) % 2]!.get(name), `value of ${name}`);
    assert.deepEqual(readdirSync(join(dir, 'run-secrets')).sort(), all, 'one file each, no temporary file left');
    assert.deepEqual(readdirSync(dir), ['run-secrets'], 'secrets.json is not involved');
    assert.deepEqual(await stores[0]!.list(), []);
    if (process.platform !== 'win32') {
      assert.equal(statSync(join(dir, 'run-secrets')).mode & 0o777, 0o700);
      assert.equal(statSync(join(dir, 'run-secrets', all[0]!)).mode & 0o777, 0o600);
    }
    assert.equal(readFileSync(join(dir, 'run-secrets', all[3]!), 'utf8'), `value of ${all[3]}`);

    assert.equal(await stores[1]!.delete(all[0]!), true);
    assert.equal(await stores[0]!.delete(all[0]!), false);
    assert.equal(await stores[0]!.get(all[0]!), null, 'a missing file reads as no secret');
    assert.equal(await stores[0]!.get(`${RUN_PARAM_PREFIX}../secrets.json`), null, 'a name that is no file name is never read');
    await assert.rejects(stores[0]!.set(`${RUN_PARAM_PREFIX}a/b`, 'x'), /secret name "run-param\.a\/b" is not/);
  });

  test('named secrets: 20 set at once through two stores are all kept; the lock file is gone afterwards', async () => {
    const dir = tempDir('secrets-named');
    const stores = [createSecretStore(dir), createSecretStore(dir)];
    const all = names('NAMED_', 20);
    await Promise.all(all.map((name, i) => stores[i % 2]!.set(name, `value of ${name}`)));
    assert.deepEqual(await createSecretStore(dir).list(), all);
    for (const name of all) assert.equal(await stores[0]!.get(name), `value of ${name}`);
    assert.deepEqual(readdirSync(dir), ['secrets.json']);
    // Deletes through both stores at once lose nothing either.
    const results = await Promise.all(all.slice(0, 10).map((name, i) => stores[i % 2]!.delete(name)));
    assert.deepEqual(results, Array(10).fill(true));
    assert.deepEqual(await stores[1]!.list(), all.slice(10));
  });

  test('named secrets: two processes setting 20 each at once keep all 40', async () => {
    const dir = tempDir('secrets-procs');
    const script = (prefix: string) => `
      const { createSecretStore } = await import(${JSON.stringify(storeModule)});
      const store = createSecretStore(${JSON.stringify(dir)});
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.set('${prefix}' + i, 'v' + i)));`;
    await Promise.all(['A_', 'B_'].map((prefix) => run(process.execPath, ['--input-type=module', '-e', script(prefix)])));
    const listed = await createSecretStore(dir).list();
    assert.equal(listed.length, 40, listed.join(' '));
    assert.deepEqual(readdirSync(dir), ['secrets.json']);
  });

  test('a writer waits for a lock another process holds, and takes over one left behind', async () => {
    const dir = tempDir('secrets-lock');
    const lock = join(dir, 'secrets.json.lock');
    const store = createSecretStore(dir);

    writeFileSync(lock, '');
    const started = Date.now();
    const waiting = store.set('after', 'x');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await store.get('after'), null, 'nothing written while the lock is held');
    // The other process removes its lock.
    await import('node:fs/promises').then((fs) => fs.rm(lock));
    await waiting;
    assert.ok(Date.now() - started >= 300);
    assert.equal(await store.get('after'), 'x');
    assert.ok(!existsSync(lock));

    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    await store.set('stale', 'y');
    assert.equal(await store.get('stale'), 'y');
    assert.ok(!existsSync(lock), 'the stale lock was taken over and released');
  });
});

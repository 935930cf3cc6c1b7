import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createSecretStore } from '../../../electron/core/mcp/secret-store.ts';
import { serverEnv } from '../../../electron/core/mcp/server-env.ts';
import { tempDir } from './mcp-test-kit.ts';

describe('the secret store', () => {
  test('set, get, list names, delete; the file is 0600 and no temp file is left behind', async () => {
    const dir = tempDir('secrets');
    const store = createSecretStore(dir);
    assert.deepEqual(await store.list(), []);
    assert.equal(await store.get('token'), null);
    await Promise.all([store.set('token', 's3cret'), store.set('api.key', 'k'), store.set('other', 'o')]);
    assert.equal(await store.get('token'), 's3cret');
    assert.deepEqual(await store.list(), ['api.key', 'other', 'token']);
    assert.equal(await store.delete('other'), true);
    assert.equal(await store.delete('other'), false);
    assert.deepEqual(await createSecretStore(dir).list(), ['api.key', 'token'], 'a second store reads the same file');
    if (process.platform !== 'win32') assert.equal(statSync(join(dir, 'secrets.json')).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['secrets.json']);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')), { version: 1, secrets: { 'api.key': 'k', token: 's3cret' } });
  });

  test('bad names are refused, and a foreign file is not taken for a secrets file', async () => {
    const store = createSecretStore(tempDir('secrets-bad'));
    await assert.rejects(store.set('has space', 'x'), /secret name "has space" is not 1-128 letters/);
    await assert.rejects(store.set('__proto__', 'x'), /secret name "__proto__"/);
    const dir = tempDir('secrets-foreign');
    await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, 'secrets.json'), '{"token":"x"}'));
    await assert.rejects(createSecretStore(dir).get('token'), /secrets.json is not a secrets file of this app/);
  });
});

describe('a server\'s environment', () => {
  const runtime = { parentEnv: { PATH: '/usr/bin', HOME: '/home/me', AWS_SECRET_ACCESS_KEY: 'leak', REGION: 'eu' }, execPath: '/opt/app/node' };
  const secrets = { get: async (name: string) => (name === 'token' ? 't0k' : null) };
  const server = (env: Record<string, string>, command = 'npx') => ({ name: 'srv', command, env });

  test('the base allowlist plus the server\'s env, with ${env:…} and ${secret:…} filled in; nothing else leaks', async () => {
    const env = await serverEnv(server({ AUTH: 'Bearer ${secret:token}', AREA: '${env:REGION}-1', PLAIN: 'x' }), secrets, runtime);
    assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/home/me', AUTH: 'Bearer t0k', AREA: 'eu-1', PLAIN: 'x' });
  });

  test('what cannot be resolved is named: server, variable, and the missing name', async () => {
    await assert.rejects(serverEnv(server({ KEY: '${secret:missing}' }), secrets, runtime),
      /^Error: server srv: env KEY needs secret "missing", which is not in the secret store/);
    await assert.rejects(serverEnv(server({ KEY: '${env:NOPE}' }), secrets, runtime),
      /^Error: server srv: env KEY uses \$\{env:NOPE\}, but NOPE is not set in the app's environment$/);
  });

  test('our own binary under Electron is told to run as Node, and only then', async () => {
    const electron = { ...runtime, electronVersion: '45.4.1' };
    assert.equal((await serverEnv(server({}, '/opt/app/node'), secrets, electron)).ELECTRON_RUN_AS_NODE, '1');
    assert.equal((await serverEnv(server({}, 'npx'), secrets, electron)).ELECTRON_RUN_AS_NODE, undefined);
    assert.equal((await serverEnv(server({}, '/opt/app/node'), secrets, runtime)).ELECTRON_RUN_AS_NODE, undefined);
  });
});

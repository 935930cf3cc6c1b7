import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCore, createSecretStore } from '../../electron/core/index.ts';
import { CLI, cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

/** The CLI with `input` piped to its stdin. */
function withStdin(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { OPSROOM_DATA_DIR: _d, OPSROOM_DATABASE_URL: _u, ...env } = process.env;
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

test('secrets set (value on stdin), list (names only), rm — while the app holds the data folder', async (t) => {
  const dataDir = join(tempDir().path, 'data');
  // A running core holds the data folder's lock: secrets are set without opening the database.
  const core = await createCore({ dataDir, lanes: ['A'] });
  t.after(() => core.close());
  const store = createSecretStore(dataDir);

  const set = await withStdin(['secrets', 'set', 'hook-key', '--data-dir', dataDir], 's3cr3t-from-stdin\n');
  assert.equal(set.code, 0, set.stderr);
  assert.equal(set.stdout.trim(), 'secret hook-key stored');
  assert.equal(await store.get('hook-key'), 's3cr3t-from-stdin', 'stored without the trailing newline');
  await withStdin(['secrets', 'set', 'another', '--data-dir', dataDir], 'x');

  const list = await cli(['secrets', 'list', '--data-dir', dataDir]);
  assert.equal(list.stdout, 'another\nhook-key\n');
  const listed = await cli(['secrets', 'list', '--json', '--data-dir', dataDir]);
  assert.deepEqual(JSON.parse(listed.stdout), ['another', 'hook-key']);
  assert.doesNotMatch(list.stdout + listed.stdout + set.stdout + set.stderr, /s3cr3t/);

  const rm = await cli(['secrets', 'rm', 'hook-key', '--data-dir', dataDir]);
  assert.equal(rm.code, 0, rm.stderr);
  assert.equal(await store.get('hook-key'), null);
  const again = await cli(['secrets', 'rm', 'hook-key', '--data-dir', dataDir]);
  assert.equal(again.code, 1);
  assert.equal(again.stdout.trim(), 'there was no secret hook-key');
});

test('a value is never taken from the command line, an empty one is refused, a bad name is said', async () => {
  const dataDir = join(tempDir().path, 'data');
  const onArgv = await cli(['secrets', 'set', 'k', 'the-value', '--data-dir', dataDir]);
  assert.equal(onArgv.code, 2);
  assert.match(onArgv.stderr, /secrets set takes one name; a value is never given on the command line/);
  const empty = await withStdin(['secrets', 'set', 'k', '--data-dir', dataDir], '');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /no value given for k on stdin/);
  const badName = await withStdin(['secrets', 'set', 'a b', '--data-dir', dataDir], 'v');
  assert.equal(badName.code, 2);
  assert.match(badName.stderr, /"a b" is not a secret name/);
  assert.deepEqual(await createSecretStore(dataDir).list(), [], 'nothing stored');
});

// At a terminal the value is asked for without echo. util-linux `script` gives the CLI a real pty.
test('at a terminal, secrets set asks for the value and does not echo it', async (t) => {
  if (spawnSync('script', ['--version']).status !== 0) return t.skip('util-linux `script` is not installed: no pty to test with');
  const dataDir = join(tempDir().path, 'data');
  const command = `'${process.execPath}' '${CLI}' secrets set typed-key --data-dir '${dataDir}'`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let typed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    if (!typed && output.includes('value of typed-key (not shown): ')) {
      typed = true;
      child.stdin.write('hunter2-typed\r');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, output);
  assert.ok(typed, output);
  assert.doesNotMatch(output, /hunter2-typed/, 'not echoed');
  assert.match(output, /secret typed-key stored/);
  assert.equal(await createSecretStore(dataDir).get('typed-key'), 'hunter2-typed');
});

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const SKILL = `skill: deploy-note
version: 1.0.0
title: Uses a token
params:
  token: { type: secret }
steps:
  - id: use
    tool: shell
    input: { command: 'echo "token is $T"', env: { T: "\${params.token}" } }
    verify: [{ kind: exit_code }]
`;

// A missing secret is asked for at a terminal without echo. util-linux `script` gives the CLI a real pty.
test('a secret parameter left out is asked for at the terminal, not echoed, and masked in the run', async (t) => {
  if (spawnSync('script', ['--version']).status !== 0) return t.skip('util-linux `script` is not installed: no pty to test with');
  const dataDir = join(tempDir().path, 'data');
  mkdirSync(join(dataDir, 'skills'), { recursive: true });
  writeFileSync(join(dataDir, 'skills', 'deploy-note.yaml'), SKILL);
  const command = `'${process.execPath}' '${CLI}' run --data-dir '${dataDir}' /deploy-note`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let typed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    // Typed only once asked: the terminal is then in raw mode, as when a person types.
    if (!typed && output.includes('token (secret, not shown): ')) {
      typed = true;
      child.stdin.write('hunter2-typed\r');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, output);
  assert.ok(typed, output);
  assert.doesNotMatch(output, /hunter2-typed/, 'neither echoed nor printed');
  assert.match(output, /token is \*\*\*/);
  assert.match(output, /run \d+ succeeded/);
});

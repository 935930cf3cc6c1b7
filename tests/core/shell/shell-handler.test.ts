import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ShellInputSchema, type ShellInput } from '../../../shared/ir/shell-input.ts';
import { MAX_LINE_CHARS } from '../../../electron/core/executor/line-splitter.ts';
import { shellHandler } from '../../../electron/core/executor/shell/shell-handler.ts';
import { KILL_GRACE_MS } from '../../../electron/core/executor/shell/kill-tree.ts';
import type { StepResult, StopReason } from '../../../electron/core/executor/step-handler.ts';
import { alive } from '../../helpers/alive.ts';

const NODE = `'${process.execPath}'`;

interface Logged { level: string; message: string }

/** Runs the shell tool with a real context that records everything it is told. */
function start(input: ShellInput, abortBefore?: StopReason) {
  const controller = new AbortController();
  if (abortBefore) controller.abort(abortBefore);
  const out: { stream: 'stdout' | 'stderr'; line: string }[] = [];
  const logs: Logged[] = [];
  const started = performance.now();
  const result: Promise<StepResult & { ms: number }> = shellHandler.run(ShellInputSchema.parse(input), {
    runId: 1,
    attempt: 1,
    stepId: 'step',
    signal: controller.signal,
    output: (stream, line) => out.push({ stream, line }),
    log: (level, message) => logs.push({ level, message }),
  }).then((r) => ({ ...r, ms: performance.now() - started }));
  const lines = (stream: 'stdout' | 'stderr') => out.filter((o) => o.stream === stream).map((o) => o.line);
  return { controller, out, logs, result, lines };
}

function tempDir(): string {
  const path = mkdtempSync(join(tmpdir(), 'opsroom-shell-'));
  process.once('exit', () => rmSync(path, { recursive: true, force: true }));
  return path;
}


async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await sleep(25);
  }
  return !alive(pid);
}

async function readPid(file: string): Promise<number> {
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (/^\d+\n/.test(text)) return Number.parseInt(text, 10);
    await sleep(10);
  }
  throw new Error(`no pid in ${file}`);
}

function cleanup(...pids: number[]) {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

describe('shell handler: output', () => {
  test('stdout and stderr lines arrive tagged by stream, in order per stream', async () => {
    const run = start({ command: 'for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done' });
    assert.deepEqual(await run.result.then((r) => r.ok), true);
    assert.deepEqual(run.lines('stdout'), ['out1', 'out2', 'out3', 'out4', 'out5']);
    assert.deepEqual(run.lines('stderr'), ['err1', 'err2', 'err3', 'err4', 'err5']);
    assert.equal(run.out.length, 10);
  });

  test('any exit is a completed call with its code (the exit_code verifier judges it); a signal is not', async () => {
    const ok = await start({ command: 'true' }).result;
    assert.equal(ok.ok, true);
    assert.equal(ok.exitCode, 0);
    assert.equal(ok.error, undefined);
    const three = await start({ command: 'echo doing; exit 3' }).result;
    assert.deepEqual({ ok: three.ok, exitCode: three.exitCode, error: three.error }, { ok: true, exitCode: 3, error: undefined });
    const killed = await start({ command: 'kill -9 $$' }).result;
    assert.deepEqual({ ok: killed.ok, exitCode: killed.exitCode, error: killed.error }, { ok: false, exitCode: null, error: 'killed by SIGKILL' });
  });

  test('a process killed by a signal says which', async () => {
    const result = await start({ command: 'kill -KILL $$' }).result;
    assert.deepEqual({ ok: result.ok, exitCode: result.exitCode, error: result.error }, { ok: false, exitCode: null, error: 'killed by SIGKILL' });
  });

  test('a partial last line without newline is delivered', async () => {
    const run = start({ command: "printf 'a\\nlast'; printf 'e1\\ne-last' >&2" });
    await run.result;
    assert.deepEqual(run.lines('stdout'), ['a', 'last']);
    assert.deepEqual(run.lines('stderr'), ['e1', 'e-last']);
  });

  test('CRLF endings are stripped', async () => {
    const run = start({ command: "printf 'one\\r\\ntwo\\r\\n'" });
    await run.result;
    assert.deepEqual(run.lines('stdout'), ['one', 'two']);
  });

  test('a line longer than MAX_LINE_CHARS is split into pieces', async () => {
    const run = start({
      command: `${NODE} -e "$SCRIPT"`,
      env: { SCRIPT: `process.stdout.write('x'.repeat(${MAX_LINE_CHARS * 2 + 10}) + '\\nshort\\n')` },
    });
    assert.equal((await run.result).ok, true);
    assert.deepEqual(run.lines('stdout').map((l) => l.length), [MAX_LINE_CHARS, MAX_LINE_CHARS, 10, 5]);
    assert.equal(run.lines('stdout').slice(0, 3).join(''), 'x'.repeat(MAX_LINE_CHARS * 2 + 10));
  });

  test('NUL bytes become U+FFFD', async () => {
    const run = start({ command: "printf 'a\\000b\\n'" });
    await run.result;
    assert.deepEqual(run.lines('stdout'), ['a\uFFFDb']);
  });

  test('multibyte UTF-8 split across chunk boundaries decodes correctly', async () => {
    // Writes in odd-sized chunks with pauses, so reads end in the middle of characters.
    const script = `
      const fs = require('node:fs');
      const pause = new Int32Array(new SharedArrayBuffer(4));
      const send = (text, size) => {
        const bytes = Buffer.from(text);
        for (let i = 0; i < bytes.length; i += size) { fs.writeSync(1, bytes.subarray(i, i + size)); Atomics.wait(pause, 0, 0, 1); }
      };
      send('é'.repeat(1000) + '\\n', 7);
      send('é€😀'.repeat(60) + '\\n', 5);
    `;
    const run = start({ command: `${NODE} -e "$SCRIPT"`, env: { SCRIPT: script } });
    assert.equal((await run.result).ok, true);
    assert.deepEqual(run.lines('stdout'), ['é'.repeat(1000), 'é€😀'.repeat(60)]);
  });
});

describe('shell handler: environment and cwd', () => {
  test('the parent environment is not inherited beyond the allowlist; env and envAllow are', async () => {
    process.env.OPSROOM_TEST_SECRET = 'hunter2-secret';
    try {
      const command = 'echo "secret=[$OPSROOM_TEST_SECRET]"; echo "extra=[$EXTRA_VAR]"; echo "path=[$PATH]"; env';
      const closed = start({ command, env: { EXTRA_VAR: 'given value' } });
      assert.equal((await closed.result).ok, true);
      const lines = closed.lines('stdout');
      assert.ok(lines.includes('secret=[]'), lines.join('\n'));
      assert.ok(lines.includes('extra=[given value]'));
      assert.ok(lines.includes(`path=[${process.env.PATH}]`), 'PATH is passed through');
      assert.ok(!lines.some((l) => l.includes('hunter2-secret')), 'the secret appears nowhere in the child env');

      const allowed = start({ command, envAllow: ['OPSROOM_TEST_SECRET'] });
      await allowed.result;
      assert.ok(allowed.lines('stdout').includes('secret=[hunter2-secret]'));
    } finally {
      delete process.env.OPSROOM_TEST_SECRET;
    }
  });

  test('cwd is honoured', async () => {
    const dir = tempDir();
    const run = start({ command: 'pwd -P', cwd: dir });
    assert.equal((await run.result).ok, true);
    assert.deepEqual(run.lines('stdout'), [realpathSync(dir)]);
  });

  test('a missing cwd fails with "working directory ... does not exist" and runs nothing', async () => {
    const dir = join(tempDir(), 'nope');
    const marker = join(tempDir(), 'ran');
    const run = start({ command: `touch '${marker}'`, cwd: dir });
    const result = await run.result;
    assert.equal(result.ok, false);
    assert.equal(result.error, `working directory ${dir} does not exist`);
    assert.equal(existsSync(marker), false);
    assert.deepEqual(run.out, []);
  });
});

describe('shell handler: stopping', () => {
  for (const [reason, message] of [['cancel', 'cancelled'], ['timeout', 'timed out']] as const) {
    test(`abort with '${reason}' kills the whole process tree and says "${message}"`, async () => {
      const dir = tempDir();
      const run = start({ command: 'echo $$ > shell.pid; sleep 300 & echo $! > sleep.pid; wait', cwd: dir });
      const shellPid = await readPid(join(dir, 'shell.pid'));
      const sleepPid = await readPid(join(dir, 'sleep.pid'));
      try {
        assert.ok(alive(sleepPid));
        run.controller.abort(reason);
        const result = await run.result;
        assert.equal(result.ok, false);
        assert.equal(result.error, message);
        assert.ok(await goneWithin(sleepPid, 3000), `grandchild ${sleepPid} survived the ${reason}`);
        assert.ok(await goneWithin(shellPid, 1000), `shell ${shellPid} survived the ${reason}`);
      } finally {
        cleanup(sleepPid, shellPid);
      }
    });
  }

  test("abort with 'drain' says the worker is shutting down", async () => {
    const run = start({ command: 'sleep 300' });
    await sleep(50);
    run.controller.abort('drain');
    const result = await run.result;
    assert.equal(result.error, 'stopped: the worker is shutting down');
    assert.ok(result.ms < 2000);
  });

  test('a process tree that ignores SIGTERM is SIGKILLed after the grace', async () => {
    const dir = tempDir();
    const run = start({ command: "trap '' TERM; sleep 300 & echo $! > sleep.pid; wait; wait", cwd: dir });
    const sleepPid = await readPid(join(dir, 'sleep.pid'));
    try {
      const aborted = performance.now();
      run.controller.abort('cancel');
      await sleep(KILL_GRACE_MS / 2);
      assert.ok(alive(sleepPid), 'SIGTERM is ignored, so the tree is still there during the grace');
      const result = await run.result;
      const waited = performance.now() - aborted;
      assert.equal(result.error, 'cancelled');
      assert.equal(result.exitCode, null);
      assert.ok(waited >= KILL_GRACE_MS - 100 && waited < KILL_GRACE_MS + 2000, `stopped after ${waited} ms`);
      assert.ok(await goneWithin(sleepPid, 1000), 'the grandchild was SIGKILLed too');
    } finally {
      cleanup(sleepPid);
    }
  });

  test('a signal aborted before the step starts stops the command at once', async () => {
    const dir = tempDir();
    const run = start({ command: 'sleep 3', cwd: dir }, 'cancel');
    const result = await run.result;
    assert.equal(result.ok, false);
    assert.equal(result.error, 'cancelled');
    assert.ok(result.ms < 1500, `an already-cancelled step ran for ${Math.round(result.ms)} ms`);
  });
});

describe('shell handler: output cap', () => {
  test('past maxOutputBytes lines are counted, not stored: one marker, one summary that adds up', async () => {
    const total = 500;
    const run = start({
      command: `${NODE} -e "$SCRIPT"`,
      env: { SCRIPT: `for (let i = 0; i < ${total}; i++) console.log('line-' + String(i).padStart(3, '0'))` },
      maxOutputBytes: 1000,
    });
    assert.equal((await run.result).ok, true);
    const stored = run.lines('stdout');
    const bytes = stored.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    assert.ok(bytes <= 1000, `${bytes} bytes stored`);
    assert.ok(bytes > 1000 - 9, 'stores up to the cap, not far below it');
    assert.deepEqual(stored, Array.from({ length: stored.length }, (_, i) => `line-${String(i).padStart(3, '0')}`),
      'the first lines are kept, in order');

    const markers = run.logs.filter((l) => l.message.includes('output capped at'));
    assert.equal(markers.length, 1);
    assert.equal(markers[0]!.level, 'warn');
    const summaries = run.logs.filter((l) => /more line\(s\)/.test(l.message));
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0]!.level, 'warn');
    const dropped = Number(/(\d+) more line\(s\)/.exec(summaries[0]!.message)?.[1]);
    assert.equal(stored.length + dropped, total);
    assert.equal(run.logs.length, 2);
  });

  test('under the cap: no marker, no summary', async () => {
    const run = start({ command: 'echo a; echo b', maxOutputBytes: 1000 });
    await run.result;
    assert.deepEqual(run.lines('stdout'), ['a', 'b']);
    assert.deepEqual(run.logs, []);
  });
});

describe('shell handler: background children', () => {
  test('a background child with its output redirected does not hold the step', async () => {
    const run = start({ command: 'sleep 30 >/dev/null 2>&1 & echo $!' });
    const result = await run.result;
    const pid = Number(run.lines('stdout')[0]);
    try {
      assert.equal(result.ok, true);
      assert.ok(result.ms < 3000, `took ${Math.round(result.ms)} ms`);
      assert.ok(alive(pid), 'the background child is left running, as asked');
    } finally {
      cleanup(pid);
    }
  });

  test('a background child that keeps the pipes open holds the step only briefly', async () => {
    const run = start({ command: 'sleep 30 & echo $!' });
    const result = await run.result;
    const pid = Number(run.lines('stdout')[0]);
    try {
      assert.equal(result.ok, true);
      assert.ok(result.ms < 3000, `took ${Math.round(result.ms)} ms`);
    } finally {
      cleanup(pid);
    }
  });
});

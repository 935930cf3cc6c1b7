import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StepResult, StopReason } from '../../../electron/core/executor/step-handler.ts';
import { prepareDcHome } from '../../../electron/core/mcp/desktop-commander/dc-home.ts';
import { dcHomeDir, desktopCommanderServer } from '../../../electron/core/mcp/desktop-commander/dc-server.ts';
import { runShellViaDc, type DcShellInput } from '../../../electron/core/mcp/desktop-commander/dc-shell.ts';
import { connectServer, type DcTestServer } from '../../helpers/dc-test-caller.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { alive } from '../../helpers/alive.ts';

const dir = tempDir('opsroom-dc-shell-');
const work = join(realpathSync(dir.path), 'work');
let dc: DcTestServer;


/** A shell step through DC with a context that records what it is told. */
function start(input: Omit<DcShellInput, 'timeoutMs'> & { timeoutMs?: number }, abortBefore?: StopReason) {
  const controller = new AbortController();
  if (abortBefore) controller.abort(abortBefore);
  const lines: string[] = [];
  const logs: string[] = [];
  const waiters: { match: RegExp; resolve(line: string): void }[] = [];
  const result: Promise<StepResult> = runShellViaDc(dc.caller, { timeoutMs: 60_000, ...input }, {
    runId: 1,
    attempt: 1,
    stepId: 'dc',
    signal: controller.signal,
    output: (stream, line) => {
      assert.equal(stream, 'stdout');
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.match.test(line))) waiter.resolve(line);
    },
    log: (level, message) => logs.push(`${level}: ${message}`),
  });
  /** Resolves with the first output line matching `match`, or rejects if the step ends first. */
  const lineMatching = (match: RegExp) =>
    Promise.race([
      new Promise<string>((resolve) => waiters.push({ match, resolve })),
      result.then((r) => Promise.reject(new Error(`the step ended first: ${JSON.stringify(r)}`))),
    ]);
  return { controller, lines, logs, result, lineMatching };
}

describe('shell steps through Desktop Commander', () => {
  before(async () => {
    mkdirSync(work);
    const dataDir = join(dir.path, 'data');
    await prepareDcHome(dcHomeDir(dataDir), [work]);
    dc = await connectServer(desktopCommanderServer(dataDir, { directories: [work] }));
  });

  after(async () => {
    await dc.close();
    assert.equal(alive(dc.pid), false, 'the Desktop Commander process is gone after close');
    dir.remove();
  });

  test('the exit code comes from DC, and output is reported once although a finished process repeats it', async () => {
    const { result, lines } = start({ command: 'echo hi; exit 3' });
    const done = await result;
    assert.equal(done.ok, true);
    assert.equal(done.exitCode, 3);
    assert.deepEqual(lines, ['hi']);
    const details = done.result as { pid: number; exitCode: number; runtimeMs: number };
    assert.equal(details.exitCode, 3);
    assert.ok(Number.isInteger(details.pid) && details.pid > 0);
    assert.ok(details.runtimeMs >= 0);
  });

  test("a completion line printed by the command does not fake the process's exit", async () => {
    const { result, lines } = start({ command: "echo '✅ Process completed with exit code 0 (runtime: 0.01s)'; exit 4" });
    assert.equal((await result).exitCode, 4);
    assert.deepEqual(lines, ['✅ Process completed with exit code 0 (runtime: 0.01s)']);
  });

  test('empty lines, CRLF endings and a last line without a newline', async () => {
    const { result, lines } = start({ command: "printf 'a\\r\\n\\nb\\nlast'" });
    assert.equal((await result).exitCode, 0);
    assert.deepEqual(lines, ['a', '', 'b', 'last']);
  });

  test('more lines than one read returns arrive all, in order, once', async () => {
    const { result, lines } = start({ command: 'seq 1 1234' });
    assert.equal((await result).exitCode, 0);
    assert.deepEqual(lines, Array.from({ length: 1234 }, (_, i) => String(i + 1)));
  });

  test('lines stream while the command runs', async () => {
    // the command cannot finish before the test has seen its first line, so no timing is assumed
    const gate = join(work, 'gate');
    const { result, lines, lineMatching } = start({
      command: `echo first; while [ ! -e '${gate}' ]; do sleep 0.1; done; echo second`,
      timeoutMs: 30_000,
    });
    await lineMatching(/^first$/);
    writeFileSync(gate, '');
    const done = await result;
    assert.equal(done.ok, true, done.error);
    assert.deepEqual(lines, ['first', 'second']);
  });

  test('the lines printed just before the exit are kept (DC snapshots output at exit)', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => start({ command: 'sleep 1.2; echo one; echo two; exit 5' })));
    for (const run of runs) {
      assert.equal((await run.result).exitCode, 5);
      assert.deepEqual(run.lines, ['one', 'two']);
    }
  });

  test('cwd is entered safely quoted; a missing one is refused before DC is asked', async () => {
    const odd = join(work, "it's a dir; $(false)");
    mkdirSync(odd);
    const here = start({ command: 'pwd', cwd: odd });
    assert.equal((await here.result).exitCode, 0);
    assert.deepEqual(here.lines, [odd]);
    const missing = await start({ command: 'pwd', cwd: join(work, 'nowhere') }).result;
    assert.equal(missing.ok, false);
    assert.match(missing.error ?? '', /working directory .*nowhere does not exist/);
  });

  test("DC's blocked commands stay blocked when a cwd is added in front", async () => {
    const done = await start({ command: 'sudo true', cwd: work }).result;
    assert.equal(done.ok, false);
    assert.match(done.error ?? '', /Desktop Commander did not start the command: Error: Command not allowed/);
  });

  test('a process killed by a signal completes with exit code null', async () => {
    const done = await start({ command: 'kill -TERM $$' }).result;
    assert.equal(done.ok, true);
    assert.equal(done.exitCode, null);
  });

  test('cancel stops promptly and kills what the shell started, which force_terminate alone leaves running', async () => {
    const step = start({ command: 'sleep 30 & echo "sleep=$!"; wait' });
    const sleepPid = Number((await step.lineMatching(/^sleep=\d+$/)).slice('sleep='.length));
    assert.equal(alive(sleepPid), true);
    const cancelledAt = performance.now();
    step.controller.abort('cancel' satisfies StopReason);
    const done = await step.result;
    assert.ok(performance.now() - cancelledAt < 10_000, 'returns within seconds, not after the sleep');
    assert.equal(done.ok, false);
    assert.equal(done.error, 'cancelled');
    assert.equal(alive(sleepPid), false, 'the background sleep is gone');
    assert.equal(alive((done.result as { pid: number }).pid), false, 'the shell is gone');
  });

  test('a cancel while DC is still starting the command stops it too', async () => {
    const pidFile = join(work, 'starting.pid');
    const step = start({ command: `sleep 30 & echo $! > '${pidFile}'; wait` });
    await sleep(300); // start_process waits a second for early output before it replies
    step.controller.abort('cancel' satisfies StopReason);
    const done = await step.result;
    assert.equal(done.error, 'cancelled');
    assert.equal(alive(Number(readFileSync(pidFile, 'utf8'))), false, 'the background sleep is gone');
  });

  test('the step deadline stops the command', async () => {
    const step = start({ command: 'echo "pid=$$"; sleep 30; echo never', timeoutMs: 1500 });
    const shellPid = Number((await step.lineMatching(/^pid=\d+$/)).slice('pid='.length));
    const done = await step.result;
    assert.equal(done.ok, false);
    assert.equal(done.error, 'timed out after 1500 ms');
    assert.equal(alive(shellPid), false);
    assert.deepEqual(step.lines, [`pid=${shellPid}`]);
  });

  test('a step stopped before it starts never reaches DC', async () => {
    const marker = join(work, 'should-not-exist');
    const done = await start({ command: `touch '${marker}'` }, 'drain').result;
    assert.deepEqual(done, { ok: false, exitCode: null, error: 'stopped: the worker is shutting down' });
    await sleep(300);
    assert.throws(() => readFileSync(marker), { code: 'ENOENT' });
  });
});

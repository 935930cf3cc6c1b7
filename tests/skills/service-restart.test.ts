import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCore, type Core } from '../../electron/core/index.ts';
import { freePort } from '../helpers/postgres.ts';
import { runSkill } from '../helpers/run-skill.ts';
import { tempDir } from '../helpers/tmp.ts';

const dir = tempDir('opsroom-service-restart-');
const pidfile = join(dir.path, 'app.pid');
const script = join(dir.path, 'server.mjs');
let core: Core;
let port: number;

// The service: a real HTTP server in its own process, reporting its pid; "unhealthy" makes /health answer 500.
writeFileSync(script, `
import { createServer } from 'node:http';
const [port, mode] = process.argv.slice(2);
createServer((req, res) => {
  res.writeHead(mode === 'unhealthy' ? 500 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ pid: process.pid, status: mode === 'unhealthy' ? 'degraded' : 'ok' }));
}).listen(Number(port), '127.0.0.1', () => console.log('listening on', port));
`);

const startCommand = (mode = 'healthy') => `"${process.execPath}" "${script}" ${port} ${mode}`;
const restart = (values: Record<string, string | number | boolean> = {}) => runSkill(core, 'service-restart', {
  healthUrl: `http://127.0.0.1:${port}/health`, healthWaitMs: 15_000, pidfile, start: startCommand(), stopSeconds: 5, ...values,
});
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const pidInFile = () => Number(readFileSync(pidfile, 'utf8').trim());
const servedPid = async () => ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { pid: number }).pid;
const eventually = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(check(), what);
};

before(async () => {
  port = await freePort();
  core = await createCore({ dataDir: join(dir.path, 'data'), lanes: ['A'] });
});

after(async () => {
  await core?.close();
  try {
    process.kill(-pidInFile(), 'SIGKILL');
  } catch {
    // already stopped
  }
  dir.remove();
});

test('a service that is not running is started, and proven healthy and running', async () => {
  const { run, steps, proofs } = await restart();
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['stop', 'succeeded'], ['start', 'succeeded'], ['health', 'succeeded'], ['replaced', 'succeeded']]);
  assert.ok(proofs.every((proof) => proof.passed), proofs.filter((proof) => !proof.passed).map((proof) => proof.summary).join('\n'));
  assert.match(proofs.find((proof) => proof.stepId === 'stop' && proof.verifierKind === 'output')!.evidence.matched as string, /^not running: no pidfile /);
  const pid = pidInFile();
  assert.ok(alive(pid));
  const replaced = proofs.find((proof) => proof.stepId === 'replaced' && proof.config.regex === '^OK: .*$')!;
  assert.equal(replaced.evidence.matched, `OK: pid ${pid} runs, replacing nothing (it was not running)`);
  const health = proofs.find((proof) => proof.verifierKind === 'http')!;
  assert.equal(health.evidence.status, 200);
});

test('a running service is stopped with everything it started, and replaced by a new healthy process', async () => {
  const oldPid = pidInFile();
  const oldServer = await servedPid();
  assert.ok(alive(oldPid) && alive(oldServer));
  const { run, proofs, events } = await restart();
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.ok(proofs.every((proof) => proof.passed), proofs.filter((proof) => !proof.passed).map((proof) => proof.summary).join('\n'));
  const newPid = pidInFile();
  assert.notEqual(newPid, oldPid);
  await eventually(() => !alive(oldPid) && !alive(oldServer), 'the old process and its child are gone');
  assert.notEqual(await servedPid(), oldServer, 'the new server answers');
  const stop = proofs.find((proof) => proof.stepId === 'stop' && proof.verifierKind === 'output')!;
  assert.equal(stop.evidence.matched, `stopped: pid ${oldPid}`);
  const replaced = proofs.find((proof) => proof.stepId === 'replaced' && proof.config.regex === '^OK: .*$')!;
  assert.equal(replaced.evidence.matched, `OK: pid ${newPid} runs, replacing ${oldPid}`);
  const startOut = events.filter((event) => event.stepId === 'start' && event.kind === 'output').map((event) => event.message);
  assert.ok(startOut.includes(String(newPid)), startOut.join('\n'));
});

test('a start command that daemonizes and writes the pidfile itself is waited for', async () => {
  const oldPid = pidInFile();
  const daemon = `${startCommand()} >/dev/null 2>&1 & echo $! > "${pidfile}"`;
  const { run, proofs } = await restart({ start: daemon, daemonizes: true });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.ok(proofs.every((proof) => proof.passed), proofs.filter((proof) => !proof.passed).map((proof) => proof.summary).join('\n'));
  const newPid = pidInFile();
  assert.equal(await servedPid(), newPid, 'the pidfile holds the server the command started');
  await eventually(() => !alive(oldPid), 'the old process is gone');
});

test('a restarted service that answers 500 fails the health proof, with the response as evidence', async () => {
  const { run, steps, proofs } = await restart({ start: startCommand('unhealthy'), healthWaitMs: 1500 });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]), [['stop', 'succeeded'], ['start', 'succeeded'], ['health', 'failed'], ['replaced', 'skipped']]);
  const health = proofs.find((proof) => proof.verifierKind === 'http')!;
  assert.equal(health.passed, false);
  assert.equal(health.evidence.status, 500);
  assert.match(health.evidence.bodyExcerpt as string, /"status":"degraded"/);
  assert.ok((health.evidence.attempts as number) >= 2, 'retried until healthWaitMs');
});

test('a start command that exits at once fails the start step, with its output as evidence', async () => {
  const { run, steps, proofs, events } = await restart({ start: `"${process.execPath}" -e "console.error('config missing'); process.exit(3)"` });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => step.status), ['succeeded', 'failed', 'skipped', 'skipped']);
  const exit = proofs.find((proof) => proof.stepId === 'start' && proof.verifierKind === 'exit_code')!;
  assert.equal(exit.passed, false);
  assert.equal(exit.evidence.exitCode, 1);
  const why = proofs.find((proof) => proof.stepId === 'start' && proof.config.absent === true)!;
  assert.equal(why.passed, false);
  assert.match(why.evidence.matched as string, /^FAILED: the service exited at once; the end of .*app\.pid\.log follows$/);
  const stderr = events.filter((event) => event.stepId === 'start' && event.kind === 'output').map((event) => event.message);
  assert.ok(stderr.includes('config missing'), stderr.join('\n'));
});

test('neither a unit nor a pidfile and start command: the stop step says so and nothing else runs', async () => {
  const { run, steps, proofs } = await restart({ pidfile: '', start: '' });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => step.status), ['failed', 'skipped', 'skipped', 'skipped']);
  const why = proofs.find((proof) => proof.stepId === 'stop' && proof.config.absent === true)!;
  assert.equal(why.evidence.matched, 'FAILED: give unit, or pidfile and start');
});

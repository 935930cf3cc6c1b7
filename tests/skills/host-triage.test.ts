import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCore, type Core } from '../../electron/core/index.ts';
import { runSkill } from '../helpers/run-skill.ts';
import { tempDir } from '../helpers/tmp.ts';

const dir = tempDir('opsroom-host-triage-');
let core: Core;
let listener: Server;
let port: number;

before(async () => {
  // A socket of our own, so the ports step has a known listener to show.
  listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
  core = await createCore({ dataDir: join(dir.path, 'data'), lanes: ['A'] });
});

after(async () => {
  await core?.close();
  listener.close();
  dir.remove();
});

type Events = { stepId: string | null; kind: string; message: string }[];
const output = (events: Events, stepId: string) => events.filter((event) => event.stepId === stepId && event.kind === 'output').map((event) => event.message);

test('this host within generous thresholds: every step proven, the measured values and raw output kept', async () => {
  const { run, steps, proofs, events } = await runSkill(core, 'host-triage', {
    path: dir.path, maxDiskPercent: 100, minMemoryMb: 1, maxLoadPerCpu: 1000, top: 5,
  });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]),
    [['disk', 'succeeded'], ['memory', 'succeeded'], ['load', 'succeeded'], ['processes', 'succeeded'], ['ports', 'succeeded']]);
  assert.ok(proofs.every((proof) => proof.passed), proofs.filter((proof) => !proof.passed).map((proof) => proof.summary).join('\n'));
  const measured = (stepId: string) => proofs.find((proof) => proof.stepId === stepId && proof.config.regex === '^(OK|OVER): .*$')!.evidence.matched as string;
  assert.match(measured('disk'), new RegExp(`^OK: disk of ${dir.path} \\(.+\\) is \\d+% used, \\d+ MB free; max 100%$`));
  assert.match(measured('memory'), /^OK: \d+ MB available; min 1 MB$/);
  assert.match(measured('load'), /^OK: load [\d.]+ \(1 min\), [\d.]+ \(5 min\), [\d.]+ \(15 min\) on \d+ CPUs: [\d.]+ per CPU; max 1000$/);

  assert.ok(output(events, 'disk').some((line) => /^Filesystem\s+1024-blocks/.test(line)), 'raw df output');
  assert.ok(output(events, 'memory').some((line) => /^MemTotal:\s+\d+ kB$/.test(line)), 'raw meminfo');
  const processes = output(events, 'processes');
  assert.equal(processes.filter((line) => /^\s*PID\s+PPID\s+USER/.test(line)).length, 2, 'by CPU and by memory');
  assert.equal(processes.length, 2 * (1 + 1 + 5), processes.join('\n'));
  const ports = output(events, 'ports');
  assert.ok(ports.some((line) => line.includes(`127.0.0.1:${port}`)), ports.join('\n'));
});

test('thresholds this host cannot meet fail their steps, the OVER line with the measured value as evidence', async () => {
  const { run, steps, proofs } = await runSkill(core, 'host-triage', {
    path: dir.path, maxDiskPercent: 1, minMemoryMb: 100_000_000, maxLoadPerCpu: 1000,
  });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => [step.stepId, step.status]),
    [['disk', 'failed'], ['memory', 'failed'], ['load', 'succeeded'], ['processes', 'succeeded'], ['ports', 'succeeded']]);
  const why = (stepId: string) => proofs.find((proof) => proof.stepId === stepId && proof.config.absent === true)!;
  assert.equal(why('disk').passed, false);
  assert.match(why('disk').evidence.matched as string, /^OVER: disk of .* is (\d+)% used, \d+ MB free; max 1%$/);
  assert.match(why('disk').summary, /matches \/\^OVER: \.\*\$\/m, which must be absent/);
  assert.match(why('memory').evidence.matched as string, /^OVER: \d+ MB available; min 100000000 MB$/);
  const exit = proofs.filter((proof) => proof.verifierKind === 'exit_code' && !proof.passed).map((proof) => [proof.stepId, proof.evidence.exitCode]);
  assert.deepEqual(exit.sort(), [['disk', 1], ['memory', 1]]);
});

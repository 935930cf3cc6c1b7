import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort } from '../helpers/postgres.ts';
import { runSkill } from '../helpers/run-skill.ts';
import { useSkillServer } from '../helpers/skill-server.ts';

let notAfter: string;
// A certificate made by openssl that ends in 5 days, served by a real TLS server on loopback.
const env = useSkillServer('opsroom-tls-expiry-', (dir) => {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-days', '5', '-nodes', '-keyout', key, '-out', cert,
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  notAfter = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-enddate'], { encoding: 'utf8' }).trim();
  return createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('ok'));
});
const endpoint = () => `localhost:${env.port}`;

const output = (events: { stepId: string | null; kind: string; message: string }[], stepId: string) =>
  events.filter((event) => event.stepId === stepId && event.kind === 'output').map((event) => event.message);

test('a 5-day certificate passes a 1-day threshold: checkend proves it, the raw dates are the evidence', async () => {
  const { plan, run, proofs, events } = await runSkill(env.core, 'tls-expiry', { endpoints: endpoint(), minDays: 1 });
  assert.deepEqual(plan.steps.map((step) => step.id), ['cert-1']);
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(proofs.length, 3);
  assert.ok(proofs.every((proof) => proof.passed), proofs.map((proof) => proof.summary).join('\n'));
  const dates = proofs.find((proof) => proof.config.regex === '^notAfter=.*$')!;
  assert.equal(dates.evidence.matched, notAfter, 'the certificate the server holds is the one read');
  const lines = output(events, 'cert-1');
  assert.ok(lines.includes('subject=CN = localhost'), lines.join('\n'));
  assert.ok(lines.some((line) => /^days_left=[45]$/.test(line)), lines.join('\n'));
  assert.ok(lines.some((line) => line.startsWith(`OK: ${endpoint()} certificate is valid for more than 1 days`)), lines.join('\n'));
});

test('the same certificate fails a 30-day threshold; an endpoint with no TLS server fails too', async () => {
  const closed = `127.0.0.1:${await freePort()}`;
  const { run, steps, proofs } = await runSkill(env.core, 'tls-expiry', { endpoints: `${endpoint()},${closed}`, minDays: 30 });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => step.status), ['failed', 'failed']);

  const expiring = proofs.filter((proof) => proof.stepId === 'cert-1');
  const exit = expiring.find((proof) => proof.verifierKind === 'exit_code')!;
  assert.equal(exit.passed, false);
  assert.equal(exit.evidence.exitCode, 1);
  const why = expiring.find((proof) => proof.config.absent === true)!;
  assert.equal(why.passed, false);
  assert.equal(why.evidence.matched, `EXPIRING: ${endpoint()} certificate ends ${notAfter.replace('notAfter=', '')}, within 30 days`);
  assert.equal(expiring.find((proof) => proof.config.regex === '^notAfter=.*$')!.passed, true, 'the dates were still read');

  const none = proofs.filter((proof) => proof.stepId === 'cert-2');
  assert.equal(none.find((proof) => proof.verifierKind === 'exit_code')!.evidence.exitCode, 2);
  assert.match(none.find((proof) => proof.config.absent === true)!.evidence.matched as string, /^NO CERTIFICATE: 127\.0\.0\.1:\d+ served none/);
});

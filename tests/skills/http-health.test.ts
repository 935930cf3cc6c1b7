import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { freePort } from '../helpers/postgres.ts';
import { runSkill } from '../helpers/run-skill.ts';
import { useSkillServer } from '../helpers/skill-server.ts';

const hits = new Map<string, number>();
// A real service: a health page, one that fails, one that is slow, one that comes up after a few requests.
const env = useSkillServer('opsroom-http-health-', () => createServer((req, res) => {
  const url = new URL(req.url!, 'http://localhost');
  const send = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
  if (url.pathname === '/health') return send(200, '{"status":"ok","db":"up"}');
  if (url.pathname === '/down') return send(503, '{"status":"down","db":"unreachable"}');
  if (url.pathname === '/slow') return void setTimeout(() => send(200, '{"status":"ok"}'), 700);
  if (url.pathname === '/warming') {
    const count = (hits.get('warming') ?? 0) + 1;
    hits.set('warming', count);
    return count > 3 ? send(200, '{"status":"ok"}') : send(503, '{"status":"starting"}');
  }
  send(404, '{}');
}));
const base = () => `http://127.0.0.1:${env.port}`;

test('healthy URLs: one step each, proven by status, body and latency within the budget', async () => {
  const { plan, run, steps, proofs } = await runSkill(env.core, 'http-health', {
    urls: `${base()}/health, ${base()}/health?probe=2`, contains: '"db":"up"', matches: '"status":\\s*"ok"', maxLatencyMs: 2000,
  });
  assert.deepEqual(plan.steps.map((step) => step.id), ['check-1', 'check-2']);
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.deepEqual(steps.map((step) => step.status), ['succeeded', 'succeeded']);
  const http = proofs.filter((proof) => proof.verifierKind === 'http');
  assert.equal(http.length, 2);
  for (const proof of http) {
    assert.equal(proof.passed, true, proof.summary);
    assert.equal(proof.evidence.status, 200);
    assert.equal(proof.evidence.maxLatencyMs, 2000);
    assert.ok((proof.evidence.latencyMs as number) < 2000, `latency ${proof.evidence.latencyMs}`);
    assert.match(proof.summary, /^HTTP 200 from .*, \d+ ms within 2000 ms, body contains "\\"db\\":\\"up\\"", body matches/);
  }
  assert.equal(http.find((proof) => proof.stepId === 'check-2')!.evidence.url, `${base()}/health?probe=2`);
});

test('a service that comes up is waited for until the deadline', async () => {
  const { run, proofs } = await runSkill(env.core, 'http-health', { urls: `${base()}/warming`, deadlineMs: 20_000, intervalMs: 100 });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const [proof] = proofs.filter((p) => p.verifierKind === 'http');
  assert.equal(proof!.passed, true, proof!.summary);
  assert.equal(proof!.evidence.attempts, 4);
  assert.match(proof!.summary, /\(4 attempts over [\d.]+ s\)$/);
});

test('a failing, a slow and a refused URL each leave a failing proof that says why', async () => {
  const refused = `http://127.0.0.1:${await freePort()}/health`;
  const { run, steps, proofs } = await runSkill(env.core, 'http-health', {
    urls: `${base()}/down ${base()}/slow ${refused}`, maxLatencyMs: 300, deadlineMs: 600, intervalMs: 200,
  });
  assert.equal(run.status, 'failed');
  assert.deepEqual(steps.map((step) => step.status), ['failed', 'failed', 'failed']);
  const byStep = (id: string) => proofs.filter((proof) => proof.stepId === id && proof.verifierKind === 'http');

  const down = byStep('check-1').at(-1)!;
  assert.equal(down.passed, false);
  assert.equal(down.evidence.status, 503);
  assert.deepEqual(down.evidence.failed, ['status']);
  assert.match(down.evidence.bodyExcerpt as string, /unreachable/);
  assert.ok((down.evidence.attempts as number) >= 2, 'retried until the deadline');

  const slow = byStep('check-2').at(-1)!;
  assert.equal(slow.passed, false);
  assert.deepEqual(slow.evidence.failed, ['latency']);
  assert.ok((slow.evidence.latencyMs as number) >= 700);
  assert.match(slow.summary, new RegExp(`took ${slow.evidence.latencyMs} ms, budget 300 ms`));

  const gone = byStep('check-3').at(-1)!;
  assert.equal(gone.passed, false);
  assert.deepEqual(gone.evidence.failed, ['request']);
  assert.match(gone.evidence.error as string, /ECONNREFUSED/);
});

test('a JSON member is checked only when jsonPath is given (an optional verifier), and a wrong value fails', async () => {
  const plain = await runSkill(env.core, 'http-health', { urls: `${base()}/health` });
  assert.equal(plain.plan.steps[0]!.verify.filter((v) => v.kind === 'http').length, 1, 'no jsonPath: no JSON check');
  const good = await runSkill(env.core, 'http-health', { urls: `${base()}/health`, jsonPath: 'db', jsonEquals: 'up' });
  assert.equal(good.run.status, 'succeeded', good.run.error ?? '');
  const json = good.proofs.find((p) => p.verifierKind === 'http' && p.summary.includes('json'));
  assert.ok(json?.passed, json?.summary);
  const bad = await runSkill(env.core, 'http-health', { urls: `${base()}/health`, jsonPath: 'db', jsonEquals: 'down' });
  assert.equal(bad.run.status, 'failed');
  const failing = bad.proofs.find((p) => !p.passed)!;
  assert.match(failing.summary, /json db is "up", expected "down"/);
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RunEvent } from '../../../shared/domain/run.ts';
import { isSecretMarker, maskedInput, type SecretMarker } from '../../../shared/domain/secret-marker.ts';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { tempDir } from '../../helpers/tmp.ts';

const newToken = () => `tok_${randomBytes(12).toString('hex')}`;

/** Every file under a folder, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('secret parameters: stored outside the database, masked in everything a run writes (embedded database, real lane threads)', () => {
  let core: Core;
  let dataDir: string;
  let http: Server;
  let base = '';
  const tokens: string[] = [];
  /** The run parameters' secrets, each a file of its own under run-secrets/ (never in secrets.json). */
  const runSecrets = () => (existsSync(join(dataDir, 'run-secrets')) ? readdirSync(join(dataDir, 'run-secrets')).sort() : []);
  const runSecret = (name: string) => readFileSync(join(dataDir, 'run-secrets', name), 'utf8');

  before(async () => {
    dataDir = join(tempDir().path, 'data');
    core = await createCore({ dataDir, lanes: ['A'], pollMs: 100 });
    // Echoes the token it is sent in a header and in a body long enough to be kept as large evidence.
    http = createServer((req, res) => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('t') ?? '';
      res.setHeader('x-echo', token);
      res.setHeader('content-type', 'text/plain');
      res.end(`${'padding line\n'.repeat(400)}the token is ${token}\n`);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  });
  after(async () => {
    await core.close();
    http.close();
  });

  const plan = (extraVerify: unknown[] = []) => ({
    irVersion: 1, name: 'secret echo',
    params: { token: { type: 'secret', min: 12, pattern: 'tok_[0-9a-f]+' }, who: { type: 'string', default: 'ops' } },
    steps: [
      {
        id: 'echo', tool: 'shell',
        input: { command: 'echo "token is $TOKEN"; echo "stderr $TOKEN" >&2', env: { TOKEN: '${params.token}' } },
        verify: [{ kind: 'exit_code' }, { kind: 'output', regex: 'token is ${params.token}' }, ...extraVerify],
      },
      {
        id: 'call', tool: 'http', needs: ['echo'],
        input: { url: `${base}/echo?t=\${params.token}`, headers: { 'x-token': '${params.token}' } },
        verify: [{ kind: 'http', url: `${base}/echo?t=\${params.token}`, bodyContains: 'the token is ${params.token}' }],
      },
    ],
  });

  const finished = async (runId: number) => {
    const events: RunEvent[] = [];
    const run = await core.runs.follow(runId, (event) => events.push(event));
    const { steps } = await core.runs.get(runId);
    const proofs = await core.proofs.list(runId);
    const artifacts = await Promise.all((await core.artifacts.list(runId)).map((a) => core.artifacts.get(runId, a.sha256)));
    // The events as stored, besides those published live.
    const stored = await core.runs.events(runId);
    return { run, steps, events, stored, proofs, artifacts, log: events.map((e) => e.message).join('\n') };
  };

  /** Everything the run stored, as one text to search. */
  const written = (result: Awaited<ReturnType<typeof finished>>) => JSON.stringify({
    run: result.run, steps: result.steps, events: result.events, stored: result.stored, proofs: result.proofs,
    artifacts: result.artifacts.map((a) => ({ ...a, content: Buffer.from(a.content).toString('utf8') })),
  });

  let first: { runId: number; marker: SecretMarker };

  test('a run with a secret succeeds; its events, steps, proofs, artifacts and input hold no trace of the value', async () => {
    const token = newToken();
    tokens.push(token);
    const { run: queued } = await core.runs.enqueue({ plan: plan(), params: { token }, paramsAreText: true });
    const marker = queued.input.token;
    assert.ok(isSecretMarker(marker), `the stored input holds a marker: ${JSON.stringify(queued.input)}`);
    assert.match(marker.$secret, /^run-param\.[0-9a-f]{32}$/);
    assert.equal(runSecret(marker.$secret), token, 'the value is in the secret store, in a file of its own');
    if (process.platform !== 'win32') {
      assert.equal(statSync(join(dataDir, 'run-secrets')).mode & 0o777, 0o700);
      assert.equal(statSync(join(dataDir, 'run-secrets', marker.$secret)).mode & 0o777, 0o600);
    }
    assert.ok(!existsSync(join(dataDir, 'secrets.json')), 'the named secrets file is not touched by a run');
    assert.deepEqual(maskedInput(queued.input), { token: '***', who: 'ops' });
    first = { runId: queued.id, marker };

    const result = await finished(queued.id);
    assert.equal(result.run.status, 'succeeded', result.log);
    assert.deepEqual(result.steps.map((s) => s.status), ['succeeded', 'succeeded']);
    const text = written(result);
    assert.ok(!text.includes(token), 'the secret value was written somewhere');
    assert.ok(!text.includes(token.slice(4)), 'part of the secret value was written somewhere');

    const output = result.stored.filter((e) => e.kind === 'output').map((e) => e.message);
    assert.ok(output.includes('token is ***'), output.join('\n'));
    assert.ok(output.includes('stderr ***'), output.join('\n'));
    assert.ok(output.includes('the token is ***'), 'the http body lines');
    assert.ok(result.events.some((e) => e.message.startsWith(`HTTP 200 from ${base}/echo?t=*** (`)), result.log);

    const [, outputProof] = result.proofs.filter((p) => p.stepId === 'echo');
    assert.equal(outputProof!.config.regex, 'token is ***');
    assert.equal(outputProof!.evidence.matched, 'token is ***');
    const httpProof = result.proofs.find((p) => p.stepId === 'call')!;
    assert.ok(httpProof.passed, httpProof.summary);
    assert.equal(httpProof.config.url, `${base}/echo?t=***`);
    assert.equal(httpProof.config.bodyContains, 'the token is ***');
    assert.equal(httpProof.evidence.url, `${base}/echo?t=***`);
    assert.match(String(httpProof.evidence.bodyExcerpt), /^padding line\n/);
    assert.equal(result.artifacts.length, 1, 'the long body is kept as large evidence');
    assert.match(Buffer.from(result.artifacts[0]!.content).toString('utf8'), /the token is \*\*\*\n$/);

    // Hashes are of what is stored: the bundle re-checks.
    const verdict = core.proofs.verify(await core.proofs.bundle(queued.id, { includeArtifacts: true }));
    assert.deepEqual(verdict.problems, []);
  });

  test('a step error and the run\'s error that would quote the secret are masked', async () => {
    const token = newToken();
    tokens.push(token);
    const { run: queued } = await core.runs.enqueue({
      plan: plan([{ kind: 'output', regex: 'never ${params.token}' }]), params: { token }, lane: 'A',
    });
    const result = await finished(queued.id);
    assert.equal(result.run.status, 'failed');
    assert.match(result.run.error ?? '', /^step echo: not proven — output: no match for \/never \*\*\*\//);
    assert.match(result.steps[0]!.error ?? '', /no match for \/never \*\*\*\//);
    assert.ok(!written(result).includes(token));
  });

  test('an invalid secret is refused without repeating it; nothing is stored for it', async () => {
    const before = runSecrets().length;
    const bad = 'tok_NOT-HEX-0123456789';
    await assert.rejects(core.runs.enqueue({ plan: plan(), params: { token: bad } }), (error: Error) => {
      assert.match(error.message, /parameter "token" \(secret\) must match the pattern tok_\[0-9a-f\]\+/);
      assert.ok(!error.message.includes(bad), error.message);
      return true;
    });
    assert.equal(runSecrets().length, before);
  });

  test('an enqueue that creates no run (idempotency key seen) deletes the secret it stored', async () => {
    const token = newToken();
    tokens.push(token);
    const key = `secret-${randomBytes(4).toString('hex')}`;
    const one = await core.runs.enqueue({ plan: plan(), params: { token }, idempotencyKey: key });
    const storedAfterOne = runSecrets();
    const two = await core.runs.enqueue({ plan: plan(), params: { token: newToken() }, idempotencyKey: key });
    assert.equal(two.created, false);
    assert.equal(two.run.id, one.run.id);
    assert.deepEqual(runSecrets(), storedAfterOne, 'the second enqueue left no secret behind');
    assert.equal((await finished(one.run.id)).run.status, 'succeeded');
  });

  test('a retry reuses the stored secret and succeeds', async () => {
    const again = await core.runs.retry(first.runId);
    assert.deepEqual(again.input.token, first.marker);
    const result = await finished(again.id);
    assert.equal(result.run.status, 'succeeded', result.log);
    assert.ok(result.events.some((e) => e.message === 'token is ***'), result.log);
  });

  test('run parameters are not listed among the named secrets people set for servers', async () => {
    assert.ok(runSecrets().includes(first.marker.$secret));
    await core.mcp.secrets.set('SERVER_TOKEN', 'named');
    assert.deepEqual(await core.mcp.secrets.list(), ['SERVER_TOKEN']);
    assert.equal(await core.mcp.secrets.delete('SERVER_TOKEN'), true);
  });

  test('a run whose secret is no longer stored fails with a clear message; the worker keeps working', async () => {
    assert.equal(await core.mcp.secrets.delete(first.marker.$secret), true);
    assert.ok(!runSecrets().includes(first.marker.$secret), 'deleting a run parameter removes its file');
    const again = await core.runs.retry(first.runId);
    const result = await finished(again.id);
    const message = 'the value of secret parameter token is no longer stored; queue the run again with it';
    assert.equal(result.run.status, 'failed');
    assert.equal(result.run.error, message);
    assert.deepEqual(result.steps.map((s) => [s.status, s.error]), [['skipped', `not started: ${message}`], ['skipped', `not started: ${message}`]]);
    // The same lane worker runs the next one.
    const token = newToken();
    tokens.push(token);
    const { run: next } = await core.runs.enqueue({ plan: plan(), params: { token } });
    assert.equal((await finished(next.id)).run.status, 'succeeded');
  });

  test('after closing, no file of the data folder but those under run-secrets/ holds any of the values', async () => {
    await core.close();
    const found = files(dataDir).filter((path) => {
      const bytes = readFileSync(path);
      return tokens.some((token) => bytes.includes(token));
    }).map((path) => path.slice(dataDir.length + 1).replaceAll('\\', '/')).sort();
    // Every token but the first (its secret was deleted) is still stored, each in its own file, and nothing else.
    assert.equal(found.length, tokens.length - 1, found.join('\n'));
    for (const path of found) assert.match(path, /^run-secrets\/run-param\.[0-9a-f]{32}$/);
    assert.ok(!runSecrets().some((name) => name.endsWith('.tmp')), 'no temporary file is left behind');
  });
});

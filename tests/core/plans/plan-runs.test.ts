import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RunEvent } from '../../../shared/domain/run.ts';
import { createCore, CoreError, shellPlan, verifyProofBundle, type Core } from '../../../electron/core/index.ts';
import { tempDir } from '../../helpers/tmp.ts';

const exit0 = [{ kind: 'exit_code' as const }];
const sh = (id: string, command: string, extra: Record<string, unknown> = {}) =>
  ({ id, tool: 'shell', input: { command }, verify: exit0, ...extra });

describe('plans: DAG, references, verifiers, proofs (embedded database, real lane threads)', () => {
  let core: Core;
  let dir: string;
  let http: Server;
  let base = '';
  let hits = 0;

  before(async () => {
    dir = tempDir().path;
    core = await createCore({ dataDir: join(dir, 'data'), lanes: ['A', 'B'], pollMs: 100 });
    http = createServer((req, res) => {
      hits++;
      if (req.url === '/health') return res.end(JSON.stringify({ status: 'ok', hits }));
      res.statusCode = 500;
      res.end('boom');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  });
  after(async () => {
    await core.close();
    http.close();
  });

  const run = async (plan: unknown, params: Record<string, string> = {}) => {
    const { run: queued } = await core.runs.enqueue({ plan, params, paramsAreText: true });
    const events: RunEvent[] = [];
    const final = await core.runs.follow(queued.id, (e) => events.push(e));
    const { steps } = await core.runs.get(queued.id);
    return { final, events, steps, proofs: await core.proofs.list(queued.id), log: events.map((e) => e.message).join('\n') };
  };

  test('a DAG with parameters and references runs, every step proven, and its bundle re-checks', async () => {
    const file = join(dir, 'greeting.txt');
    const plan = {
      irVersion: 1, name: 'write, hash, check',
      params: { who: { type: 'string' }, file: { type: 'string', default: file } },
      steps: [
        sh('write', 'printf "hello %s" "${params.who}" > "${params.file}" && echo written'),
        sh('hash', 'sha256sum "${params.file}" | cut -d" " -f1', { needs: ['write'],
          verify: [{ kind: 'exit_code' }, { kind: 'file', path: '${params.file}', sha256: '${steps.hash.stdout}' }] }),
        sh('size', 'wc -c < "${params.file}"', { needs: ['write'] }),
        {
          id: 'check', tool: 'shell', needs: ['hash', 'size'], input: { command: 'echo "hash=${steps.hash.stdout} size=${steps.size.stdout}"' },
          verify: [
            { kind: 'exit_code', expect: 0 },
            { kind: 'output', regex: 'hash=[0-9a-f]{64} size=\\s*11' },
            { kind: 'file', path: '${params.file}', sha256: '${steps.hash.stdout}', contains: 'hello world' },
            { kind: 'http', url: `${base}/health`, json: { path: 'status', equals: 'ok' } },
            { kind: 'sql', query: 'SELECT count(*) FROM run_steps WHERE run_id = $1', params: [0], expectRows: 1 },
          ],
        },
      ],
    };
    const result = await run(plan, { who: 'world' });
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.deepEqual(result.steps.map((s) => s.status), ['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const expected = createHash('sha256').update('hello world').digest('hex');
    assert.equal(readFileSync(file, 'utf8'), 'hello world');
    const check = result.proofs.filter((p) => p.stepId === 'check');
    assert.deepEqual(check.map((p) => [p.verifierKind, p.passed]), [['exit_code', true], ['output', true], ['file', true], ['http', true], ['sql', true]]);
    assert.equal((check[2]!.config as { sha256: string }).sha256, expected, 'the proof records the resolved config');
    assert.equal(result.proofs.length, 4 + 5);
    assert.ok(result.proofs.find((p) => p.stepId === 'hash' && p.verifierKind === 'file')!.passed, 'a verifier read its own step\'s output');
    assert.ok(result.events.some((e) => e.kind === 'proof' && /^proved file: /.test(e.message)), result.log);

    const bundle = await core.proofs.bundle(result.final.id, { includeArtifacts: true });
    assert.deepEqual(verifyProofBundle(bundle).problems, []);
    const tampered = structuredClone(bundle) as { proofs: { evidence: Record<string, unknown> }[] };
    tampered.proofs[0]!.evidence.exitCode = 1;
    assert.equal(verifyProofBundle(tampered).ok, false);
  });

  test('independent steps overlap; the DAG order holds', async () => {
    const result = await run({
      irVersion: 1, name: 'fan out',
      steps: [sh('left', 'sleep 1'), sh('right', 'sleep 1'), sh('join', 'true', { needs: ['left', 'right'] })],
    });
    assert.equal(result.final.status, 'succeeded', result.log);
    const [left, right, join_] = result.steps;
    assert.ok(left!.startedAt! < right!.finishedAt! && right!.startedAt! < left!.finishedAt!, 'left and right ran at the same time');
    assert.ok(join_!.startedAt! >= left!.finishedAt! && join_!.startedAt! >= right!.finishedAt!, 'join waited for both');
  });

  test('a failed verifier fails the step with its evidence; dependents are skipped; the run fails', async () => {
    const result = await run({
      irVersion: 1, name: 'unhealthy',
      steps: [
        { id: 'probe', tool: 'shell', input: { command: 'echo probing' }, verify: [{ kind: 'http', url: `${base}/broken` }, { kind: 'exit_code' }] },
        sh('deploy', 'echo never', { needs: ['probe'] }),
      ],
    });
    assert.equal(result.final.status, 'failed', result.log);
    assert.match(result.final.error!, /step probe: not proven — http: .*500/);
    assert.deepEqual(result.steps.map((s) => s.status), ['failed', 'skipped']);
    const http = result.proofs.find((p) => p.verifierKind === 'http')!;
    assert.equal(http.passed, false);
    assert.equal(http.evidence.status, 500);
    assert.ok(result.proofs.find((p) => p.verifierKind === 'exit_code')!.passed, 'every verifier runs, even after one fails');
    assert.doesNotMatch(result.log, /never/);
  });

  test('continueOnError lets the run go on and succeed; the failed step keeps its failed proof', async () => {
    const result = await run({
      irVersion: 1, name: 'tolerant',
      steps: [sh('flaky', 'exit 4', { continueOnError: true }), sh('after', 'echo went on', { needs: ['flaky'] })],
    });
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.deepEqual(result.steps.map((s) => [s.status, s.exitCode]), [['failed', 4], ['succeeded', 0]]);
    assert.equal(result.proofs[0]!.passed, false);
  });

  test('a retry policy tries again in place; each try leaves its proofs', async () => {
    const counter = join(dir, 'tries');
    writeFileSync(counter, '');
    const result = await run({
      irVersion: 1, name: 'third time lucky',
      steps: [sh('flaky', `echo x >> ${counter}; test $(wc -l < ${counter}) -ge 3`, { retry: { attempts: 3, delayMs: 50 } })],
    });
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.deepEqual(result.proofs.map((p) => [p.try, p.passed]), [[1, false], [2, false], [3, true]]);
    assert.match(result.log, /try 1 of 3 failed: not proven — exit_code: .*; trying again in 50 ms/);
  });

  test('a typed command keeps its shell ${…}; odd bytes in output are stored; a non-zero exit needs an exit_code verifier to pass', async () => {
    const typed = await run(shellPlan('echo "home=${HOME:-none}"; printf \'bad\\000byte\\n\''));
    assert.equal(typed.final.status, 'succeeded', typed.log);
    assert.match(typed.log, /home=\//);
    assert.match(typed.log, /bad\ufffdbyte/, 'NUL became U+FFFD instead of failing the statement');
    const unchecked = await run({ irVersion: 1, name: 'exit 2', steps: [{ id: 'a', tool: 'shell', input: { command: 'echo hi; exit 2' },
      verify: [{ kind: 'output', regex: 'hi' }] }] });
    assert.equal(unchecked.final.status, 'failed', unchecked.log);
    assert.match(unchecked.final.error!, /step a: exit code 2 \(add an exit_code verifier to accept other codes\)/);
    assert.equal(unchecked.proofs[0]!.passed, true, 'the output verifier itself passed');
  });

  test('refused before anything runs: a tool outside the plan sandbox, an unknown server, a missing parameter', async () => {
    const before_ = (await core.runs.list({})).length;
    const refusals: [unknown, Record<string, string>, RegExp][] = [
      [{ irVersion: 1, name: 'x', sandbox: { tools: ['http'] }, steps: [sh('a', 'rm -rf /tmp/x')] }, {},
        /steps\[0\]\.tool: "shell" is not in the plan's sandbox\.tools \(step "a"\)/],
      [{ irVersion: 1, name: 'x', steps: [{ id: 'a', tool: 'nowhere/read', input: {}, verify: exit0 }] }, {},
        /steps\[0\]\.tool: no MCP server named "nowhere" \(step "a"/],
      [{ irVersion: 1, name: 'x', params: { env: { type: 'string' } }, steps: [sh('a', 'echo ${params.env}')] }, {},
        /env/],
    ];
    for (const [plan, params, message] of refusals) {
      await assert.rejects(core.runs.enqueue({ plan, params, paramsAreText: true }), (error: unknown) => {
        assert.ok(error instanceof CoreError);
        assert.match(error.message, message);
        return true;
      });
    }
    assert.equal((await core.runs.list({})).length, before_, 'nothing was queued');
  });
});

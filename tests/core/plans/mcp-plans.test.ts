import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RunEvent } from '../../../shared/domain/run.ts';
import { createCore, CoreError, type Core } from '../../../electron/core/index.ts';
import { EVERYTHING_SERVER } from '../mcp/mcp-test-kit.ts';
import { tempDir } from '../../helpers/tmp.ts';

const DC = 'desktop-commander';

describe('plans calling MCP tools through the queue (Desktop Commander, server-everything)', () => {
  let core: Core;
  let work: string;

  before(async () => {
    const dir = tempDir().path;
    work = join(dir, 'work');
    core = await createCore({ dataDir: join(dir, 'data'), lanes: ['A', 'B'], pollMs: 100 });
    await core.mcp.add({ name: 'everything', command: process.execPath, args: [EVERYTHING_SERVER, 'stdio'] });
  });
  after(() => core.close());

  const run = async (plan: unknown) => {
    const { run: queued } = await core.runs.enqueue({ plan });
    const events: RunEvent[] = [];
    const final = await core.runs.follow(queued.id, (e) => events.push(e));
    const { steps } = await core.runs.get(queued.id);
    return { final, events, steps, proofs: await core.proofs.list(queued.id), log: events.map((e) => `${e.stepId ?? '-'} ${e.message}`).join('\n') };
  };

  test('Desktop Commander writes a file, reads it back, hashes it in its shell; the hash and exit code are proven', async () => {
    const file = join(work, 'report.txt');
    const content = 'all systems nominal\n';
    const sha = createHash('sha256').update(content).digest('hex');
    const result = await run({
      irVersion: 1, name: 'write, read, hash through Desktop Commander',
      sandbox: { tools: [`${DC}/*`, 'shell'], directories: [work] },
      steps: [
        { id: 'mkdir', tool: 'shell', input: { command: `mkdir -p ${work}` }, verify: [{ kind: 'exit_code' }] },
        { id: 'write', tool: `${DC}/write_file`, needs: ['mkdir'], input: { path: file, content, mode: 'rewrite' },
          verify: [{ kind: 'file', path: file, sha256: sha }] },
        { id: 'read', tool: `${DC}/read_file`, needs: ['write'], input: { path: file },
          verify: [{ kind: 'output', regex: 'all systems nominal' }] },
        { id: 'hash', tool: 'shell', needs: ['read'], input: { command: `sha256sum ${file}`, via: DC },
          verify: [{ kind: 'exit_code', expect: 0 }, { kind: 'output', regex: `^${sha}\\s` , flags: 'm' }] },
      ],
    });
    assert.equal(result.final.status, 'succeeded', result.log);
    assert.equal(readFileSync(file, 'utf8'), content);
    assert.deepEqual(result.proofs.map((p) => [p.stepId, p.verifierKind, p.passed]), [
      ['mkdir', 'exit_code', true], ['write', 'file', true], ['read', 'output', true], ['hash', 'exit_code', true], ['hash', 'output', true]]);
    assert.equal(result.proofs[3]!.evidence.exitCode, 0);
    assert.equal(result.steps[3]!.exitCode, 0, 'the exit code Desktop Commander reported is the step\'s');
  });

  test('a path outside the plan\'s directories, and a tool outside its allowlist, are refused before anything runs', async () => {
    const before_ = (await core.runs.list({})).length;
    const escape = { irVersion: 1, name: 'escape', sandbox: { directories: [work] },
      steps: [{ id: 'w', tool: `${DC}/write_file`, input: { path: join(work, '..', 'escaped.txt'), content: 'x' }, verify: [{ kind: 'output', regex: '.' }] }] };
    await assert.rejects(core.runs.enqueue({ plan: escape }), (error: CoreError) => /steps\[0\]\.input: .*path.*outside/i.test(error.message) || assert.fail(error.message));
    const tool = { irVersion: 1, name: 'not allowed', sandbox: { tools: [`${DC}/read_file`] },
      steps: [{ id: 'w', tool: `${DC}/write_file`, input: { path: join(work, 'x'), content: 'x' }, verify: [{ kind: 'output', regex: '.' }] }] };
    await assert.rejects(core.runs.enqueue({ plan: tool }), /steps\[0\]\.tool: .*write_file.*\(step "w"\)/);
    const unknown = { irVersion: 1, name: 'typo', steps: [{ id: 'w', tool: `${DC}/write_fiel`, input: {}, verify: [{ kind: 'output', regex: '.' }] }] };
    await assert.rejects(core.runs.enqueue({ plan: unknown }), /steps\[0\]\.tool: .*"write_fiel" is not among them \(step "w"\)/);
    assert.equal((await core.runs.list({})).length, before_);
  });

  test('server-everything: progress reaches the run\'s events, isError fails the step with the server\'s message', async () => {
    const result = await run({
      irVersion: 1, name: 'progress then an error',
      steps: [
        { id: 'long', tool: 'everything/trigger-long-running-operation', input: { duration: 0.4, steps: 4 },
          verify: [{ kind: 'output', regex: 'Long running operation completed' }] },
        { id: 'bad', tool: 'everything/get-resource-reference', needs: ['long'], input: { resourceId: -1 },
          verify: [{ kind: 'output', regex: '.' }] },
      ],
    });
    assert.equal(result.final.status, 'failed', result.log);
    const progress = result.events.filter((e) => e.stepId === 'long' && /^progress \d\/4/.test(e.message));
    assert.equal(progress.length, 4, result.log);
    assert.deepEqual(result.steps.map((s) => s.status), ['succeeded', 'failed']);
    assert.match(result.final.error!, /step bad: everything\/get-resource-reference reported an error: .*Invalid resourceId: -1/);
  });

  test('cancelling a run stops a long MCP call promptly (MCP cancellation)', async () => {
    const { run: queued } = await core.runs.enqueue({ plan: {
      irVersion: 1, name: 'long',
      steps: [{ id: 'long', tool: 'everything/trigger-long-running-operation', input: { duration: 30, steps: 60 }, verify: [{ kind: 'output', regex: '.' }] }],
    } });
    const events: RunEvent[] = [];
    const following = core.runs.follow(queued.id, (e) => events.push(e));
    while (!events.some((e) => /^progress /.test(e.message))) await new Promise((resolve) => setTimeout(resolve, 50));
    const asked = Date.now();
    await core.runs.cancel(queued.id);
    const final = await following;
    assert.equal(final.status, 'cancelled');
    assert.ok(Date.now() - asked < 5000, `the call stopped ${Date.now() - asked} ms after the cancel`);
  });
});

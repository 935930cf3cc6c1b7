import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Core } from '../../electron/core/index.ts';
import type { MethodInput, MethodName } from '../../shared/ipc/contract.ts';

/** What the fixtures refer to: made fresh for each transport, so each sees every method succeed. */
export interface FixtureContext {
  tag: string;
  sessionId: number;
  /** A finished run with a proof and an artifact. */
  runId: number;
  planId: number;
  artifactSha256: string;
  /** A run that waits an hour before it may start: something to cancel. */
  parkedRunId: number;
  /** A registered MCP server that starts (the misbehaving test server, behaving). */
  server: string;
}

const MCP_SERVER = fileURLToPath(new URL('../fixtures/mcp/misbehaving-server.ts', import.meta.url));

export async function prepareContext(core: Core, tag: string, bigPageUrl: string): Promise<FixtureContext> {
  const session = await core.sessions.create(`contract ${tag}`);
  const { run } = await core.runs.enqueue({
    plan: {
      irVersion: 1, name: `contract ${tag}`,
      steps: [{ id: 'fetch', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'http', url: bigPageUrl, bodyContains: 'xxx' }] }],
    },
    sessionId: session.id,
  });
  const finished = await core.runs.follow(run.id, () => undefined);
  assert.equal(finished.status, 'succeeded', finished.error ?? '');
  const [artifact] = await core.artifacts.list(run.id);
  assert.ok(artifact, 'the http verifier kept the 10 KB body as an artifact');
  const parked = await core.runs.enqueue({ plan: { irVersion: 1, name: 'parked', steps: [
    { id: 'wait', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'exit_code' }] },
  ] }, runAfter: new Date(Date.now() + 3_600_000), title: `parked ${tag}` });
  const server = `contract-${tag}`;
  await core.mcp.add({ name: server, command: process.execPath, args: [MCP_SERVER] });
  return { tag, sessionId: session.id, runId: run.id, planId: run.planId, artifactSha256: artifact.sha256, parkedRunId: parked.run.id, server };
}

/**
 * One valid input per method, in an order where each finds what it needs (archive before restore, add before
 * remove). Typed over every MethodName, so a new method without a fixture does not compile; the contract
 * test also checks the keys at run time.
 */
export const FIXTURES: { [M in MethodName]: (ctx: FixtureContext) => MethodInput<M> } = {
  'app.info': () => ({}),
  'app.health': () => ({}),
  'sessions.list': () => ({ includeArchived: true }),
  'sessions.create': (ctx) => ({ title: `created ${ctx.tag}` }),
  'sessions.rename': (ctx) => ({ id: ctx.sessionId, title: `renamed ${ctx.tag}` }),
  'sessions.archive': (ctx) => ({ id: ctx.sessionId }),
  'sessions.restore': (ctx) => ({ id: ctx.sessionId }),
  'lanes.list': () => ({}),
  'lanes.pause': () => ({ name: 'C' }),
  'lanes.resume': () => ({ name: 'C' }),
  'runs.list': (ctx) => ({ sessionId: ctx.sessionId, status: ['succeeded'], since: new Date(Date.now() - 3_600_000), limit: 10 }),
  'compile.preview': () => ({ text: 'echo preview', params: {} }),
  'runs.runText': (ctx) => ({ text: `echo text ${ctx.tag}`, sessionId: ctx.sessionId }),
  'runs.runDraft': (ctx) => ({ plan: { irVersion: 1, name: `draft ${ctx.tag}`, steps: [{ id: 'd', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'exit_code' }] }] } }),
  'runs.get': (ctx) => ({ id: ctx.runId }),
  'runs.events': (ctx) => ({ runId: ctx.runId }),
  'runs.runCommand': (ctx) => ({ command: `echo contract ${ctx.tag}`, sessionId: ctx.sessionId }),
  'runs.runPlan': (ctx) => ({ planId: ctx.planId, lane: 'B' }),
  'runs.cancel': (ctx) => ({ id: ctx.parkedRunId }),
  'runs.retry': (ctx) => ({ id: ctx.runId }),
  'runs.watch': (ctx) => ({ runIds: [ctx.runId] }),
  'plans.list': () => ({}),
  'plans.setPinned': (ctx) => ({ planId: ctx.planId, pinned: true }),
  'commands.recent': () => ({ limit: 5 }),
  'proofs.list': (ctx) => ({ runId: ctx.runId }),
  'proofs.bundle': (ctx) => ({ runId: ctx.runId, includeArtifacts: true }),
  'artifacts.list': (ctx) => ({ runId: ctx.runId }),
  'artifacts.get': (ctx) => ({ runId: ctx.runId, sha256: ctx.artifactSha256 }),
  'mcp.list': () => ({}),
  'mcp.add': (ctx) => ({ name: `added-${ctx.tag}`, command: process.execPath, args: ['--version'] }),
  'mcp.remove': (ctx) => ({ name: `added-${ctx.tag}` }),
  'mcp.setEnabled': (ctx) => ({ name: ctx.server, enabled: true }),
  'mcp.import': (ctx) => ({ text: JSON.stringify({ mcpServers: { [`imported-${ctx.tag}`]: { command: process.execPath, args: ['--version'] } } }) }),
  'mcp.test': (ctx) => ({ name: ctx.server }),
  'mcp.tools': (ctx) => ({ server: ctx.server }),
  'skills.list': () => ({}),
};

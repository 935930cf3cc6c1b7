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
  /** A run waiting at its plan-level approval gate (step "approve"), and the digest it shows. */
  approval: { runId: number; shownSha256: string };
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
  const gated = await core.runs.enqueue({ plan: { irVersion: 1, name: `gated ${tag}`, approval: { prompt: 'go?' }, steps: [
    { id: 'after', tool: 'shell', input: { command: 'true' }, verify: [{ kind: 'exit_code' }] },
  ] } });
  let waiting = (await core.approvals.list({ runId: gated.run.id }))[0];
  for (let tries = 0; !waiting && tries < 300; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    waiting = (await core.approvals.list({ runId: gated.run.id }))[0];
  }
  assert.ok(waiting, 'the gated run asked for its approval');
  const server = `contract-${tag}`;
  await core.mcp.add({ name: server, command: process.execPath, args: [MCP_SERVER] });
  return { tag, sessionId: session.id, runId: run.id, planId: run.planId, artifactSha256: artifact.sha256, parkedRunId: parked.run.id, server,
    approval: { runId: gated.run.id, shownSha256: waiting.shownSha256 } };
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
  'runs.rerun': (ctx) => ({ id: ctx.runId, kind: 'from-step', fromStep: 'fetch' }),
  'runs.reprove': (ctx) => ({ id: ctx.runId }),
  'runs.reruns': (ctx) => ({ id: ctx.runId }),
  'runs.watch': (ctx) => ({ runIds: [ctx.runId] }),
  'plans.list': () => ({}),
  'plans.setPinned': (ctx) => ({ planId: ctx.planId, pinned: true }),
  'commands.recent': () => ({ limit: 5 }),
  'schedules.preview': () => ({ cron: '0 3 * * *', timezone: 'Europe/Berlin' }),
  'schedules.add': (ctx) => ({ name: `nightly-${ctx.tag}`, cron: '0 3 * * *', timezone: 'UTC', target: { kind: 'command', text: `echo scheduled ${ctx.tag}` } }),
  'schedules.list': () => ({}),
  'schedules.update': (ctx) => ({ name: `nightly-${ctx.tag}`, changes: { cron: '30 3 * * *', overlap: 'queue' } }),
  'schedules.pause': (ctx) => ({ name: `nightly-${ctx.tag}` }),
  'schedules.resume': (ctx) => ({ name: `nightly-${ctx.tag}` }),
  'schedules.fires': (ctx) => ({ name: `nightly-${ctx.tag}` }),
  'schedules.pauseAll': () => ({}),
  'schedules.resumeAll': () => ({}),
  'schedules.remove': (ctx) => ({ name: `nightly-${ctx.tag}` }),
  'proofs.list': (ctx) => ({ runId: ctx.runId }),
  'proofs.bundle': (ctx) => ({ runId: ctx.runId, includeArtifacts: true }),
  // issue 8: retention and history (a long period: the contract's runs are minutes old, nothing is purged)
  'retention.get': () => ({}),
  'retention.set': () => ({ runsDays: 3650, proofsDays: null }),
  'retention.setSession': (ctx) => ({ sessionId: ctx.sessionId, days: 3650 }),
  'retention.purge': () => ({ dryRun: true }),
  'runs.searchLogs': (ctx) => ({ text: 'started', filter: { sessionId: ctx.sessionId }, limit: 5 }),
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
  'approvals.list': () => ({ pending: true }),
  'approvals.get': (ctx) => ({ runId: ctx.approval.runId, stepId: 'approve' }),
  'approvals.decide': (ctx) => ({ runId: ctx.approval.runId, stepId: 'approve', decision: 'approve', shownSha256: ctx.approval.shownSha256 }),
};

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CoreError, createIpcServer, type Core } from '../../../electron/core/index.ts';
import { createHandlers } from '../../../electron/core/ipc/handlers/index.ts';
import { METHOD_NAMES, type MethodName } from '../../../shared/ipc/contract.ts';
import { client } from './ipc-kit.ts';

/** A core whose every use fails the test, except what `parts` provides: proves which calls reach it. */
function fakeCore(parts: Record<string, unknown> = {}): Core {
  const target: Record<string, unknown> = {
    subscribe: () => () => undefined, onHealth: () => () => undefined, skills: { onChange: () => () => undefined }, ...parts,
  };
  return new Proxy(target, {
    get(object, key) {
      if (key in object) return object[key as string];
      throw new Error(`the core was used (${String(key)}) though no handler should have run`);
    },
  }) as unknown as Core;
}
const connect = (core = fakeCore()) => client(createIpcServer(core, { shell: 'headless', version: '1.2.3' }));

// One bad input per method, with the path the error must name. `satisfies` makes a new method add its case.
const BAD_INPUTS = {
  'app.info': [{ verbose: true }, 'verbose'],
  'app.health': [{ since: 0 }, 'since'],
  'sessions.list': [{ includeArchived: 'yes' }, 'includeArchived'],
  'sessions.create': [{ title: '   ' }, 'title'],
  'sessions.rename': [{ id: 0, title: 'x' }, 'id'],
  'sessions.archive': [{ id: '1' }, 'id'],
  'sessions.restore': [{}, 'id'],
  'lanes.list': [{ lane: 'A' }, 'lane'],
  'lanes.pause': [{ name: 'no spaces' }, 'name'],
  'lanes.resume': [{ name: 5 }, 'name'],
  'runs.list': [{ since: '2025-01-01' }, 'since'],
  'runs.get': [{ id: 1.5 }, 'id'],
  'runs.events': [{ runId: 1, afterSeq: -1 }, 'afterSeq'],
  'runs.runCommand': [{ command: '  ' }, 'command'],
  'runs.runText': [{ text: 'x', lane: 'no lane!' }, 'lane'],
  'runs.runDraft': [{ plan: {}, params: { p: [1] } }, 'params.p'],
  'compile.preview': [{ text: '' }, 'text'],
  'runs.runPlan': [{ planId: 1, params: { who: { name: 'x' } } }, 'params.who'],
  'runs.cancel': [{ id: null }, 'id'],
  'runs.retry': [{ id: -3 }, 'id'],
  'runs.rerun': [{ id: 1, kind: 'again' }, 'kind'],
  'runs.reprove': [{ id: 0 }, 'id'],
  'runs.reruns': [{}, 'id'],
  'runs.watch': [{ runIds: [1, '2'] }, 'runIds.1'],
  'plans.list': [{ all: true }, 'all'],
  'plans.setPinned': [{ planId: 1, pinned: 'yes' }, 'pinned'],
  'commands.recent': [{ limit: 101 }, 'limit'],
  'schedules.list': [{ all: true }, 'all'],
  'schedules.add': [{ name: 'nightly', cron: '0 3 * * *', target: { kind: 'plan' } }, 'target.name'],
  'schedules.update': [{ name: 'nightly', changes: { overlap: 'sometimes' } }, 'changes.overlap'],
  'schedules.pause': [{ name: 'not a name!' }, 'name'],
  'schedules.resume': [{}, 'name'],
  'schedules.remove': [{ name: '' }, 'name'],
  'schedules.pauseAll': [{ now: true }, 'now'],
  'schedules.resumeAll': [{ now: true }, 'now'],
  'schedules.fires': [{ name: 'nightly', limit: 0 }, 'limit'],
  'schedules.preview': [{ cron: '* * * * *', count: 99 }, 'count'],
  'proofs.list': [{ runId: 'x' }, 'runId'],
  'proofs.bundle': [{ runId: 1, includeArtifacts: 'no' }, 'includeArtifacts'],
  'retention.get': [{ all: true }, 'all'],
  'retention.set': [{ runsDays: 0 }, 'runsDays'],
  'retention.setSession': [{ sessionId: 1, days: 1.5 }, 'days'],
  'retention.purge': [{ dryRun: 'yes' }, 'dryRun'],
  'runs.searchLogs': [{ text: '   ' }, 'text'],
  'artifacts.list': [{}, 'runId'],
  'artifacts.get': [{ runId: 1, sha256: 'abc' }, 'sha256'],
  'mcp.list': [{ enabled: true }, 'enabled'],
  'mcp.add': [{ name: 'srv', command: '' }, 'command'],
  'mcp.remove': [{ name: 'not a name!' }, 'name'],
  'mcp.setEnabled': [{ name: 'srv' }, 'enabled'],
  'mcp.import': [{ text: '' }, 'text'],
  'mcp.test': [{}, 'name'],
  'mcp.tools': [{ server: 'srv', refresh: 1 }, 'refresh'],
  'skills.list': [{ all: true }, 'all'],
  'approvals.list': [{ pending: 'yes' }, 'pending'],
  'approvals.get': [{ runId: 1 }, 'stepId'],
  'approvals.decide': [{ runId: 1, stepId: 'approve', decision: 'approve', shownSha256: 'abc' }, 'shownSha256'],
} satisfies Record<MethodName, [unknown, string]>;

describe('IPC dispatch', () => {
  test('every method has a handler', () => {
    assert.deepEqual(Object.keys(createHandlers(fakeCore(), { shell: 'desktop', version: '0' })).sort(), [...METHOD_NAMES].sort());
  });

  test('a bad input is INVALID_INPUT naming the field, and no handler runs', async () => {
    const c = connect();
    for (const [method, [input, path]] of Object.entries(BAD_INPUTS)) {
      const error = await c.fail(method, input);
      assert.equal(error.code, 'INVALID_INPUT', `${method}: ${error.message}`);
      assert.ok(error.issues?.some((issue) => issue.path === path), `${method} names ${path}: ${JSON.stringify(error.issues)}`);
      assert.match(error.message, new RegExp(`^invalid input for ${method.replace('.', '\\.')}: .*${path.replace('.', '\\.')}: `));
    }
  });

  test('a union input names the problems of each of its forms', async () => {
    const error = await connect().fail('mcp.import', {});
    assert.deepEqual(error.issues?.map((i) => i.path), ['path', 'text']);
  });

  test('garbage is BAD_MESSAGE (with the id when it is usable) and the connection keeps working', async () => {
    const c = connect(fakeCore({ mode: 'embedded', dataDir: '/data', lanes: { served: ['A'] } }));
    const cases: [unknown, number | null, RegExp][] = [
      [null, null, /got null/],
      ['x', null, /got string/],
      [[], null, /got an array/],
      [{ id: -1 }, null, /id: .*method: /],
      [{ id: 1, method: 5 }, 1, /method: /],
      [{ id: 1.5, method: 'app.info', input: {} }, null, /id: /],
      [{ id: 2, method: 'app.info', input: {}, extra: 1 }, 2, /extra: not a known field/],
      [{ id: 3, method: 'app.info' }, 3, /input: /],
    ];
    for (const [message, id, wording] of cases) {
      const response = await c.send(message);
      assert.equal(response.ok, false);
      if (response.ok) continue;
      assert.deepEqual([response.id, response.error.code], [id, 'BAD_MESSAGE'], JSON.stringify(message));
      assert.match(response.error.message, wording);
    }
    assert.deepEqual(await c.call('app.info', {}), { version: '1.2.3', mode: 'embedded', dataDir: '/data', lanes: ['A'], shell: 'headless' });
  });

  test('an unknown method is UNKNOWN_METHOD, naming it and its area\'s methods', async () => {
    const error = await connect().fail('sessions.delete', {});
    assert.equal(error.code, 'UNKNOWN_METHOD');
    assert.match(error.message, /"sessions\.delete".*sessions\.list, sessions\.create/);
    assert.equal((await connect().fail('constructor', {})).code, 'UNKNOWN_METHOD', 'an Object.prototype name is no method');
  });

  test('handlers get the parsed input with defaults; a CoreError keeps its code; anything else is INTERNAL', async (t) => {
    const seen: unknown[] = [];
    const core = fakeCore({
      sessions: {
        list: async (options: unknown) => (seen.push(options), []),
        rename: async () => {
          throw new CoreError('UNKNOWN_SESSION', 'there is no session 5');
        },
        create: async () => {
          throw new TypeError('boom');
        },
      },
      runs: {
        list: async (query: unknown) => (seen.push(query), []),
        progress: async () => new Map(),
        countsBySession: async () => new Map(),
      },
      commands: { recent: async (limit: unknown) => (seen.push(limit), []) },
    });
    const c = connect(core);
    await c.call('sessions.list', {});
    await c.call('runs.list', { text: 'deploy' });
    await c.call('commands.recent', {});
    assert.deepEqual(seen, [{ includeArchived: false }, { text: 'deploy', limit: 200 }, 20]);
    assert.deepEqual(await c.fail('sessions.rename', { id: 5, title: 'x' }), { code: 'UNKNOWN_SESSION', message: 'there is no session 5' });
    const logged = t.mock.method(console, 'error', () => undefined);
    assert.deepEqual(await c.fail('sessions.create', { title: 'x' }), { code: 'INTERNAL', message: 'boom' });
    assert.equal(logged.mock.callCount(), 1, 'logged to stderr once');
    assert.match(String(logged.mock.calls[0]!.arguments[0]), /sessions\.create failed unexpectedly/);
  });
});

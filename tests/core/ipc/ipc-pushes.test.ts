import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Core, IpcServer } from '../../../electron/core/index.ts';
import type { RunEvent } from '../../../shared/domain/run.ts';
import { client, finished, openCore, serve, until, type Client } from './ipc-kit.ts';

const LINES = 100_000;
const isLine = (e: RunEvent) => e.kind === 'output' || e.kind === 'log';

describe('IPC pushes', () => {
  let core: Core;
  let server: IpcServer;
  let [watcher, bystander, other]: Client[] = [];
  before(async () => {
    core = await openCore(['A']);
    server = serve(core);
    [watcher, bystander, other] = [client(server), client(server), client(server)];
  });
  after(async () => {
    server.close();
    await core.close({ graceMs: 0 });
  });

  test('output and log lines reach only the connections watching the run, in one push per published batch', async () => {
    const batches: RunEvent[][] = [];
    const stop = core.subscribe((events) => batches.push(events));
    await watcher.call('lanes.pause', { name: 'A' }); // queued, not started: nothing is missed before the watch
    const run = await watcher.call('runs.runCommand', { command: `seq 1 ${LINES}`, lane: 'A' });
    await watcher.call('runs.watch', { runIds: [run.id] });
    await other.call('runs.watch', { runIds: [run.id + 1000] });
    await watcher.call('lanes.resume', { name: 'A' });
    assert.equal((await finished(watcher, run.id)).run.status, 'succeeded');
    const ended = (c: Client) => c.runEvents().flat().some((e) => e.runId === run.id && e.payload?.status === 'succeeded');
    await until(() => [watcher, bystander, other].every(ended), 'the final status push');
    stop();

    const lines = watcher.runEvents().flat().filter((e) => e.runId === run.id && e.kind === 'output');
    assert.equal(lines.length, LINES);
    assert.deepEqual([lines[0]!.message, lines.at(-1)!.message], ['1', String(LINES)]);
    const linePushes = watcher.runEvents().filter((events) => events.some(isLine)).length;
    assert.ok(linePushes < LINES / 100, `${LINES} lines came in ${linePushes} pushes`);
    for (const c of [bystander, other]) {
      const seen = c.runEvents().flat().filter((e) => e.runId === run.id);
      assert.deepEqual(seen.filter(isLine), [], 'an unwatched run\'s lines are not pushed');
      assert.deepEqual(seen.map((e) => e.kind).filter((k, i, all) => all.indexOf(k) === i).sort(), ['proof', 'status', 'step']);
    }
    // Exactly one push per published batch that holds something for the connection, never one per event.
    const relevant = (watched: boolean) => batches.filter((b) => b.some((e) => !isLine(e) || (watched && e.runId === run.id)));
    assert.equal(watcher.runEvents().length, relevant(true).length);
    assert.equal(bystander.runEvents().length, relevant(false).length);
  });

  test('a successful change is announced to every connection; a failed one is not', async () => {
    const before = [watcher, bystander, other].map((c) => c.changed().length);
    const session = await bystander.call('sessions.create', { title: 'announced' });
    await bystander.call('sessions.rename', { id: session.id, title: 'renamed' });
    await watcher.call('lanes.pause', { name: 'A' });
    await watcher.call('lanes.resume', { name: 'A' });
    await other.call('mcp.setEnabled', { name: 'desktop-commander', enabled: true });
    await other.fail('sessions.rename', { id: 999_999, title: 'x' });
    await other.fail('lanes.pause', { name: 'nope' });
    await watcher.call('sessions.list', {}); // reads announce nothing
    for (const [i, c] of [watcher, bystander, other].entries()) {
      assert.deepEqual(c.changed().slice(before[i]), ['sessions', 'sessions', 'lanes', 'lanes', 'mcp']);
    }
  });

  test('a push callback that throws breaks no other connection, nor its own calls', async () => {
    const broken = server.connect(() => {
      throw new Error('window gone');
    });
    const count = bystander.changed().length;
    const response = await broken.handle({ id: 1, method: 'sessions.create', input: { title: 'still works' } });
    assert.equal(response.ok, true);
    assert.equal(bystander.changed().length, count + 1);
    broken.close();
  });

  test('a closed connection gets no more pushes; a closed server pushes to no one', async () => {
    bystander.connection.close();
    const [pushesBefore, watcherBefore] = [bystander.pushes.length, watcher.pushes.length];
    const run = await watcher.call('runs.runCommand', { command: 'echo after close' });
    await watcher.call('runs.watch', { runIds: [run.id] });
    await finished(watcher, run.id);
    await until(() => watcher.runEvents().flat().some((e) => e.runId === run.id && e.payload?.status === 'succeeded'), 'the status push');
    assert.equal(bystander.pushes.length, pushesBefore);
    assert.ok(watcher.pushes.length > watcherBefore);

    server.close();
    const silent = watcher.pushes.length;
    const last = (await core.runs.enqueue({ plan: { irVersion: 1, name: 'unheard', steps: [
      { id: 'a', tool: 'shell', input: { command: 'echo unheard' }, verify: [{ kind: 'exit_code' }] }] } })).run;
    await core.runs.follow(last.id, () => undefined);
    await watcher.call('sessions.create', { title: 'unannounced' });
    assert.equal(watcher.pushes.length, silent);
  });
});

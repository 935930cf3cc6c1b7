import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCore, createIpcServer, type Core, type IpcServer } from '../../../electron/core/index.ts';
import { METHODS, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/ipc/contract.ts';
import type { IpcError } from '../../../shared/ipc/errors.ts';
import { EVENTS, type EventData } from '../../../shared/ipc/events.ts';
import { decodeWire, encodeWire, PushSchema, ResponseSchema, type Push, type Response } from '../../../shared/ipc/wire.ts';
import { tempDir } from '../../helpers/tmp.ts';

/** A core on a fresh embedded database (PGlite on disk) with lane workers, as the desktop app runs it. */
export const openCore = (lanes = ['A', 'B']): Promise<Core> =>
  createCore({ dataDir: join(tempDir().path, 'data'), lanes, pollMs: 200 });

export const serve = (core: Core): IpcServer => createIpcServer(core, { shell: 'desktop', version: '9.9.9-test' });

export class CallFailed extends Error {
  readonly error: IpcError;
  constructor(method: string, error: IpcError) {
    super(`${method} failed: ${error.code}: ${error.message}`);
    this.error = error;
  }
}

/**
 * One window's side of a connection. Every message crosses as Electron IPC carries it (a structured clone);
 * each answer is checked against the envelope and the method's output schema, both as cloned and after the
 * headless transport's JSON (encodeWire/decodeWire), so Dates must stay Dates on both.
 */
export function client(server: IpcServer) {
  const pushes: Push[] = [];
  const connection = server.connect((push) => {
    const cloned = structuredClone(PushSchema.parse(push));
    assert.deepEqual(decodeWire(encodeWire(cloned)), cloned, 'a push survives the JSON transport');
    pushes.push(cloned);
  });
  let nextId = 1;

  async function send(message: unknown): Promise<Response> {
    const response = structuredClone(await connection.handle(structuredClone(message)));
    return ResponseSchema.parse(response);
  }

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const id = nextId++;
    const response = await send({ id, method, input });
    assert.equal(response.id, id);
    if (!response.ok) throw new CallFailed(method, response.error);
    const schema = METHODS[method].output;
    const output = schema.parse(response.output) as MethodOutput<M>;
    const overJson = decodeWire(encodeWire(response)) as { output: unknown };
    assert.deepEqual(schema.parse(overJson.output), output, `${method}'s output is the same after the JSON transport`);
    return output;
  }

  /** Calls a method that must fail; returns its error. */
  async function fail(method: string, input: unknown): Promise<IpcError> {
    const response = await send({ id: nextId++, method, input });
    assert.equal(response.ok, false, `${method} was expected to fail`);
    return (response as Extract<Response, { ok: false }>).error;
  }

  /** The run events pushed so far, parsed. */
  const runEvents = () => pushes.filter((p) => p.event === 'run.events')
    .map((p) => EVENTS['run.events'].parse(p.data).events);
  const changed = (): EventData<'changed'>['topic'][] => pushes.filter((p) => p.event === 'changed')
    .map((p) => EVENTS.changed.parse(p.data).topic);

  return { connection, pushes, send, call, fail, runEvents, changed };
}
export type Client = ReturnType<typeof client>;

/** Waits for a condition checked every 25 ms, up to `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Waits until the run has finished; returns it as the client sees it. */
export async function finished(c: Client, id: number) {
  let detail = await c.call('runs.get', { id });
  await until(async () => {
    detail = await c.call('runs.get', { id });
    return ['succeeded', 'failed', 'cancelled'].includes(detail.run.status);
  }, `run ${id} to finish`);
  return detail;
}

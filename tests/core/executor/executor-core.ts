import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { RunEvent } from '../../../shared/domain/run.ts';
import { createCore, type Core } from '../../../electron/core/index.ts';
import { openDatabase } from '../../../electron/core/db/open-database.ts';
import type { Store } from '../../../electron/core/queue/store.ts';
import { tempDir } from '../../helpers/tmp.ts';

/** A real core on PGlite on disk, with real lane threads; `dataDir` to look at its rows once it is closed. */
export async function startCore(): Promise<{ core: Core; dir: string; dataDir: string }> {
  const dir = tempDir().path;
  const dataDir = join(dir, 'data');
  const core = await createCore({ dataDir, lanes: ['A', 'B'], pollMs: 100 });
  return { core, dir, dataDir };
}

/** A run followed to its end, with what a person looks at: its steps, proofs, events and log text. */
export async function finished(core: Core, runId: number) {
  const events: RunEvent[] = [];
  const final = await core.runs.follow(runId, (e) => events.push(e));
  const { steps } = await core.runs.get(runId);
  const proofs = await core.proofs.list(runId);
  const step = (id: string) => steps.find((s) => s.stepId === id)!;
  return { final, events, steps, proofs, step, log: events.map((e) => `${e.stepId ?? '-'}: ${e.message}`).join('\n') };
}

export async function runPlan(core: Core, plan: unknown, params: Record<string, string> = {}) {
  const { run } = await core.runs.enqueue({ plan, params, paramsAreText: true });
  return finished(core, run.id);
}

export type Finished = Awaited<ReturnType<typeof finished>>;
export const statuses = (result: Finished) => result.steps.map((s) => [s.stepId, s.status, s.settledBy]);

/** The closed core's database opened directly, to read what the API does not show (run_steps.outputs). */
export async function withStore<T>(dataDir: string, read: (store: Store) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir });
  try {
    return await read(db.store);
  } finally {
    await db.close();
  }
}

/** A loopback HTTP server answering GET /state with whatever `answer.body` holds now (status answer.status). */
export async function stateServer(): Promise<{ url: string; answer: { status: number; body: string }; close(): void }> {
  const answer = { status: 200, body: 'ready' };
  const server: Server = createServer((_req, res) => {
    res.statusCode = answer.status;
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/state`;
  return { url, answer, close: () => server.close() };
}

export const exit0 = [{ kind: 'exit_code' as const }];
export const sh = (id: string, command: string, extra: Record<string, unknown> = {}) =>
  ({ id, tool: 'shell', input: { command }, verify: exit0, ...extra });
export const plan = (name: string, steps: unknown[], extra: Record<string, unknown> = {}) => ({ irVersion: 1, name, ...extra, steps });

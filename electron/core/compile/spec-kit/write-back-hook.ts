import { randomUUID } from 'node:crypto';
import { chmod, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Proof } from '../../../../shared/domain/proof.ts';
import type { Plan } from '../../../../shared/ir/plan.ts';
import { TERMINAL_STATUSES, type NewRunEvent, type Run, type RunEvent, type RunStep } from '../../../../shared/domain/run.ts';
import type { EventListener } from '../../events/event-bus.ts';
import type { Store } from '../../queue/store.ts';
import { VALID_ID } from './task-line.ts';
import { writeBack, type ProvenTask } from './write-back.ts';

export interface WriteBackDeps {
  store: Pick<Store, 'getRun' | 'getPlan' | 'listProofs' | 'appendEvents'>;
  subscribe(listener: EventListener): () => void;
  publish(events: RunEvent[]): void;
}

/** Runs remembered as handled, so an end seen twice is written back once. */
const REMEMBERED = 1000;

/**
 * When a run of a Spec Kit plan ends (any status: a cancelled run's finished tasks count too), ticks the tasks
 * it proved in the tasks.md the plan came from, with a link to the run, and says so in the run's log. Sees
 * the runs whose end is published in this process, which is every run its lane workers execute.
 */
export function startSpecKitWriteBack(deps: WriteBackDeps): { stop(): Promise<void> } {
  // plan id -> its tasks.md and what each task step was compiled from; null for other plans (plans never change)
  const specKitPlans = new Map<number, SpecKitPlan | null>();
  const handled = new Set<number>();
  const pending = new Set<Promise<void>>();
  const perFile = new Map<string, Promise<void>>();

  const handle = async (runId: number) => {
    const { run, steps } = await deps.store.getRun(runId);
    let plan = specKitPlans.get(run.planId);
    if (plan === undefined) {
      plan = specKitPlan((await deps.store.getPlan(run.planId)).plan);
      specKitPlans.set(run.planId, plan);
    }
    if (!plan) return;
    const { path: file, texts } = plan;
    const proven = new Map([...provenTasks(run, steps, await deps.store.listProofs(runId))]
      .map(([id, link]) => [id, { link, text: texts.get(id) ?? '' }]));
    // One write at a time per file: two runs of one task list ending together must not undo each other.
    const previous = perFile.get(file) ?? Promise.resolve();
    const mine = previous.then(() => update(file, run, steps, proven));
    const queued = mine.catch(() => undefined);
    perFile.set(file, queued);
    await mine.finally(() => {
      if (perFile.get(file) === queued) perFile.delete(file);
    });
  };

  const update = async (path: string, run: Run, steps: RunStep[], proven: Map<string, ProvenTask>) => {
    const ids = [...proven.keys()];
    const notProven = steps.map((s) => s.stepId).filter((id) => VALID_ID.test(id) && !proven.has(id));
    const specKit: Record<string, unknown> = { tasksFile: path, proven: ids, notProven };
    let message: string;
    let level: NewRunEvent['level'] = 'info';
    try {
      let skipped: string[] = [];
      const written = await rewrite(path, (text) => {
        const result = writeBack(text, proven);
        skipped = result.skipped; // of the last try: the text actually written
        return result.text;
      });
      const marked = ids.filter((id) => !skipped.includes(id));
      specKit.notTicked = skipped;
      const notTicked = skipped.length ? `; ${skipped.join(', ')} changed since the run started: not ticked` : '';
      message = ids.length === 0 ? `Spec Kit: no task was proven; ${path} is unchanged`
        : marked.length === 0 ? `Spec Kit: ${path} is unchanged${notTicked}`
          : `Spec Kit: ${written ? 'marked' : 'already marked'} ${marked.length} proven task${marked.length === 1 ? '' : 's'} [X] in ${path}: ${marked.join(', ')}${notTicked}`;
      if (skipped.length) level = 'warn';
    } catch (error) {
      const gone = (error as NodeJS.ErrnoException).code === 'ENOENT';
      level = 'warn';
      message = `Spec Kit: could not mark ${ids.length ? ids.join(', ') : 'the tasks'} done in ${path}: `
        + (gone ? 'the file is gone (moved or deleted since the plan was compiled)' : (error as Error).message);
    }
    const event: NewRunEvent = { runId: run.id, attempt: run.attempt, stepId: null, kind: 'log', level, message, payload: { specKit } };
    deps.publish(await deps.store.appendEvents([event]));
  };

  const unsubscribe = deps.subscribe((events) => {
    for (const event of events) {
      if (event.kind !== 'status' || !TERMINAL_STATUSES.includes(event.payload?.status as Run['status'])) continue;
      if (handled.has(event.runId)) continue;
      handled.add(event.runId);
      if (handled.size > REMEMBERED) handled.delete(handled.values().next().value!);
      const job = handle(event.runId).catch((error: unknown) => {
        // Nothing to tell the run (its log may be what failed); the run's own outcome stands.
        console.warn(`opsroom: Spec Kit write-back for run ${event.runId} failed: ${(error as Error).message}`);
      });
      pending.add(job);
      void job.finally(() => pending.delete(job));
    }
  });

  return {
    async stop() {
      unsubscribe();
      await Promise.allSettled([...pending]);
    },
  };
}

interface SpecKitPlan {
  path: string;
  /** Task ID -> the task's text when the plan was compiled (its step's description). */
  texts: Map<string, string>;
}

function specKitPlan(plan: Plan): SpecKitPlan | null {
  if (plan.origin?.kind !== 'spec-kit' || !plan.origin.path) return null;
  const texts = new Map(plan.steps.filter((s) => VALID_ID.test(s.id)).map((s) => [s.id, s.description ?? '']));
  return { path: plan.origin.path, texts };
}

/** A task is proven when its step succeeded and every verdict of its last try passed. */
export function provenTasks(run: Pick<Run, 'id'>, steps: readonly RunStep[], proofs: readonly Proof[]): Map<string, string> {
  const proven = new Map<string, string>();
  for (const step of steps) {
    if (!VALID_ID.test(step.stepId) || step.status !== 'succeeded') continue;
    const mine = proofs.filter((p) => p.stepId === step.stepId && p.attempt === step.attempt);
    const lastTry = Math.max(...mine.map((p) => p.try));
    const last = mine.filter((p) => p.try === lastTry);
    if (last.length > 0 && last.every((p) => p.passed)) proven.set(step.stepId, `opsroom://run/${run.id}`);
  }
  return proven;
}

/**
 * Rewrites a file atomically (a temporary file renamed over it, with its mode), unless the change is none.
 * If the file changes while the new text is prepared (an editor saved it), starts again from the new content.
 */
async function rewrite(path: string, change: (text: string) => string): Promise<boolean> {
  for (let tries = 1; ; tries++) {
    const text = await readFile(path, 'utf8');
    const next = change(text);
    if (next === text) return false;
    const temp = join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
    try {
      await writeFile(temp, next);
      await chmod(temp, (await stat(path)).mode & 0o7777);
      if ((await readFile(path, 'utf8')) === text) {
        await rename(temp, path);
        return true;
      }
      if (tries === 3) throw new Error('the file kept changing while it was being written back; try again later');
    } finally {
      await unlink(temp).catch(() => undefined); // gone after the rename; removed here after a retry or an error
    }
  }
}

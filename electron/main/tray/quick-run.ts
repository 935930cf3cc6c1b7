import type { Run } from '../../../shared/domain/run.ts';
import type { Core } from '../../core/index.ts';
import { FAILED_WINDOW_MS, RECENT_LIMIT, type TrayAction, type TrayState } from './tray-menu.ts';

/** The session every run started from the tray goes to, so they are found together on the board. */
export const QUICK_RUNS_SESSION = 'Quick runs';

/** The tray actions the core carries out (the others open the window or quit). */
export type CoreTrayAction = Extract<TrayAction, { kind: 'run-command' | 'run-plan' | 'pause-all' | 'resume-all' }>;

/** The open "Quick runs" session, created the first time (or again, once the old one is archived). */
async function quickRunsSession(core: Core): Promise<number> {
  const open = (await core.sessions.list()).find((session) => session.title === QUICK_RUNS_SESSION);
  return (open ?? (await core.sessions.create(QUICK_RUNS_SESSION))).id;
}

async function setAllPaused(core: Core, paused: boolean): Promise<void> {
  const lanes = (await core.lanes.list()).filter((lane) => lane.paused !== paused);
  await Promise.all(lanes.map((lane) => (paused ? core.lanes.pause(lane.name) : core.lanes.resume(lane.name))));
}

/**
 * Carries out a tray action on the core: a run goes to the "Quick runs" session on the least busy lane, a plan
 * with its parameters' defaults. A recent command is compiled with the command bar's grammar, so a remembered
 * `/skill …` runs as that skill again and a plain command as a shell step. Returns the queued run, or null for the lane actions. Callers serialise
 * these, so two quick runs at once do not create two sessions.
 */
export async function performTrayAction(core: Core, action: CoreTrayAction): Promise<Run | null> {
  switch (action.kind) {
    case 'run-command':
      return core.compile.run(action.command, { sessionId: await quickRunsSession(core), lane: 'auto', remember: true });
    case 'run-plan': {
      const plan = await core.plans.get(action.planId);
      const sessionId = await quickRunsSession(core);
      return (await core.runs.enqueue({ plan, source: `plan ${action.planId}`, sessionId, lane: 'auto' })).run;
    }
    case 'pause-all':
    case 'resume-all':
      await setAllPaused(core, action.kind === 'pause-all');
      return null;
  }
}

/** Everything the tray menu shows, read from the core in one go. */
export async function readTrayState(core: Core, now = new Date()): Promise<TrayState> {
  const [counts, lanes, plans, recent, approvals] = await Promise.all([
    core.runs.activity({ failedSince: new Date(now.getTime() - FAILED_WINDOW_MS) }),
    core.lanes.list(),
    core.plans.list(),
    core.commands.recent(RECENT_LIMIT),
    core.approvals.list({ pending: true }),
  ]);
  return {
    counts,
    lanes: lanes.map(({ name, paused }) => ({ name, paused })),
    pinned: plans.filter((plan) => plan.pinned).map((plan) => ({
      kind: 'plan', planId: plan.id, name: plan.name, description: plan.description,
      runnable: Object.values(plan.params).every((param) => param.default !== undefined),
    })),
    recentCommands: recent.map((r) => r.command),
    approvals: approvals.map(({ runId, stepId, prompt }) => ({ runId, stepId, prompt })),
  };
}

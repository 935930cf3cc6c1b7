import type { z } from 'zod';
import {
  NewScheduleSchema, ScheduleChangesSchema, type CronPreview, type NewSchedule, type Schedule, type ScheduleChanges,
  type ScheduleFire, type ScheduleList, type ScheduleSummary,
} from '../../../shared/domain/schedule.ts';
import type { CompileApi } from '../api/compile-api.ts';
import type { RunsApi } from '../api/runs-api.ts';
import { CoreError } from '../errors.ts';
import { describeIssues, inputIssues } from '../ipc/input-issues.ts';
import type { SecretStore } from '../mcp/secret-store.ts';
import type { ScheduleRow } from '../queue/statements/schedules.ts';
import type { Store } from '../queue/store.ts';
import type { SkillsApi } from '../skills/skills-api.ts';
import { checkZone, localZone, nextFires, parseCron, previewCron } from './cron.ts';
import { createScheduler, type Clock, type FireReport } from './scheduler.ts';
import { deleteScheduleSecrets, resolveScheduleSecrets, shownParams, storeScheduleSecrets } from './schedule-secrets.ts';
import { bindScheduleParams, checkTarget, expandTarget } from './targets.ts';

export interface SchedulesApi {
  /** Every schedule by name: its next fire times (from now, in its zone) and what became of its last slot. */
  list(): Promise<ScheduleList>;
  /** Checks the expression, zone, lane, target and parameters, then stores it. Slots from now on fire. */
  add(input: NewSchedule, options?: { cwd?: string }): Promise<ScheduleSummary>;
  update(name: string, changes: ScheduleChanges): Promise<ScheduleSummary>;
  pause(name: string): Promise<ScheduleSummary>;
  /** Slots while it was paused are not caught up. */
  resume(name: string): Promise<ScheduleSummary>;
  /** Removes the schedule, its fire history and its secret parameters (its runs stay). */
  remove(name: string): Promise<Schedule>;
  pauseAll(): Promise<{ pausedAll: boolean }>;
  resumeAll(): Promise<{ pausedAll: boolean }>;
  /** What became of its slots, newest first. */
  fires(name: string, limit?: number): Promise<ScheduleFire[]>;
  /** The next fire times of an expression in a zone (default the machine's), or why it is refused. */
  preview(cron: string, timezone?: string, count?: number): Promise<CronPreview>;
  /** One scheduler pass at the clock's now (what the loop runs each tickMs; tests call it directly). */
  tick(): Promise<FireReport[]>;
}

export interface SchedulesDeps {
  store: Store;
  runs: RunsApi;
  skills: SkillsApi;
  compile: CompileApi;
  secrets: SecretStore;
  embedded: boolean;
  /** Start the loop: only long-lived shells (the desktop app, `opsroom serve`, `opsroom worker`) ask. */
  run?: boolean;
  clock?: Clock;
  tickMs?: number;
}

const NEXT_FIRES = 5;
/** The most fires one list holds (the IPC contract's bound too). */
const MAX_FIRES = 500;

function parsed<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new CoreError('INVALID_INPUT', `invalid ${what}: ${describeIssues(inputIssues(result.error.issues))}`);
  return result.data;
}

export function startSchedules(deps: SchedulesDeps): { api: SchedulesApi; stop(): Promise<void> } {
  const { store, secrets } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const targetDeps = { store, skills: deps.skills, compile: deps.compile };
  const scheduler = createScheduler({
    store, runs: deps.runs,
    expand: async (schedule) => expandTarget(schedule.target, await resolveScheduleSecrets(schedule.params, secrets), targetDeps),
  }, { clock, embedded: deps.embedded });
  if (deps.run) scheduler.start(deps.tickMs ?? 1000);

  const summary = (row: ScheduleRow, lastFire: ScheduleFire | null, now = clock.now()): ScheduleSummary => {
    const { lastSlot: _cursor, ...schedule } = row;
    return { ...schedule, params: shownParams(row.params), nextFires: nextFires(parseCron(row.cron, row.timezone, now), now, NEXT_FIRES), lastFire };
  };
  const withLastFire = async (row: ScheduleRow) => summary(row, (await store.listScheduleFires(row.id, 1))[0] ?? null);
  const checkLane = async (lane: string | undefined) => {
    if (lane === undefined || lane === 'auto') return;
    const lanes = (await store.listLanes()).map((l) => l.name);
    if (!lanes.includes(lane)) throw new CoreError('UNKNOWN_LANE', `unknown lane "${lane}" (lanes: ${lanes.join(', ')}, or auto)`);
  };

  const api: SchedulesApi = {
    async list() {
      const { pausedAll, schedules } = await store.listSchedules();
      const now = clock.now();
      return { pausedAll, schedules: schedules.map(({ lastFire, ...row }) => summary(row, lastFire, now)) };
    },
    async add(input, options = {}) {
      const s = parsed(NewScheduleSchema, input, 'schedule');
      const now = clock.now();
      const timezone = checkZone(s.timezone ?? localZone());
      parseCron(s.cron, timezone, now);
      await checkLane(s.lane);
      const checked = await checkTarget(s.target, targetDeps, options.cwd);
      const values = bindScheduleParams(checked, s.params, s.paramsAreText);
      const stored = await storeScheduleSecrets(checked.declared, values, secrets);
      try {
        const row = await store.addSchedule({
          name: s.name, cron: s.cron, timezone, target: checked.target, params: stored.params, lane: s.lane, sessionId: s.sessionId,
          overlap: s.overlap, catchUp: s.catchUp, catchUpLimit: s.catchUpLimit, notify: s.notify, lastSlot: now,
        });
        return summary(row, null, now);
      } catch (error) {
        await stored.discard();
        throw error;
      }
    },
    async update(name, input) {
      const changes = parsed(ScheduleChangesSchema, input, 'schedule change');
      const now = clock.now();
      const current = await store.getSchedule(name);
      if (changes.timezone !== undefined) changes.timezone = checkZone(changes.timezone);
      if (changes.cron !== undefined || changes.timezone !== undefined) parseCron(changes.cron ?? current.cron, changes.timezone ?? current.timezone, now);
      await checkLane(changes.lane);
      return withLastFire(await store.updateSchedule(name, changes, now));
    },
    pause: async (name) => withLastFire(await store.setSchedulePaused(name, true, clock.now())),
    resume: async (name) => withLastFire(await store.setSchedulePaused(name, false, clock.now())),
    async remove(name) {
      const row = await store.removeSchedule(name);
      // After the row: a schedule that is gone never fires with a missing secret.
      await deleteScheduleSecrets(row.params, secrets);
      const { lastSlot: _cursor, ...schedule } = row;
      return { ...schedule, params: shownParams(row.params) };
    },
    async pauseAll() {
      await store.setSchedulesPausedAll(true, clock.now());
      return { pausedAll: true };
    },
    async resumeAll() {
      await store.setSchedulesPausedAll(false, clock.now());
      return { pausedAll: false };
    },
    async fires(name, limit = 50) {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FIRES) throw new CoreError('INVALID_INPUT', `a limit is a whole number from 1 to ${MAX_FIRES} (got ${limit})`);
      return store.listScheduleFires((await store.getSchedule(name)).id, limit);
    },
    preview: async (cron, timezone, count = NEXT_FIRES) => previewCron(cron, timezone ?? localZone(), clock.now(), count),
    tick: () => scheduler.tick(),
  };
  return { api, stop: () => scheduler.stop() };
}

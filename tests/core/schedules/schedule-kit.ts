import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/index.ts';
import { tempDir } from '../../helpers/tmp.ts';

export const STOCK_SKILLS = fileURLToPath(new URL('../../fixtures/skills/stock/', import.meta.url));

/** The scheduler's clock, moved by the test: slots come due when the test says, not when the wall clock does. */
export interface TestClock {
  now(): Date;
  set(iso: string): void;
}

export function testClock(iso: string): TestClock {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (next) => { now = new Date(next); } };
}

/**
 * A core on PGlite on disk whose scheduler reads `clock` and does not loop: the test calls tick(). Without lane
 * workers unless asked, so a fired run stays queued (and counts as not ended for the overlap policy).
 */
export async function scheduleCore(clock: TestClock, options: CoreOptions = {}): Promise<{ core: Core; dataDir: string }> {
  const dataDir = options.dataDir ?? join(tempDir('opsroom-schedules-').path, 'data');
  const core = await createCore({ runWorkers: false, stockSkillsDir: STOCK_SKILLS, lanes: ['A'], ...options, dataDir, schedules: { clock } });
  return { core, dataDir };
}

/** The schedule's fires oldest first, as `slot outcome` (slot as ISO, without the zero milliseconds). */
export async function fireLines(core: Core, name: string): Promise<string[]> {
  const fires = await core.schedules.fires(name, 500);
  return fires.reverse().map((f) => `${f.slot.toISOString().replace('.000Z', 'Z')} ${f.outcome}`);
}

/** The runs the schedule queued, by the idempotency keys of its slots. */
export async function scheduledRuns(core: Core, scheduleId: number) {
  const runs = await core.runs.list({ limit: 1000 });
  return runs.filter((r) => r.idempotencyKey?.startsWith(`schedule:${scheduleId}:`)).sort((a, b) => a.id - b.id);
}

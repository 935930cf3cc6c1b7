import { spawn } from 'node:child_process';
import { createCore, shellPlan, type Core } from '../../electron/core/index.ts';
import { progress } from './stats.ts';
import { timeEach, timeInterleaved, type Timing } from './timing.ts';

export interface StepCost {
  /** Spawned before createCore, and again with the core open in this process, taking turns with `local`. */
  bare: Timing;
  bareWithCore: Timing;
  local: Timing;
  dc: Timing;
  /** This process's resident memory before createCore and with it open: fork() copies page tables by size. */
  rssMb: { before: number; withCore: number };
}

const COMMAND = 'true';
/** The step a `via: 'desktop-commander'` shell plan runs: the same command, started by DC's start_process. */
const dcPlan = {
  irVersion: 1,
  name: 'bench: true via Desktop Commander',
  steps: [{ id: 'sh', tool: 'shell', input: { command: COMMAND, via: 'desktop-commander' }, verify: [{ kind: 'exit_code' }] }],
};

/** The floor: the child the shell tool starts (same spawn options), awaited here with nothing around it. */
function spawnBare(): Promise<void> {
  const child = spawn(COMMAND, {
    shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true,
  });
  child.stdout.resume();
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${COMMAND} exited with ${code}`))));
  });
}

/** One run at a time: enqueue, then follow until it has ended (its last events delivered). */
async function runOnce(core: Core, plan: unknown): Promise<void> {
  const { run } = await core.runs.enqueue({ plan, title: 'bench: step cost', lane: 'A' });
  const ended = await core.runs.follow(run.id, () => {});
  if (ended.status !== 'succeeded') throw new Error(`step-cost run ${run.id} ${ended.status}`);
}

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/**
 * What a trivial step costs end to end: `true` spawned bare, then as a one-step plan through createCore's
 * queue (one lane, one worker, PGlite) with the local shell tool, then with Desktop Commander running it.
 * Bare spawns are timed twice: with the core open, this process (PGlite's heap included) is several times
 * larger, and a bare spawn took 6.9 ms instead of 1.8 in a trial, so that share of the step's cost is the
 * process's size, not the queue. Warm-up runs first: DC's first start (the server's own start-up) takes seconds.
 */
export async function measureStepCost(dataDir: string, sizes: { runs: number; dcRuns: number; warmup: number }): Promise<StepCost> {
  progress(`step cost: ${sizes.runs} bare spawns`);
  const before = rssMb();
  const bare = await timeEach(sizes.runs, sizes.warmup, spawnBare);
  const core = await createCore({ dataDir, lanes: ['A'], workersPerLane: 1 });
  try {
    progress(`step cost: ${sizes.runs} bare spawns and ${sizes.runs} runs with the local shell, taking turns`);
    const [bareWithCore, local] = await timeInterleaved(sizes.runs, sizes.warmup, [spawnBare, () => runOnce(core, shellPlan(COMMAND))]);
    progress(`step cost: ${sizes.dcRuns} runs via Desktop Commander`);
    const dc = await timeEach(sizes.dcRuns, sizes.warmup, () => runOnce(core, dcPlan));
    return { bare, bareWithCore: bareWithCore!, local: local!, dc, rssMb: { before, withCore: rssMb() } };
  } finally {
    await core.close({ graceMs: 1000 });
  }
}

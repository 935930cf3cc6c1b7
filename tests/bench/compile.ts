import { compileRunbook } from '../../electron/core/compile/runbook/compile-runbook.ts';
import { compileTasks } from '../../electron/core/compile/spec-kit/compile-tasks.ts';
import { validatePlan } from '../../electron/core/plans/validate-plan.ts';
import { makeRunbook } from './runbook-input.ts';
import { measureSkillsReload, type SkillsReload } from './skills-reload.ts';
import { fmt, median, now, percentile, section, table } from './stats.ts';
import { makeTasks } from './tasks-input.ts';

interface CompileTiming {
  name: string;
  steps: number;
  p50: number;
  p99: number;
  /** The same plan as IR JSON, parsed and validated: what any plan of that size costs, compiled or not. */
  baseline: number;
}

export interface CompileBench {
  timings: CompileTiming[];
  reload: SkillsReload;
}

const TARGET_MS = 50;

function time(name: string, compile: () => { plan: { steps: unknown[] } }, rounds: number): CompileTiming {
  const { plan } = compile(); // warm-up: the first call pays module loading and JIT
  const json = JSON.stringify(plan);
  const samples: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let start = now();
    compile();
    samples.push(now() - start);
    start = now();
    validatePlan(JSON.parse(json));
    baseline.push(now() - start);
  }
  return { name, steps: plan.steps.length, p50: median(samples), p99: percentile(samples, 99), baseline: median(baseline) };
}

/** Compile time of a 500-task tasks.md and a 200-block runbook, and how soon an edited skill file is in use. */
export async function measureCompile(rounds: number, reloadEdits: number): Promise<CompileBench> {
  const tasks = makeTasks(500);
  const runbook = makeRunbook(200);
  return {
    timings: [
      time('tasks.md, 500 tasks', () => compileTasks(tasks, { path: '/repo/specs/001-bench/tasks.md', agentCommand: 'agent "$OPSROOM_TASK"' }), rounds),
      time('runbook, 200 blocks', () => compileRunbook(runbook, { path: '/repo/runbook.md' }), rounds),
    ],
    reload: await measureSkillsReload(reloadEdits),
  };
}

export function printCompile(bench: CompileBench): void {
  section('8. Compiling what people already have (ms, warm, one at a time)');
  console.log(`Target: p50 under ${TARGET_MS} ms each. Baseline: the same plan as IR JSON, JSON.parse + validatePlan (any plan pays it).`);
  table(['input', 'steps', 'p50 ms', 'p99 ms', 'baseline p50', 'p50 / baseline', 'target'], bench.timings.map((t) => [
    t.name, String(t.steps), fmt(t.p50, 1), fmt(t.p99, 1), fmt(t.baseline, 1), fmt(t.p50 / t.baseline, 1), t.p50 < TARGET_MS ? 'met' : 'MISSED',
  ]));
  console.log(`Skill folder reload after a file edit (${bench.reload.edits} edits, watch + 100 ms debounce + re-read): `
    + `p50 ${fmt(bench.reload.p50Ms, 0)} ms, p99 ${fmt(bench.reload.p99Ms, 0)} ms.`);
}

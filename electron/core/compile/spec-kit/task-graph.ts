import type { SpecPhase, SpecTask, TaskList, TaskProblem } from './task-list.ts';

/** One phase as a wave of the plan: its open tasks and, for each, the tasks of the same phase it waits for. */
export interface Wave {
  phase: SpecPhase;
  open: SpecTask[];
  needs: Map<string, string[]>;
  /** Open tasks no other task of the phase waits for: what the phase's gate waits for. */
  sinks: string[];
}

/**
 * The order inside each phase (phases themselves run one after another, behind a gate):
 * - a task without [P] waits for the tasks before it, back to and including the previous task without [P];
 * - a [P] task runs alongside, except that a task naming a file an earlier task of the phase named waits for it;
 * - `depends on` and Dependencies-section edges within the phase are added unless they close a cycle; an edge
 *   to an earlier phase is already kept by the gate, one to a later phase cannot be kept: both reported if wrong.
 * Done ([X]) tasks are not run, and waiting for one is already satisfied.
 */
export function buildWaves(list: TaskList): { waves: Wave[]; problems: TaskProblem[] } {
  const problems: TaskProblem[] = [];
  const phaseOf = new Map<string, number>();
  const doneIds = new Set<string>();
  list.phases.forEach((phase, index) => phase.tasks.forEach((task) => {
    phaseOf.set(task.id, index);
    if (task.done) doneIds.add(task.id);
  }));
  const waves = list.phases.map((phase, index) => {
    const open = phase.tasks.filter((task) => !task.done);
    const needs = new Map(open.map((task) => [task.id, new Set<string>()]));
    let sinceSequential: string[] = [];
    const lastByFile = new Map<string, string>();
    for (const task of open) {
      const mine = needs.get(task.id)!;
      if (!task.parallel) {
        sinceSequential.forEach((id) => mine.add(id));
        sinceSequential = [task.id];
      } else {
        sinceSequential.push(task.id);
      }
      for (const file of task.files) {
        const key = file.replace(/\/+$/, '');
        const earlier = lastByFile.get(key);
        if (earlier) mine.add(earlier);
        lastByFile.set(key, task.id);
      }
    }
    for (const task of open) {
      for (const dep of task.dependsOn) {
        const depPhase = phaseOf.get(dep)!;
        if (doneIds.has(dep) || depPhase < index) continue;
        if (depPhase > index) {
          problems.push({ line: task.line, message: `task ${task.id} depends on ${dep}, which is in a later phase (${phaseLabel(list.phases[depPhase]!)}): phases run in order, so this dependency cannot hold; ignored` });
        } else {
          const loop = pathBetween(needs, dep, task.id);
          if (loop) problems.push({ line: task.line, message: `task ${task.id} depends on ${dep}, which closes a cycle (${[task.id, ...loop].join(' -> ')}: each waits for the next); ignored` });
          else needs.get(task.id)!.add(dep);
        }
      }
    }
    const needed = new Set([...needs.values()].flatMap((set) => [...set]));
    return {
      phase, open,
      needs: new Map([...needs].map(([id, set]) => [id, [...set]])),
      sinks: open.map((task) => task.id).filter((id) => !needed.has(id)),
    };
  });
  return { waves, problems };
}

export const phaseLabel = (phase: SpecPhase) => (phase.number ? `Phase ${phase.number}: ${phase.title}` : phase.title);

/** The chain of waits from `from` to `to` (from needs … needs to), or null when `from` does not wait for `to`. */
function pathBetween(needs: Map<string, Set<string>>, from: string, to: string): string[] | null {
  const cameFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    if (at === to) {
      const path: string[] = [];
      for (let step: string | null = at; step !== null; step = cameFrom.get(step)!) path.unshift(step);
      return path;
    }
    for (const next of needs.get(at) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

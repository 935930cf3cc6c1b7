import { refText, type IdRef } from './dependencies.ts';
import type { SpecTask, TaskProblem } from './task-list.ts';

/** "`before` tasks come before `after` tasks", as written on `line`. */
export interface WrittenEdge {
  line: number;
  before: IdRef[];
  after: IdRef[];
}

const idNumber = (id: string) => Number(id.slice(1));

/**
 * Turns written dependencies into each task's `dependsOn`. An ID must name a task of the file exactly; a range
 * takes the tasks whose number lies in it. Anything that names no task is reported, not dropped silently.
 */
export function resolveDependencies(tasks: readonly SpecTask[], edges: readonly WrittenEdge[]): TaskProblem[] {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const problems: TaskProblem[] = [];
  const resolve = (ref: IdRef, line: number): SpecTask[] => {
    if (!ref.last) {
      const task = byId.get(ref.first);
      if (!task) problems.push({ line, message: `dependency on ${ref.first}, which is not a task of this file; ignored` });
      return task ? [task] : [];
    }
    const [low, high] = [idNumber(ref.first), idNumber(ref.last)];
    if (low > high) {
      problems.push({ line, message: `range ${refText(ref)} runs backwards; write ${ref.last}-${ref.first}; ignored` });
      return [];
    }
    const inRange = tasks.filter((task) => idNumber(task.id) >= low && idNumber(task.id) <= high);
    if (inRange.length === 0) problems.push({ line, message: `range ${refText(ref)} holds no task of this file; ignored` });
    return inRange;
  };
  for (const edge of edges) {
    const before = edge.before.flatMap((ref) => resolve(ref, edge.line));
    const after = edge.after.flatMap((ref) => resolve(ref, edge.line));
    for (const task of after) {
      for (const need of before) {
        if (need === task) {
          // A task inside its own range (`T004-T009 before T008-T014`) simply has no edge to itself.
          if (edge.before.length === 1 && edge.after.length === 1 && !edge.before[0]!.last && !edge.after[0]!.last) {
            problems.push({ line: edge.line, message: `task ${task.id} depends on itself; ignored` });
          }
        } else if (!task.dependsOn.includes(need.id)) {
          task.dependsOn.push(need.id);
        }
      }
    }
  }
  return problems;
}

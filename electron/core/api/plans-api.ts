import type { RecentCommand } from '../../../shared/ipc/methods/plans.ts';
import type { PlanOutline } from '../../../shared/ipc/methods/runs.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import type { Store } from '../queue/store.ts';

export interface PlansApi {
  /** The plans a person would pick from: the newest version of each name, newest first (typed commands left out). */
  list(): Promise<PlanOutline[]>;
  /** A stored plan's IR, to queue it again (runs.enqueue) with new parameter values. */
  get(id: number): Promise<Plan>;
  /** Its names, parameters and step DAG, without the steps' inputs. */
  outline(id: number): Promise<PlanOutline>;
}

export interface CommandsApi {
  /** Shell commands run with runs.runCommand, most recent first. */
  recent(limit?: number): Promise<RecentCommand[]>;
}

export function plansApi(store: Store): PlansApi {
  return {
    list: () => store.listPlans(),
    get: async (id) => (await store.getPlan(id)).plan,
    outline: (id) => store.getPlanOutline(id),
  };
}

export function commandsApi(store: Store): CommandsApi {
  return { recent: (limit = 20) => store.listRecentCommands(limit) };
}

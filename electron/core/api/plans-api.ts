import type { PlanListItem, PlanPin, RecentCommand } from '../../../shared/ipc/methods/plans.ts';
import type { PlanOutline } from '../../../shared/ipc/methods/runs.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { checkTools, type ToolRegistry } from '../plans/check-tools.ts';
import { planHash } from '../plans/plan-hash.ts';
import { validatePlan } from '../plans/validate-plan.ts';
import type { Store } from '../queue/store.ts';

export interface PlansApi {
  /** The plans a person would pick from: the newest version of each name, pinned ones first, then newest first
   * (typed commands left out). */
  list(): Promise<PlanListItem[]>;
  /** A stored plan's IR, to queue it again (runs.enqueue) with new parameter values. */
  get(id: number): Promise<Plan>;
  /** Its names, parameters and step DAG, without the steps' inputs. */
  outline(id: number): Promise<PlanOutline>;
  /** Pins the plan's name (so every version, the next one too), or unpins it. */
  setPinned(planId: number, pinned: boolean): Promise<PlanPin>;
  /** Checks a plan as runs.enqueue does (INVALID_PLAN naming each problem) and stores it without running it:
   * a plan file opened from the OS. `source` names it in error messages, e.g. the file's path. */
  import(plan: unknown, source?: string): Promise<PlanOutline>;
}

export interface CommandsApi {
  /** Shell commands run with runs.runCommand, most recent first. */
  recent(limit?: number): Promise<RecentCommand[]>;
}

export function plansApi(store: Store, registry: ToolRegistry): PlansApi {
  return {
    async list() {
      const [plans, pinnedNames] = await Promise.all([store.listPlans(), store.listPinnedPlanNames()]);
      const pinned = new Set(pinnedNames);
      const items = plans.map((plan) => ({ ...plan, pinned: pinned.has(plan.name) }));
      // A stable sort: each group keeps the store's newest-first order.
      return items.sort((a, b) => Number(b.pinned) - Number(a.pinned));
    },
    get: async (id) => (await store.getPlan(id)).plan,
    outline: (id) => store.getPlanOutline(id),
    setPinned: async (planId, pinned) => ({ name: await store.setPlanPinned(planId, pinned), pinned }),
    async import(candidate, source) {
      // The two checks runs.enqueue makes before storing; parameter values are bound only when it runs.
      const plan = validatePlan(candidate, source);
      await checkTools(plan, registry, source);
      return store.savePlan(plan, planHash(plan));
    },
  };
}

export function commandsApi(store: Store): CommandsApi {
  return { recent: (limit = 20) => store.listRecentCommands(limit) };
}

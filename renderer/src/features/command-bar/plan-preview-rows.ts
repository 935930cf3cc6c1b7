import { describeVerifier, stepAction } from '../../../../shared/ir/describe-step.ts';
import type { Param, ParamValue } from '../../../../shared/ir/params.ts';
import type { Plan } from '../../../../shared/ir/plan.ts';

export interface PreviewRow {
  id: string;
  name: string | null;
  /** The tool and the gist of its input: a command's first line, a URL, a query. */
  does: string;
  needs: string[];
  lane: string | null;
  provenBy: string[];
}

/** One row per step, in the plan's order, for the dry run's table. */
export function previewRows(plan: Pick<Plan, 'steps'>): PreviewRow[] {
  return plan.steps.map((step) => ({
    id: step.id,
    name: step.name ?? null,
    does: stepAction(step),
    needs: step.needs ?? [],
    lane: step.lane ?? null,
    provenBy: step.verify.map(describeVerifier),
  }));
}

/**
 * The resolved parameters as `name = value`, text quoted so an empty or spaced value shows. A secret is `***`
 * whatever arrived (the core already masks it; this keeps a slip from showing).
 */
export function paramLines(declared: Record<string, Param>, values: Record<string, ParamValue>): string[] {
  return Object.entries(values).map(([name, value]) => {
    const shown = declared[name]?.type === 'secret' ? '***' : typeof value === 'string' ? JSON.stringify(value) : String(value);
    return `${name} = ${shown}`;
  });
}

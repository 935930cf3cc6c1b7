import type { CompileOutcome } from '../core/index.ts';
import { describeVerifier, stepAction } from '../../shared/ir/describe-step.ts';
import { maskSecretValues } from '../../shared/ir/params.ts';
import { table, type Palette } from './format.ts';

type Compiled = Extract<CompileOutcome, { status: 'compiled' }>;

/** A compiled plan as a dry run prints it: where it came from, the resolved parameters (secrets as ***), then
 * one row per step with its tool, needs, lane and what proves it. Nothing here runs anything. */
export function planSummary(outcome: Compiled, c: Palette): string {
  const { plan } = outcome;
  const params = Object.entries(maskSecretValues(plan.params ?? {}, outcome.params)).map(([name, value]) => `${name}=${String(value)}`);
  const rows = plan.steps.map((step, index) => [
    String(index + 1), step.id, stepAction(step), step.needs?.length ? step.needs.join(',') : '-', step.lane ?? '-',
    step.verify.map(describeVerifier).join('; '),
  ]);
  return [
    c.bold(`${outcome.draft ? 'DRAFT ' : ''}${outcome.source} ${outcome.label} → plan "${plan.name}" (${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'})`),
    `parameters: ${params.length ? params.join(', ') : '(none)'}`,
    ...outcome.warnings.map((warning) => c.yellow(`warning: ${warning}`)),
    '',
    table(['#', 'step', 'does', 'needs', 'lane', 'proven by'], rows),
  ].join('\n');
}


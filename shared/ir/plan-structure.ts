import type { z } from 'zod';
import { collectReferences, formatReference, type FoundReference } from './references.ts';
import { ancestors, findCycles, type OrderedStep } from './step-order.ts';
import { parseToolRef } from './tool-ref.ts';

interface StructuralStep {
  id: string;
  needs?: string[] | undefined;
  input: Record<string, unknown>;
  verify: readonly unknown[];
}

interface StructuralPlan {
  params?: Record<string, unknown> | undefined;
  sandbox?: { tools?: string[] | undefined } | undefined;
  steps: StructuralStep[];
}

type Path = (string | number)[];

/**
 * Structural checks zod cannot express per field: step ids, the `needs` DAG, references in inputs and
 * verifiers, the sandbox's tool list. Each issue points at the exact field and names the step.
 */
export function checkPlanStructure(plan: StructuralPlan, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const firstIndex = new Map<string, number>();
  plan.steps.forEach((step, index) => {
    const first = firstIndex.get(step.id);
    if (first === undefined) firstIndex.set(step.id, index);
    else issue(['steps', index, 'id'], `duplicate step id "${step.id}" (first used by steps[${first}])`);
  });

  // The graph the later checks reason about: one step per id, needs that are known, distinct and not itself.
  const graph: OrderedStep[] = [];
  plan.steps.forEach((step, index) => {
    const kept = new Set<string>();
    (step.needs ?? []).forEach((need, needIndex) => {
      const path = ['steps', index, 'needs', needIndex];
      if (need === step.id) issue(path, `step "${step.id}" needs itself`);
      else if (!firstIndex.has(need)) issue(path, `step "${step.id}" needs unknown step "${need}"`);
      else if (kept.has(need)) issue(path, `step "${step.id}" lists "${need}" in needs more than once`);
      else kept.add(need);
    });
    if (firstIndex.get(step.id) === index) graph.push({ id: step.id, needs: [...kept] });
  });

  const cycles = findCycles(graph);
  for (const cycle of cycles) {
    // The edge that closes the cycle: the last step of the loop needing the first.
    const from = cycle[cycle.length - 2] ?? '';
    const to = cycle[cycle.length - 1] ?? '';
    const index = firstIndex.get(from) ?? 0;
    issue(['steps', index, 'needs', plan.steps[index]?.needs?.indexOf(to) ?? 0],
      `step "${from}" needs "${to}", which closes a cycle: ${cycle.join(' -> ')} (each step needs the next)`);
  }
  // With a cycle, "depends on" is not well defined; references are then checked for existence only.
  const dependsOn = cycles.length ? null : ancestors(graph);

  plan.steps.forEach((step, index) => {
    // Verifiers run after the step's own call, so they may read its output (a hash it printed); its input may not.
    const found = [
      { base: ['steps', index, 'input'], ownOutput: false, ...collectReferences(step.input) },
      { base: ['steps', index, 'verify'], ownOutput: true, ...collectReferences(step.verify) },
    ];
    for (const { base, ownOutput, references, errors } of found) {
      for (const error of errors) issue([...base, ...error.path], `step "${step.id}": ${error.message}`);
      for (const found of references) {
        if (ownOutput && found.reference.kind === 'step' && found.reference.step === step.id) continue;
        const problem = referenceProblem(step.id, found, plan.params ?? {}, firstIndex, dependsOn?.get(step.id));
        if (problem) issue([...base, ...found.path], problem);
      }
    }
  });

  (plan.sandbox?.tools ?? []).forEach((tool, index) => {
    // parseToolRef accepts "server/*" as a tool named "*", which is how the sandbox spells a whole server.
    if (parseToolRef(tool) === null) {
      issue(['sandbox', 'tools', index], `sandbox tool "${tool}" is not "shell", "http", "sql", "<server>/<tool>" or "<server>/*"`);
    }
  });
}

/** Why this reference cannot be resolved when step `stepId` runs, or null when it can. */
function referenceProblem(stepId: string, found: FoundReference, params: Record<string, unknown>,
  stepIds: Map<string, number>, dependsOn: Set<string> | undefined): string | null {
  const { reference, source } = found;
  if (reference.kind === 'param') {
    if (Object.hasOwn(params, reference.name)) return null;
    const declared = Object.keys(params);
    return `step "${stepId}" references undeclared parameter "${reference.name}" in ${source}; declare it in the plan's params`
      + (declared.length ? ` (declared: ${declared.join(', ')})` : ' (the plan declares none)');
  }
  if (!stepIds.has(reference.step)) return `step "${stepId}" references unknown step "${reference.step}" in ${source}`;
  if (reference.step === stepId) {
    return `step "${stepId}" references its own output in ${formatReference(reference)}; its input can use only the output of steps it needs (its verifiers may read its own)`;
  }
  if (dependsOn && !dependsOn.has(reference.step)) {
    return `step "${stepId}" references ${source} but does not depend on "${reference.step}", whose output may not exist yet: add "${reference.step}" to its needs`;
  }
  return null;
}

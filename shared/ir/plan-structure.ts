import type { z } from 'zod';
import { collectReferences, formatReference, parseTemplate, type FoundReference } from './references.ts';
import { ancestors, findCycles, type OrderedStep } from './step-order.ts';
import { parseToolRef } from './tool-ref.ts';

interface StructuralStep {
  id: string;
  needs?: string[] | undefined;
  input: Record<string, unknown>;
  verify: readonly unknown[];
  if?: unknown;
  precheck?: boolean | undefined;
  continueOn?: { output?: unknown } | undefined;
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
    // A condition is evaluated before the step starts: like its input, it reads only steps it needs.
    const found = [
      { base: ['steps', index, 'input'], ownOutput: false, ...collectReferences(step.input) },
      { base: ['steps', index, 'verify'], ownOutput: true, ...collectReferences(step.verify) },
      ...(step.if === undefined ? [] : [{ base: ['steps', index, 'if'], ownOutput: false, ...collectReferences(step.if) }]),
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

  plan.steps.forEach((step, index) => checkPolicies(step, ['steps', index], issue));

  (plan.sandbox?.tools ?? []).forEach((tool, index) => {
    // parseToolRef accepts "server/*" as a tool named "*", which is how the sandbox spells a whole server.
    if (parseToolRef(tool) === null) {
      issue(['sandbox', 'tools', index], `sandbox tool "${tool}" is not "shell", "http", "sql", "<server>/<tool>" or "<server>/*"`);
    }
  });
}

/** A pre-check needs a verifier that looks at live state; the step's regular expressions must compile. */
function checkPolicies(step: StructuralStep, at: Path, issue: (path: Path, message: string) => void): void {
  const live = (v: unknown) => ['http', 'sql', 'file'].includes((v as { kind?: unknown } | null)?.kind as string);
  if (step.precheck && !step.verify.some(live)) {
    issue([...at, 'precheck'], `step "${step.id}" has precheck but no http, sql or file verifier to run before it (exit_code and output verifiers need the step's action)`);
  }
  const output = step.continueOn?.output;
  const bad = typeof output === 'string' ? regexProblem(output) : null;
  if (bad) issue([...at, 'continueOn', 'output'], `step "${step.id}": continueOn.output is not a valid regular expression: ${bad}`);
  const comparisons: [Path, unknown][] = [];
  const condition = step.if as { all?: unknown[]; any?: unknown[] } | undefined;
  if (Array.isArray(condition?.all)) condition.all.forEach((c, i) => comparisons.push([['if', 'all', i], c]));
  else if (Array.isArray(condition?.any)) condition.any.forEach((c, i) => comparisons.push([['if', 'any', i], c]));
  else if (condition) comparisons.push([['if'], condition]);
  for (const [path, comparison] of comparisons) {
    const matches = (comparison as { matches?: unknown } | null)?.matches;
    if (typeof matches !== 'string') continue;
    // A pattern holding a reference is whole only when the step is about to start: checked then.
    const parsed = parseTemplate(matches);
    if (!parsed.ok || parsed.parts.some((part) => part.kind === 'reference')) continue;
    const problem = regexProblem(parsed.parts.map((part) => (part.kind === 'literal' ? part.text : '')).join(''));
    if (problem) issue([...at, ...path, 'matches'], `step "${step.id}": if.matches is not a valid regular expression: ${problem}`);
  }
}

function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
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

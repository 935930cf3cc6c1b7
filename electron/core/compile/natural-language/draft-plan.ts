import { z } from 'zod';
import { PlanSchema, type Plan } from '../../../../shared/ir/plan.ts';
import { CoreError } from '../../errors.ts';
import { validatePlan } from '../../plans/validate-plan.ts';
import { chatCompletion, type ChatMessage } from './chat-completion.ts';
import type { LlmConfig } from './llm-config.ts';

/** The IR's JSON Schema, derived from the zod schemas (refinements such as the DAG checks are not expressible
 * there: validatePlan catches what the schema lets through). */
const PLAN_JSON_SCHEMA = z.toJSONSchema(PlanSchema, { io: 'input', unrepresentable: 'any' });

const SYSTEM = `You turn an operations request into a Pulser IR plan: JSON only, no prose, following this JSON Schema:
${JSON.stringify(PLAN_JSON_SCHEMA)}
Rules: irVersion is 1. Each step calls one tool: "shell" (input {"command": "..."}), "http" (input {"url": "..."}) or "sql"
(input {"query": "...", "database": "postgres://..."}). Every step has at least one verifier that proves it worked:
{"kind":"exit_code"}, {"kind":"http","url":"...","expectStatus":200}, {"kind":"output","regex":"..."},
{"kind":"file","path":"/absolute/path"} or {"kind":"sql","query":"...","expectValue":...}. Steps that must wait for
others list them in "needs". In strings "\${" starts a reference: write "$\${" for a shell's own "\${VAR}".
Do only what was asked; prefer read-only checks when the request is a question.`;

export interface Draft {
  plan: Plan;
  /** The first answer was invalid and this is the repaired one. */
  repaired: boolean;
}

/**
 * Asks the chat model for a plan, validates it like any plan, and when it is invalid asks once more with the
 * problems listed. A plan that is still invalid is refused with the reason. The result is only ever a draft:
 * the callers show it and run it only once a person approved it.
 */
export async function draftPlan(request: string, config: LlmConfig, signal?: AbortSignal): Promise<Draft> {
  const messages: ChatMessage[] = [{ role: 'system', content: SYSTEM }, { role: 'user', content: request }];
  const first = await chatCompletion(config, messages, PLAN_JSON_SCHEMA, signal);
  const checked = check(first, request);
  if (checked.plan) return { plan: checked.plan, repaired: false };
  messages.push({ role: 'assistant', content: first },
    { role: 'user', content: `That plan is not valid: ${checked.problem}\nAnswer with the corrected plan, JSON only.` });
  const second = await chatCompletion(config, messages, PLAN_JSON_SCHEMA, signal);
  const again = check(second, request);
  if (again.plan) return { plan: again.plan, repaired: true };
  throw new CoreError('INVALID_PLAN', `the model's draft was invalid and its one repair too: ${again.problem}`);
}

function check(answer: string, request: string): { plan: Plan; problem?: undefined } | { plan?: undefined; problem: string } {
  let candidate: unknown;
  try {
    // Some models wrap JSON in a Markdown fence despite the response format.
    candidate = JSON.parse(answer.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch (error) {
    return { problem: `the answer is not JSON (${(error as Error).message})` };
  }
  if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) return { problem: 'the answer is not a JSON object' };
  // The origin is ours to state, whatever the model wrote there.
  const withOrigin = { ...candidate, origin: { kind: 'natural-language', request: request.slice(0, 5000) } };
  try {
    return { plan: validatePlan(withOrigin, 'the drafted plan') };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

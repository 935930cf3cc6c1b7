import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isRequiredParam, type Param, type ParamValue } from '../../../shared/ir/params.ts';
import type { Plan } from '../../../shared/ir/plan.ts';
import { CoreError } from '../errors.ts';
import { bindParams } from '../plans/bind-params.ts';
import { shellPlan } from '../plans/shell-plan.ts';
import { validatePlan } from '../plans/validate-plan.ts';
import type { Classified } from './classify-input.ts';
import { draftPlan } from './natural-language/draft-plan.ts';
import type { LlmConfig } from './natural-language/llm-config.ts';
import { compileRunbook } from './runbook/compile-runbook.ts';
import { parseSkillArgs } from './skill-args.ts';
import { compileTasks } from './spec-kit/compile-tasks.ts';
import { isTaskList } from './is-task-list.ts';

export type CompileSource = 'shell' | 'skill' | 'plan-file' | 'runbook' | 'spec-kit' | 'natural-language';

export type CompileOutcome =
  | {
    status: 'compiled'; source: CompileSource; label: string; plan: Plan;
    /** The bound parameter values, secrets included: masked before they leave the core. */
    params: Record<string, ParamValue>;
    warnings: string[];
    /** A natural-language draft: shown for approval, never run unseen. */
    draft: boolean;
  }
  | {
    status: 'needs-params'; source: CompileSource; label: string;
    params: Record<string, Param>; values: Record<string, ParamValue>; missing: string[];
  };

export interface SkillSource {
  list(): Promise<{ name: string; params: Record<string, Param> }[]>;
  invoke(name: string, values: Record<string, ParamValue>, options?: { fromText?: boolean }): Promise<{ plan: Plan; params: Record<string, ParamValue> }>;
}

export interface CompileContext {
  skills: SkillSource;
  /** The chat endpoint, or null with the sentence that says how to configure one. */
  llm(): Promise<LlmConfig | null>;
  howToEnableLlm: string;
  /** The Spec Kit agent command and the environment variables it may see. */
  agent(): Promise<{ command?: string | undefined; envAllow?: string[] | undefined }>;
  /** Values given beside the text (`--param`, the form); text ones are converted to each parameter's type. */
  params?: Record<string, ParamValue>;
  signal?: AbortSignal;
}

/** A plan file, runbook or task list larger than this is not something a person wrote. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Compiles what classifyInput recognised into a plan and its bound parameters, or says which are missing. */
export async function compileClassified(input: Classified, ctx: CompileContext): Promise<CompileOutcome> {
  const given = ctx.params ?? {};
  switch (input.kind) {
    case 'shell':
      return compiled('shell', input.command, shellPlan(input.command), {});
    case 'natural-language': {
      const config = await ctx.llm();
      if (!config) throw new CoreError('NOT_CONFIGURED', ctx.howToEnableLlm);
      const { plan, repaired } = await draftPlan(input.request, config, ctx.signal);
      const missing = missingParams(plan.params ?? {}, given);
      const warnings = [
        ...(repaired ? ['the first draft was invalid; this is the model\'s repair'] : []),
        ...(missing.length ? [`the draft declares parameters without defaults (${missing.join(', ')}): give them (--param) or ask for a plan without them`] : []),
      ];
      const params = missing.length ? {} : bindParams(plan.params, given, { fromStrings: true });
      return { ...compiled('natural-language', input.request, plan, params), draft: true, warnings };
    }
    case 'skill': {
      const skill = (await ctx.skills.list()).find((s) => s.name === input.name);
      if (!skill) throw new CoreError('UNKNOWN_SKILL', `no skill named "${input.name}"`);
      const values = { ...parseSkillArgs(input.name, input.args, skill.params), ...given };
      const label = `/${input.name}`;
      const missing = missingParams(skill.params, values);
      if (missing.length) return { status: 'needs-params', source: 'skill', label, params: skill.params, values: withoutSecrets(skill.params, values), missing };
      const { plan, params } = await ctx.skills.invoke(input.name, values, { fromText: true });
      return compiled('skill', label, plan, params);
    }
    case 'file': {
      const { source, plan, warnings } = await compileFile(input.path, ctx);
      const label = basename(input.path);
      const declared = plan.params ?? {};
      const missing = missingParams(declared, given);
      if (missing.length) return { status: 'needs-params', source, label, params: declared, values: withoutSecrets(declared, given), missing };
      return { ...compiled(source, label, plan, bindParams(plan.params, given, { fromStrings: true })), warnings };
    }
  }
}

type Compiled = Extract<CompileOutcome, { status: 'compiled' }>;

function compiled(source: CompileSource, label: string, plan: Plan, params: Record<string, ParamValue>): Compiled {
  return { status: 'compiled', source, label, plan, params, warnings: [], draft: false };
}

async function compileFile(path: string, ctx: CompileContext): Promise<{ source: CompileSource; plan: Plan; warnings: string[] }> {
  const size = (await stat(path)).size;
  if (size > MAX_FILE_BYTES) throw new CoreError('INVALID_INPUT', `${path} is ${size} bytes; a plan, runbook or task list is at most ${MAX_FILE_BYTES}`);
  const text = await readFile(path, 'utf8');
  if (/\.json$/i.test(path)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CoreError('INVALID_PLAN', `${path} is not valid JSON: ${(error as Error).message}`);
    }
    return { source: 'plan-file', plan: validatePlan(json, path), warnings: [] };
  }
  if (isTaskList(path, text)) {
    const agent = await ctx.agent();
    return { source: 'spec-kit', ...compileTasks(text, { path, agentCommand: agent.command, agentEnvAllow: agent.envAllow }) };
  }
  return { source: 'runbook', ...compileRunbook(text, { path }) };
}

function missingParams(declared: Record<string, Param>, values: Record<string, ParamValue>): string[] {
  return Object.entries(declared).filter(([name, param]) => isRequiredParam(param) && !Object.hasOwn(values, name)).map(([name]) => name);
}

/** Values that may be shown back in a form: a typed secret is asked for again rather than echoed. */
function withoutSecrets(declared: Record<string, Param>, values: Record<string, ParamValue>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => declared[name]?.type !== 'secret'));
}

import type { z } from 'zod';
import { ParamNameSchema, ParamSchema } from '../../../../shared/ir/params.ts';
import { SandboxSchema } from '../../../../shared/ir/sandbox.ts';
import { formatPath } from '../../plans/validate-plan.ts';
import { closestNames } from '../closest-names.ts';
import type { Report } from './report.ts';
import { parseYamlAt } from './yaml-lines.ts';

export interface FrontMatter {
  name?: string;
  description?: string;
  params?: unknown;
  sandbox?: unknown;
  /** Default working directory of every block, relative to the runbook's folder. */
  cwd?: string;
  /** The program that runs every block (`bash`, `/bin/ksh`), as Runme's `shell:`. */
  shell?: string;
  /** The file line of a front matter value (`['params', 'port', 'type']`), or 1. */
  lineAt(path: readonly PropertyKey[]): number;
  /** Index of the first line after the front matter. */
  bodyStart: number;
}

const TEXT_KEYS = ['name', 'description', 'cwd', 'shell'] as const;
/** The IR's own shapes (ParamSchema, SandboxSchema), checked here so each problem is reported at its line. */
const PLAN_KEYS = ['params', 'sandbox'] as const;
/** Runme's document options: accepted so a Runme notebook compiles unchanged; they change nothing here
 * (the `runme:` id is Runme's bookkeeping, prompts never happen in an unattended run). */
const RUNME_KEYS = ['runme', 'skipPrompts', 'terminalRows', 'category'] as const;
const KNOWN = [...TEXT_KEYS, ...PLAN_KEYS, ...RUNME_KEYS];

/** A program name or path, maybe with flags (`bash -e`): anything more is a script, not a shell. */
export const SHELL_PROGRAM = /^[A-Za-z0-9_./+-]+( -[A-Za-z0-9-]+)*$/;

/**
 * The YAML between a leading `---` line and the next `---` (or `...`) line. Without one, the runbook has no
 * front matter and everything is Markdown.
 */
export function readFrontMatter(lines: readonly string[], report: Report): FrontMatter {
  const none: FrontMatter = { lineAt: () => 1, bodyStart: 0 };
  if (lines[0]?.trimEnd() !== '---') return none;
  const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end < 0) {
    report.problem(1, 'the front matter opened here is never closed: end it with a "---" line');
    return { ...none, bodyStart: lines.length };
  }
  const yaml = parseYamlAt(lines.slice(1, end).join('\n'), 2, report);
  const matter: FrontMatter = { lineAt: yaml?.lineAt ?? (() => 1), bodyStart: end + 1 };
  if (!yaml || yaml.value === null || yaml.value === undefined) return matter;
  if (typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
    report.problem(2, 'the front matter is not a mapping of keys (name:, params:, …)');
    return matter;
  }
  for (const [key, value] of Object.entries(yaml.value)) {
    const line = yaml.lineAt([key]);
    if ((TEXT_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'string' && value.trim()) matter[key as (typeof TEXT_KEYS)[number]] = value;
      else report.problem(line, `front matter "${key}" must be text`);
    } else if (key === 'params') {
      matter.params = value;
      checkParams(value, yaml.lineAt, report);
    } else if (key === 'sandbox') {
      matter.sandbox = value;
      reportIssues(SandboxSchema.safeParse(value).error, ['sandbox'], yaml.lineAt, report);
    } else if (!(RUNME_KEYS as readonly string[]).includes(key)) {
      const near = closestNames(key, KNOWN);
      report.problem(line, `unknown front matter key "${key}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; known keys: ${KNOWN.join(', ')}`);
    }
  }
  if (matter.shell !== undefined && !SHELL_PROGRAM.test(matter.shell)) {
    report.problem(yaml.lineAt(['shell']), `front matter "shell" names the program that runs each block (bash, zsh, /bin/ksh), not "${matter.shell}"`);
    delete matter.shell;
  }
  return matter;
}

/** Each parameter as shared/ir/params.ts declares it, every problem at the line of the field at fault. */
function checkParams(params: unknown, lineAt: FrontMatter['lineAt'], report: Report): void {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    report.problem(lineAt(['params']), 'params maps each parameter name to its declaration: { port: { type: integer, default: 8080 } }');
    return;
  }
  for (const [name, param] of Object.entries(params)) {
    const badName = ParamNameSchema.safeParse(name).error?.issues[0];
    if (badName) report.problem(lineAt(['params', name]), `params.${name}: ${badName.message}`);
    reportIssues(ParamSchema.safeParse(param).error, ['params', name], lineAt, report);
  }
}

function reportIssues(error: z.ZodError | undefined, base: PropertyKey[], lineAt: FrontMatter['lineAt'], report: Report): void {
  for (const issue of error?.issues ?? []) {
    const path = [...base, ...issue.path];
    report.problem(lineAt(path), `${formatPath(path)}: ${issue.message}`);
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SkillSchema, type Skill, type SkillProblem } from '../../../shared/skills/skill-schema.ts';
import { validatePlan } from '../plans/validate-plan.ts';
import { buildPlan } from './build-plan.ts';
import { checkTemplates } from './check-templates.ts';
import { builtPlanProblems } from './plan-issues.ts';
import { sampleFill } from './sample-fill.ts';
import { parseYaml, type YamlSource } from './yaml-source.ts';

/** A skill file that passed every load-time check. */
export interface LoadedSkill {
  skill: Skill;
  path: string;
  contentHash: string;
  /** Its parsed text, to place a problem found at invocation on its line. */
  yaml: YamlSource;
}

export type LoadResult = { ok: true; loaded: LoadedSkill } | { ok: false; problems: SkillProblem[] };

export const SKILL_FILE = /^[a-z0-9][a-z0-9-]{1,63}\.yaml$/;

/** Reads and checks one skill file; a file that cannot be read is a problem like any other. */
export async function loadSkillFile(path: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ path, file: basename(path), line: 1, field: null, message: `cannot read: ${(error as Error).message}` }] };
  }
  return parseSkill(text, path);
}

/**
 * Checks a skill's text: YAML, the skill's shape, its template rules, then the plan it makes with sample values
 * (so a broken template is reported now, not when someone runs it). Every problem names its line and field.
 */
export function parseSkill(text: string, path: string): LoadResult {
  const parsed = parseYaml(text, path);
  if (!parsed.ok) return parsed;
  const { yaml } = parsed;
  const shape = SkillSchema.safeParse(yaml.value);
  if (!shape.success) {
    return {
      ok: false,
      problems: shape.error.issues.map((issue) => {
        const at = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
        if (issue.code === 'unrecognized_keys' && issue.keys[0]) return yaml.problem([...at, issue.keys[0]], `unknown field (${issue.message})`);
        return yaml.problem(at, issue.message);
      }),
    };
  }
  const skill = shape.data;
  const expected = basename(path).replace(/\.yaml$/, '');
  if (skill.skill !== expected) {
    return { ok: false, problems: [yaml.problem(['skill'], `the skill "${skill.skill}" must be in a file named ${skill.skill}.yaml (this one is ${basename(path)})`)] };
  }
  const templateProblems = checkTemplates(skill);
  if (templateProblems.length) return { ok: false, problems: templateProblems.map((problem) => yaml.problem(problem.path, problem.message)) };
  const built = buildPlan(skill, sampleFill(skill));
  const problems = builtPlanProblems(built, yaml);
  if (problems.length) return { ok: false, problems };
  try {
    validatePlan(built.plan, basename(path));
  } catch (error) {
    return { ok: false, problems: [yaml.problem(['steps'], (error as Error).message)] };
  }
  return { ok: true, loaded: { skill, path, contentHash: createHash('sha256').update(text).digest('hex'), yaml } };
}

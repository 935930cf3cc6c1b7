import { resolve } from 'node:path';
import type { Param } from '../../../shared/ir/params.ts';
import { formatSkillProblem, type SkillSummary } from '../../../shared/skills/skill-schema.ts';
import { checkSkillFile, readSkillCatalogue } from '../../core/index.ts';
import { UsageError, parse } from '../args.ts';
import { json, table } from '../format.ts';

export const SKILLS_HELP = `opsroom skills                 list the skills (stock ones, and yours in <data dir>/skills) and any that did not load
opsroom skills show NAME       a skill's description, parameters (type, default, constraints) and steps
opsroom skills check FILE      check a skill file: each problem as file:line: field: message (exit 1 if any)
  --data-dir DIR               the data folder whose skills/ to read (default: the app's, or OPSROOM_DATA_DIR)
  --json                       machine-readable output
A skill runs as /NAME key=value … in the command bar, or: opsroom run /NAME key=value …`;

export async function skillsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return console.log(SKILLS_HELP), 0;
  const [action = 'list', target] = positionals;
  if (!['list', 'show', 'check'].includes(action)) throw new UsageError(`unknown action "${action}" (list, show, check)`);
  if (action !== 'list' && !target) throw new UsageError(action === 'show' ? 'give the skill, e.g. opsroom skills show http-health' : 'give the file, e.g. opsroom skills check my-skill.yaml');
  if (action === 'check') {
    const problems = await checkSkillFile(resolve(target!));
    if (values.json) console.log(json(problems));
    else console.log(problems.length ? problems.map(formatSkillProblem).join('\n') : `${target}: ok`);
    return problems.length ? 1 : 0;
  }
  const skills = await readSkillCatalogue({ dataDir: values['data-dir'] ?? process.env.OPSROOM_DATA_DIR });
  if (action === 'show') {
    const skill = await skills.get(target!);
    console.log(values.json ? json(skill) : showSkill(skill, skill.definition.steps));
    return 0;
  }
  const [list, problems] = await Promise.all([skills.list(), skills.problems()]);
  if (values.json) return console.log(json({ skills: list, problems })), 0;
  console.log(list.length ? table(['SKILL', 'VERSION', 'SOURCE', 'TITLE'], list.map((s) => [s.name, s.version, source(s), s.title])) : 'no skills');
  if (problems.length) console.log(`\nnot loaded:\n${problems.map((p) => `  ${formatSkillProblem(p)}`).join('\n')}`);
  return 0;
}

const source = (skill: SkillSummary) => (skill.overrides ? 'user (replaces stock)' : skill.source);

function showSkill(skill: SkillSummary, steps: readonly { id: string; tool: string; forEach?: string }[]): string {
  const lines = [`/${skill.name} ${skill.version}: ${skill.title}`, `${source(skill)}: ${skill.path}`];
  if (skill.description) lines.push('', skill.description.trimEnd());
  lines.push('', 'parameters:');
  const params = Object.entries(skill.params);
  if (params.length === 0) lines.push('  none');
  for (const [name, param] of params) lines.push(`  ${name}  ${paramLine(param)}${param.description ? `\n      ${param.description}` : ''}`);
  const { tools, servers, commands } = skill.requires;
  if (tools.length || servers.length || commands.length) {
    lines.push('', 'requires:');
    if (tools.length) lines.push(`  tools: ${tools.join(', ')}`);
    if (servers.length) lines.push(`  servers: ${servers.join(', ')}`);
    if (commands.length) lines.push(`  programs on PATH: ${commands.join(', ')}`);
  }
  lines.push('', 'steps:', ...steps.map((step) => `  ${step.id}  ${step.tool}${step.forEach ? `  (one per item of ${step.forEach})` : ''}`));
  return lines.join('\n');
}

/** The type, then what limits a value: `integer, default 200, 100..599`. */
function paramLine(param: Param): string {
  const parts: string[] = [param.type === 'enum' ? `one of ${param.values!.join(' | ')}` : param.type];
  if (param.default !== undefined) parts.push(`default ${JSON.stringify(param.default)}`);
  else parts.push(param.required === false ? 'optional' : 'required');
  // A text's min and max bound its length.
  const unit = (n: number) => (param.type === 'integer' || param.type === 'number' ? '' : n === 1 ? ' character' : ' characters');
  if (param.min !== undefined && param.max !== undefined) parts.push(`${param.min}..${param.max}${unit(param.max)}`);
  else if (param.min !== undefined) parts.push(`at least ${param.min}${unit(param.min)}`);
  else if (param.max !== undefined) parts.push(`at most ${param.max}${unit(param.max)}`);
  if (param.pattern !== undefined) parts.push(`matching ${param.pattern}`);
  return parts.join(', ');
}

import type { Skill } from '../../../shared/skills/skill-schema.ts';
import type { FillProblem } from './template.ts';
import { pastesValues } from './template.ts';

/**
 * The rules of a skill that the IR does not know: a forEach names a text parameter, `when` a declared one, and a
 * shell command never has a value pasted into it (a value, or an earlier step's output, holding `; rm -rf ~`
 * would run): values reach a command through `env`.
 */
export function checkTemplates(skill: Skill): FillProblem[] {
  const problems: FillProblem[] = [];
  skill.steps.forEach((step, index) => {
    if (step.forEach !== undefined) {
      const param = skill.params?.[step.forEach];
      if (!param) {
        const declared = Object.keys(skill.params ?? {});
        problems.push({ path: ['steps', index, 'forEach'], message: `no parameter "${step.forEach}" (${declared.length ? `declared: ${declared.join(', ')}` : 'the skill declares none'})` });
      } else if (param.type !== 'string' && param.type !== 'enum') {
        problems.push({ path: ['steps', index, 'forEach'], message: `"${step.forEach}" is a ${param.type} parameter: forEach takes a string one (items separated by commas or spaces)` });
      }
    }
    const whens: [(string | number)[], unknown][] = [[['steps', index, 'when'], step.when],
      ...step.verify.map((item, at): [(string | number)[], unknown] => [['steps', index, 'verify', at, 'when'], item.when])];
    for (const [path, when] of whens) {
      const problem = when === undefined ? null : whenProblem(when, skill.params ?? {});
      if (problem) problems.push({ path, message: problem });
    }
    const command = step.input.command;
    if (step.tool === 'shell' && typeof command === 'string' && pastesValues(command)) {
      problems.push({
        path: ['steps', index, 'input', 'command'],
        message: 'a shell command must not paste in ${params.…}, ${steps.…} or ${item} (a value could run as a command): pass it through env, '
          + 'e.g. env: { URL: "${params.url}" } and "$URL" in the command',
      });
    }
  });
  return problems;
}

/** Why `when` cannot decide anything: it names no declared parameter, or a secret (whose value the skill never sees). */
function whenProblem(when: unknown, params: NonNullable<Skill['params']>): string | null {
  if (typeof when !== 'string' || !Object.hasOwn(params, when)) {
    const declared = Object.keys(params);
    return `when names no parameter "${String(when)}" (${declared.length ? `declared: ${declared.join(', ')}` : 'the skill declares none'})`;
  }
  return params[when]!.type === 'secret' ? `when cannot name the secret "${when}": its value is bound only when the run starts` : null;
}

import { parseSkill, type LoadedSkill } from '../../../electron/core/skills/load-skill.ts';
import { formatSkillProblem } from '../../../shared/skills/skill-schema.ts';

/** A skill's file text from its lines (so a test can say which line a problem is on). */
export const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** The problems of a skill text as the CLI prints them, `file:line: field: message`. */
export function problemsOf(text: string, file = 'probe.yaml'): string[] {
  const result = parseSkill(text, `/skills/${file}`);
  return result.ok ? [] : result.problems.map(formatSkillProblem);
}

/** A skill text that must load. */
export function loaded(text: string, file = 'probe.yaml'): LoadedSkill {
  const result = parseSkill(text, `/skills/${file}`);
  if (!result.ok) throw new Error(`expected it to load: ${result.problems.map(formatSkillProblem).join('; ')}`);
  return result.loaded;
}

/** The head every test skill shares (lines 1-3). */
export const HEAD = ['skill: probe', 'version: 1.0.0', 'title: A probe'];

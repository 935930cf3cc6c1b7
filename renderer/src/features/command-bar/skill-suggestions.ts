import type { RecentCommand } from '../../../../shared/ipc/methods/plans.ts';
import type { SkillSummary } from '../../../../shared/skills/skill-schema.ts';
import { matchesQuery, suggest, type PlanChoice, type Suggestion } from './suggestions.ts';

/** What the list needs of a skill (skills.list gives more). */
export type SkillChoice = Pick<SkillSummary, 'name' | 'title' | 'version' | 'tags' | 'params'>;

export type SkillSuggestion = { kind: 'skill'; key: string; skill: SkillChoice };

/** Everything the command bar lists: skills (while a "/name" is typed), recent commands, plans. */
export type BarSuggestion = SkillSuggestion | Suggestion;

/**
 * The skill name being typed: the text after a leading "/" while it is still one word (once a space follows,
 * the arguments are being typed and the list goes back to recent commands). Null when the text is not one.
 */
export function skillQuery(text: string): string | null {
  const match = /^\s*\/(\S*)$/.exec(text);
  return match ? match[1]! : null;
}

/**
 * Skills for "/…": those whose name starts with what is typed come first, then those whose name, title or tags
 * contain it; alphabetical within each. "/" alone lists them all (up to `limit`).
 */
export function suggestSkills(text: string, skills: readonly SkillChoice[], limit = 20): SkillSuggestion[] {
  const query = skillQuery(text);
  if (query === null) return [];
  const needle = query.toLowerCase();
  const prefix = (s: SkillChoice) => s.name.startsWith(needle);
  return skills
    .filter((s) => prefix(s) || matchesQuery(`${s.name} ${s.title} ${s.tags.join(' ')}`, needle))
    .sort((a, b) => Number(prefix(b)) - Number(prefix(a)) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((skill) => ({ kind: 'skill', key: `skill:${skill.name}`, skill }));
}

/** The bar's list in arrow-key order: skills first (they are what a "/" asks for), then recents and plans. */
export function barSuggestions(text: string, recent: readonly RecentCommand[], plans: readonly PlanChoice[],
  skills: readonly SkillChoice[]): BarSuggestion[] {
  return [...suggestSkills(text, skills), ...suggest(text, recent, plans)];
}

/** What choosing a skill puts in the box: its name and a space, ready for `key=value` words; Enter runs it. */
export const skillText = (skill: SkillChoice): string => `/${skill.name} `;

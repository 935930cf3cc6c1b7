import type { SkillProblem, SkillSummary } from '../../../shared/skills/skill-schema.ts';
import type { LoadedSkill } from './load-skill.ts';
import type { SkillFolder } from './skill-folder.ts';

export interface CatalogueEntry {
  loaded: LoadedSkill;
  source: 'stock' | 'user';
  /** A user skill that replaces the stock skill of the same name. */
  overrides: boolean;
}

/** The skills in use: the stock ones, each replaced by a user skill of the same name. */
export function activeSkills(stock: SkillFolder, user: SkillFolder): Map<string, CatalogueEntry> {
  const entries = new Map<string, CatalogueEntry>();
  for (const loaded of stock.skills()) entries.set(loaded.skill.skill, { loaded, source: 'stock', overrides: false });
  for (const loaded of user.skills()) {
    entries.set(loaded.skill.skill, { loaded, source: 'user', overrides: entries.get(loaded.skill.skill)?.source === 'stock' });
  }
  return new Map([...entries].sort(([a], [b]) => a.localeCompare(b)));
}

export function summary({ loaded: { skill, path }, source, overrides }: CatalogueEntry): SkillSummary {
  return {
    name: skill.skill,
    version: skill.version,
    title: skill.title,
    description: skill.description ?? null,
    tags: skill.tags ?? [],
    params: skill.params ?? {},
    requires: { tools: skill.requires?.tools ?? [], servers: skill.requires?.servers ?? [], commands: skill.requires?.commands ?? [] },
    source,
    path,
    overrides,
  };
}

/** What a listener would see change: which file each skill comes from and its content, and the problems. */
export function catalogueSignature(entries: Map<string, CatalogueEntry>, problems: SkillProblem[]): string {
  return JSON.stringify([[...entries.values()].map((e) => [e.loaded.path, e.loaded.contentHash]), problems]);
}

import type { SkillRow } from '../queue/statements/skills.ts';
import { summary, type CatalogueEntry } from './catalogue.ts';

export type { SkillRow };

/** A skill in use as the skills table stores it: what the list shows, plus its definition and content hash. */
export const skillRow = (entry: CatalogueEntry): SkillRow => {
  const { requires: _requires, overrides: _overrides, ...shown } = summary(entry);
  return { ...shown, definition: entry.loaded.skill, contentHash: entry.loaded.contentHash };
};

import { join } from 'node:path';
import type { SkillProblem } from '../../../shared/skills/skill-schema.ts';
import { defaultDataDir } from '../db/data-dir.ts';
import { loadSkillFile } from './load-skill.ts';
import { DEFAULT_STOCK_SKILLS_DIR, startSkills, type SkillsApi } from './skills-api.ts';

/**
 * The skills as a core would load them, read once without opening the database: the CLI lists and shows them
 * while the app holds the data folder.
 */
export async function readSkillCatalogue(options: { dataDir?: string; stockSkillsDir?: string } = {}): Promise<SkillsApi> {
  const skills = await startSkills({
    stockDir: options.stockSkillsDir ?? DEFAULT_STOCK_SKILLS_DIR,
    userDir: join(options.dataDir ?? defaultDataDir(), 'skills'),
    watch: false,
  });
  skills.close();
  return skills;
}

/** Every problem of one skill file (none: it loads). */
export async function checkSkillFile(path: string): Promise<SkillProblem[]> {
  const result = await loadSkillFile(path);
  return result.ok ? [] : result.problems;
}

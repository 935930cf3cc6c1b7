import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ParamValue } from '../../../shared/ir/params.ts';
import type { Skill, SkillProblem, SkillSummary } from '../../../shared/skills/skill-schema.ts';
import { CoreError } from '../errors.ts';
import { activeSkills, catalogueSignature, summary, type CatalogueEntry } from './catalogue.ts';
import { closestNames } from '../compile/closest-names.ts';
import { expandSkill, type ExpandOptions, type Expanded } from './expand-skill.ts';
import { skillFolder } from './skill-folder.ts';
import { skillRow, type SkillRow } from './skill-row.ts';
import { watchFolder } from './watch-folder.ts';

export interface SkillsApi {
  /** The skills in use, by name: stock ones, each replaced by a user skill of the same name. */
  list(): Promise<SkillSummary[]>;
  /** Why each skill file that did not load (or whose last edit did not) was refused. */
  problems(): Promise<SkillProblem[]>;
  /** One skill: its summary and its definition as written. */
  get(name: string): Promise<SkillSummary & { definition: Skill }>;
  /** The plan the skill makes with these values, and the bound values to queue it with (runs.enqueue). */
  invoke(name: string, values: Record<string, ParamValue>, options?: ExpandOptions): Promise<Expanded>;
  /** Reads both folders again (the user folder is also watched). */
  reload(): Promise<void>;
  /** Called after the list or the problems changed (a user skill file was added, edited or removed). */
  onChange(listener: () => void): () => void;
}

export interface SkillsDeps {
  stockDir: string;
  userDir: string;
  /** Writes the catalogue to the skills table: every skill in use, and no other (none: not written). */
  save?(rows: SkillRow[]): Promise<void>;
  /** Follow edits of the user folder (default true; a one-shot listing does not). */
  watch?: boolean;
}

/** Loads the skill folders, watches the user's, and serves the catalogue. close() stops the watching. */
export async function startSkills({ stockDir, userDir, save, watch = true }: SkillsDeps): Promise<SkillsApi & { close(): void }> {
  const stock = skillFolder(stockDir);
  const user = skillFolder(userDir);
  // Created so a person finds where their skills go; a data folder that cannot be written is reported by the
  // database, and an absent folder simply holds no skills.
  await mkdir(userDir, { recursive: true }).catch(() => undefined);
  let entries = new Map<string, CatalogueEntry>();
  let problems: SkillProblem[] = [];
  let signature = '';
  const listeners = new Set<() => void>();

  const refresh = async () => {
    entries = activeSkills(stock, user);
    problems = [...stock.problems(), ...user.problems()];
    const next = catalogueSignature(entries, problems);
    if (next === signature) return;
    signature = next;
    // The table mirrors the files; a failed write is repaired by the next change or start.
    await save?.([...entries.values()].map(skillRow)).catch(() => undefined);
    for (const listener of listeners) listener();
  };
  // One scan at a time: a change during a scan queues one more, which sees the folder as it is by then.
  let scanning: Promise<void> = Promise.resolve();
  const rescan = (folders: 'user' | 'both') => {
    scanning = scanning.catch(() => undefined).then(async () => {
      await Promise.all(folders === 'both' ? [stock.scan(), user.scan()] : [user.scan()]);
      await refresh();
    });
    return scanning;
  };
  await rescan('both');
  const stopWatching = watch ? watchFolder(userDir, () => void rescan('user').catch(() => undefined)) : () => undefined;

  const find = (name: string): CatalogueEntry => {
    const entry = entries.get(name);
    if (entry) return entry;
    const near = closestNames(name, [...entries.keys()]);
    throw new CoreError('UNKNOWN_SKILL', `no skill named "${name}"${near.length ? `: did you mean ${near.join(', ')}?` : ''} (opsroom skills list shows them all)`);
  };

  return {
    list: async () => [...entries.values()].map(summary),
    problems: async () => problems,
    get: async (name) => {
      const entry = find(name);
      return { ...summary(entry), definition: entry.loaded.skill };
    },
    invoke: async (name, values, options) => expandSkill(find(name).loaded, values, options),
    reload: () => rescan('both'),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: stopWatching,
  };
}

/** The repository's stock skills, from this module's place in the source tree (a packaged app passes its own). */
export const DEFAULT_STOCK_SKILLS_DIR = fileURLToPath(new URL('../../../resources/skills/', import.meta.url));

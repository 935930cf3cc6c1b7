import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SkillProblem } from '../../../shared/skills/skill-schema.ts';
import { parseSkill, type LoadedSkill } from './load-skill.ts';

interface FileState {
  hash: string;
  /** The last version of the file that loaded: a broken edit keeps it in use, with the problem listed. */
  good: LoadedSkill | null;
  problems: SkillProblem[];
}

/** One folder of skill files (`*.yaml`), re-read on demand: unchanged files are not parsed again. */
export interface SkillFolder {
  readonly dir: string;
  /** Reads the folder again; a missing folder holds no skills. Never throws: what fails is a problem. */
  scan(): Promise<void>;
  skills(): LoadedSkill[];
  problems(): SkillProblem[];
}

export function skillFolder(dir: string): SkillFolder {
  let files = new Map<string, FileState>();
  let unreadable: SkillProblem | null = null;
  return {
    dir,
    async scan() {
      let names: string[];
      try {
        names = await readdir(dir);
        unreadable = null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          // Its skills stay as last read: a folder briefly unreadable must not empty the catalogue.
          unreadable = { path: dir, file: basename(dir), line: 1, field: null, message: `cannot read the skill folder: ${(error as Error).message}` };
          return;
        }
        names = [];
      }
      const next = new Map<string, FileState>();
      // Dot files are editors' swap and backup files, not skills.
      for (const name of names.filter((n) => n.endsWith('.yaml') && !n.startsWith('.')).sort()) {
        const path = join(dir, name);
        next.set(path, await readState(path, files.get(path)));
      }
      files = next;
    },
    skills: () => [...files.values()].flatMap((state) => (state.good ? [state.good] : [])),
    problems: () => [...(unreadable ? [unreadable] : []), ...[...files.values()].flatMap((state) => state.problems)],
  };
}

async function readState(path: string, previous: FileState | undefined): Promise<FileState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // Gone between the listing and the read (a rename, a delete): the next scan will not list it.
    const problem = { path, file: basename(path), line: 1, field: null, message: `cannot read: ${(error as Error).message}` };
    return { hash: '', good: previous?.good ?? null, problems: [problem] };
  }
  const hash = createHash('sha256').update(text).digest('hex');
  if (previous && previous.hash === hash) return previous;
  const result = parseSkill(text, path);
  if (result.ok) return { hash, good: result.loaded, problems: [] };
  const good = previous?.good ?? null;
  const problems = good
    ? result.problems.map((problem) => ({ ...problem, message: `${problem.message} (version ${good.skill.version}, the last that loaded, stays in use)` }))
    : result.problems;
  return { hash, good, problems };
}

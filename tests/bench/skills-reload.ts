import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/index.ts';
import { tempDir } from '../helpers/tmp.ts';
import { now, percentile } from './stats.ts';

export interface SkillsReload {
  edits: number;
  p50Ms: number;
  p99Ms: number;
}

const STOCK = fileURLToPath(new URL('../fixtures/skills/stock/', import.meta.url));
const skillText = (version: string) => `skill: bench-edit
version: ${version}
title: Edited by the benchmark
steps:
  - id: noop
    tool: shell
    input: { command: "true" }
    verify: [{ kind: exit_code }]
`;

/**
 * How long after a user skill file is written the core lists the new version: the folder watch, its 100 ms
 * debounce (an editor's save is several events), the re-read and check of the file. One file edited `edits`
 * times, each edit waited for before the next; the core is a real one on a fresh embedded database.
 */
export async function measureSkillsReload(edits = 30): Promise<SkillsReload> {
  const dir = tempDir('opsroom-bench-skills-');
  const core = await createCore({ dataDir: dir.path, runWorkers: false, stockSkillsDir: STOCK });
  const file = join(dir.path, 'skills', 'bench-edit.yaml');
  const samples: number[] = [];
  try {
    for (let edit = 0; edit <= edits; edit += 1) {
      const version = `1.0.${edit}`;
      const start = now();
      await writeFile(file, skillText(version));
      for (;;) {
        const skill = (await core.skills.list()).find((s) => s.name === 'bench-edit');
        if (skill?.version === version) break;
        if (now() - start > 10_000) throw new Error(`the edit to ${version} was not seen within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      // The first edit creates the file (and warms the watcher): not timed.
      if (edit > 0) samples.push(now() - start);
    }
  } finally {
    await core.close();
    dir.remove();
  }
  return { edits, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}

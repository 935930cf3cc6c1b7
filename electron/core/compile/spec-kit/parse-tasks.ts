import { dependencyRule, inlineDependsOn, type IdRef } from './dependencies.ts';
import { filesIn } from './file-paths.ts';
import { splitLines } from './lines.ts';
import { markdownLines } from './markdown-lines.ts';
import { resolveDependencies } from './resolve-dependencies.ts';
import { readTaskLine } from './task-line.ts';
import type { SpecPhase, SpecTask, TaskList, TaskProblem } from './task-list.ts';

export type { SpecPhase, SpecTask, TaskList, TaskProblem } from './task-list.ts';

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const PHASE = /^Phase\s+(\d+(?:\.\d+)*)\b\s*[:.\-–—]?\s*(.*)$/i;
const FIELD = /^\s*(?:[-*]\s+)?\*\*(Goal|Independent Test|Checkpoint)\s*:?\s*\*\*\s*:?\s*(.*)$/i;
const FIELD_KEYS = { goal: 'goal', 'independent test': 'independentTest', checkpoint: 'checkpoint' } as const;

/**
 * Reads a Spec Kit tasks.md (the current template and the 2025 `Phase 3.1` format). Phases are headings
 * `Phase <number>: …` and last until the next heading of their level; a task outside any phase belongs to the
 * section heading above it. Malformed task lines are reported with their line and left out.
 */
export function parseTasks(text: string): TaskList {
  const { lines } = splitLines(text);
  const phases: SpecPhase[] = [];
  const problems: TaskProblem[] = [];
  const seen = new Map<string, number>();
  const inline: { line: number; task: SpecTask; refs: IdRef[] }[] = [];
  const rules: { line: number; before: IdRef[]; after: IdRef[] }[] = [];
  let feature = '';
  let phase: (SpecPhase & { level: number }) | null = null;
  let section: { title: string; line: number; level: number; phase: SpecPhase | null } | null = null;
  let dependenciesLevel = 0; // inside a "Dependencies" section down to this heading level; 0: not

  for (const { line, number } of markdownLines(lines)) {
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const title = heading[2]!;
      if (level === 1 && !feature) feature = title.replace(/^Tasks:\s*/i, '').trim();
      if (dependenciesLevel && level <= dependenciesLevel) dependenciesLevel = 0;
      if (/dependenc/i.test(title) && !dependenciesLevel) dependenciesLevel = level;
      const numbered = PHASE.exec(title);
      if (numbered) {
        const story = /\bUser Story\s+(\d+)\b/i.exec(title);
        phase = { title: numbered[2] || `Phase ${numbered[1]}`, number: numbered[1]!, line: number, level,
          ...(story ? { story: `US${story[1]}` } : {}), tasks: [] };
        phases.push(phase);
        section = null;
      } else if (!phase || level <= phase.level) {
        phase = null;
        section = { title, line: number, level, phase: null };
      }
      continue;
    }
    const field = FIELD.exec(line);
    if (field && phase) {
      const key = FIELD_KEYS[field[1]!.toLowerCase() as keyof typeof FIELD_KEYS];
      phase[key] = phase[key] ? `${phase[key]} ${field[2]!.trim()}` : field[2]!.trim();
      continue;
    }
    const read = readTaskLine(line, phase !== null);
    if (read.kind === 'malformed') {
      problems.push({ line: number, message: `${read.message}; line skipped` });
      continue;
    }
    if (read.kind === 'other') {
      const rule = dependenciesLevel ? dependencyRule(line) : null;
      if (rule) rules.push({ line: number, ...rule });
      continue;
    }
    let owner: SpecPhase | null = phase;
    if (!owner) {
      section ??= { title: 'Tasks', line: number, level: 1, phase: null };
      section.phase ??= { title: section.title, number: null, line: section.line, tasks: [] };
      if (!phases.includes(section.phase)) phases.push(section.phase);
      owner = section.phase;
    }
    const first = seen.get(read.id);
    if (first !== undefined) {
      problems.push({ line: number, message: `task ID ${read.id} is already used on line ${first}; line skipped (IDs are never reused)` });
      continue;
    }
    if (read.story && owner.story !== read.story) {
      problems.push({ line: number, message: owner.story
        ? `task ${read.id} is labelled [${read.story}] in the phase of ${owner.story.replace('US', 'User Story ')}; line skipped`
        : `task ${read.id} is labelled [${read.story}] outside a user story phase ([USn] belongs only in "Phase N: User Story n"); line skipped` });
      continue;
    }
    seen.set(read.id, number);
    const { kind: _, ...fields } = read;
    const task: SpecTask = { ...fields, line: number, files: filesIn(read.description), dependsOn: [] };
    owner.tasks.push(task);
    const refs = inlineDependsOn(read.description);
    if (refs.length) inline.push({ line: number, task, refs });
  }

  const edges = [
    ...inline.map(({ line, task, refs }) => ({ line, before: refs, after: [{ first: task.id }] })),
    ...rules,
  ];
  problems.push(...resolveDependencies(phases.flatMap((p) => p.tasks), edges));
  problems.sort((a, b) => a.line - b.line);
  return { feature, phases: phases.map(({ level: _, ...rest }: SpecPhase & { level?: number }) => rest), problems };
}

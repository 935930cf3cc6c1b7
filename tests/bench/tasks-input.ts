/**
 * A Spec Kit tasks.md of `count` tasks in the current template's shape, for the compile benchmark: Setup and
 * Foundational phases, then user-story phases of 25 tasks (tests and models [P], services in sequence,
 * `depends on` edges, files shared within a phase), each with a Checkpoint; a fifth of them already done.
 */
export function makeTasks(count: number): string {
  const out = ['# Tasks: Benchmark feature', '', '**Input**: Design documents from `/specs/900-bench/`', ''];
  const perPhase = 25;
  let id = 0;
  for (let phase = 1; id < count; phase++) {
    const story = phase - 2;
    out.push(phase === 1 ? '## Phase 1: Setup (Shared Infrastructure)'
      : phase === 2 ? '## Phase 2: Foundational (Blocking Prerequisites)'
        : `## Phase ${phase}: User Story ${story} - Feature ${story} (Priority: P${story})`, '');
    if (story > 0) out.push(`**Goal**: Story ${story} works`, '', `**Independent Test**: Run \`npm test -- us${story}\``, '');
    const first = id + 1;
    for (let k = 0; k < perPhase && id < count; k++) {
      id++;
      const tid = `T${String(id).padStart(3, '0')}`;
      const done = id % 5 === 0 ? 'X' : ' ';
      const label = story > 0 ? ` [US${story}]` : '';
      const parallel = k % 3 !== 2 ? ' [P]' : '';
      const file = k % 7 === 6 ? `src/phase${phase}/shared.ts` : `src/phase${phase}/part${k}.ts`;
      const depends = k % 3 === 2 && id - 2 >= first ? ` (depends on T${String(id - 2).padStart(3, '0')})` : '';
      out.push(`- [${done}] ${tid}${parallel}${label} Implement part ${k} of phase ${phase} in ${file}${depends}`);
    }
    out.push('', `**Checkpoint**: Phase ${phase} complete`, '', '---', '');
  }
  return `${out.join('\n')}\n`;
}

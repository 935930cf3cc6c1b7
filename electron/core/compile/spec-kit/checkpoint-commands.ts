import type { SpecPhase } from './task-list.ts';

// Test runners people write alone in backticks; any other one-word span (`config`, `userId`) is a name.
const SINGLE_WORD_COMMANDS = new Set(['make', 'pytest', 'tox', 'nox', 'jest', 'vitest', 'rspec', 'phpunit', 'ctest', 'gradle', 'mvn']);
// A program name: lowercase, or a relative path to one (`./scripts/check.sh`). `GET /users` and
// `http://…` are not commands.
const PROGRAM = /^(\.{0,2}\/[\w./-]+|[a-z][a-z0-9._+-]*)$/;

function isCommand(code: string): boolean {
  const words = code.split(/\s+/);
  const program = words[0]!;
  if (!PROGRAM.test(program)) return false;
  // Alone, `package.json` or `src/models/` is a path; `./check.sh` and the usual test runners are commands.
  return words.length > 1 || program.startsWith('./') || SINGLE_WORD_COMMANDS.has(program);
}

/**
 * The commands a phase's Checkpoint and Independent Test spell in backticks (`npm test`,
 * `pytest tests/integration/test_x.py`), in that order and without repeats: what its gate runs.
 */
export function checkpointCommands(phase: SpecPhase): string[] {
  const commands: string[] = [];
  for (const text of [phase.checkpoint, phase.independentTest]) {
    for (const match of (text ?? '').matchAll(/`([^`]+)`/g)) {
      const code = match[1]!.trim();
      if (isCommand(code) && !commands.includes(code)) commands.push(code);
    }
  }
  return commands;
}

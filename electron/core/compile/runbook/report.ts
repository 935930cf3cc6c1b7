import { CoreError } from '../../errors.ts';

/**
 * What compiling one runbook found: problems (the runbook is refused) and warnings (it compiles, but something
 * it asked for is not done as written). Every entry reads `<file>:<line>: <what>`, as compilers print them, so
 * an editor or a terminal can jump to the line.
 */
export interface Report {
  readonly file: string;
  readonly warnings: string[];
  problem(line: number, message: string): void;
  warn(line: number, message: string): void;
  hasProblems(): boolean;
  /** Refuses the runbook with every problem found so far, one a line. */
  throwIfAny(): void;
}

export function createReport(file: string): Report {
  const problems: { line: number; text: string }[] = [];
  const warnings: string[] = [];
  const at = (line: number, message: string) => `${file}:${line}: ${message}`;
  return {
    file,
    warnings,
    problem(line, message) {
      const text = at(line, message);
      if (!problems.some((problem) => problem.text === text)) problems.push({ line, text });
    },
    warn: (line, message) => void warnings.push(at(line, message)),
    hasProblems: () => problems.length > 0,
    throwIfAny() {
      // In file order, as a person fixes them; sort is stable, so one line's problems keep theirs.
      if (problems.length) throw new CoreError('INVALID_PLAN', problems.sort((a, b) => a.line - b.line).map((p) => p.text).join('\n'));
    },
  };
}

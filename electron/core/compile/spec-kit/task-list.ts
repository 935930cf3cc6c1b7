/** What parseTasks reads from a tasks.md: phases, their tasks, and the lines it could not take. */
export interface SpecTask {
  id: string;
  /** 1-based. */
  line: number;
  done: boolean;
  parallel: boolean;
  /** `US1` for a task labelled `[US1]`. */
  story?: string;
  /** The text after the ID and labels. */
  description: string;
  /** The line after its checkbox: `T012 [P] [US1] Create … in src/models/user.py`. */
  text: string;
  /** Relative paths named in the description. */
  files: string[];
  /** IDs this task waits for: its `depends on` and the Dependencies section, ranges expanded. */
  dependsOn: string[];
}

export interface SpecPhase {
  /** The heading after `Phase N:` (the whole heading for a section without a number). */
  title: string;
  /** `3`, `3.1`; null for tasks under a heading that is not a phase. */
  number: string | null;
  line: number;
  /** `US1` for `Phase 3: User Story 1 - …`. */
  story?: string;
  goal?: string;
  independentTest?: string;
  checkpoint?: string;
  tasks: SpecTask[];
}

export interface TaskProblem {
  line: number;
  message: string;
}

export interface TaskList {
  /** From `# Tasks: <feature>`; '' when the file has none. */
  feature: string;
  phases: SpecPhase[];
  problems: TaskProblem[];
}

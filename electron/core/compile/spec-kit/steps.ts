import { resolve } from 'node:path';
import type { Step } from '../../../../shared/ir/plan.ts';
import { irLiteral } from '../../../../shared/ir/references.ts';
import type { Verifier } from '../../../../shared/ir/verifier.ts';
import { checkpointCommands } from './checkpoint-commands.ts';
import type { SpecPhase, SpecTask } from './task-list.ts';
import { phaseLabel } from './task-graph.ts';

/** Where the steps run and what they are told. */
export interface StepContext {
  repoRoot: string;
  featureDir: string;
  tasksFile: string;
  /** The agent command, already an IR literal. */
  command: string;
  /** Variables of the app's environment the agent also sees (its API key, say); the shell tool passes only a
   * base set otherwise. */
  envAllow?: string[] | undefined;
  warn(line: number, message: string): void;
}

/** A step holds at most 50 verifiers (the IR's limit). */
const MAX_VERIFIERS = 50;
/** The feature's own documents sit in its folder (`Run quickstart.md validation`), not at the repository root. */
const FEATURE_DOC = /^(spec|plan|research|data-model|quickstart|tasks)\.md$|^(contracts|checklists)\//;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function absoluteFile(file: string, context: StepContext): string {
  return resolve(FEATURE_DOC.test(file) ? context.featureDir : context.repoRoot, file);
}

const fileVerifiers = (files: readonly string[], context: StepContext): Verifier[] =>
  files.map((file) => ({ kind: 'file', path: irLiteral(absoluteFile(file, context)) }));

export function taskStep(task: SpecTask, needs: string[], lane: string | undefined, context: StepContext): Step {
  let files = task.files;
  if (files.length > MAX_VERIFIERS - 1) {
    context.warn(task.line, `task ${task.id} names ${files.length} files; only the first ${MAX_VERIFIERS - 1} are verified`);
    files = files.slice(0, MAX_VERIFIERS - 1);
  }
  return {
    id: task.id,
    name: clip(`${task.id}${task.story ? ` [${task.story}]` : ''} ${task.description}`, 200),
    description: clip(task.text, 5000),
    tool: 'shell',
    input: {
      command: context.command,
      cwd: irLiteral(context.repoRoot),
      env: {
        OPSROOM_TASK_ID: task.id,
        OPSROOM_TASK: irLiteral(task.text),
        OPSROOM_TASK_FILES: irLiteral(task.files.join('\n')),
        OPSROOM_FEATURE_DIR: irLiteral(context.featureDir),
        OPSROOM_TASKS_FILE: irLiteral(context.tasksFile),
      },
      ...(context.envAllow?.length ? { envAllow: context.envAllow } : {}),
    },
    ...(needs.length ? { needs } : {}),
    ...(lane ? { lane } : {}),
    verify: [{ kind: 'exit_code', expect: 0 }, ...fileVerifiers(files, context)],
  };
}

/**
 * The barrier after a phase. With a backticked command in its Checkpoint or Independent Test it runs that
 * command; otherwise it runs `exit 0` and proves the files the phase names exist, so passing it still says
 * something — its description says which.
 */
export function gateStep(phase: SpecPhase, id: string, needs: string[], context: StepContext): Step {
  const commands = checkpointCommands(phase);
  const files = [...new Set(phase.tasks.flatMap((task) => task.files))];
  const checked = files.slice(0, MAX_VERIFIERS);
  const said = [phase.checkpoint && `Checkpoint: ${phase.checkpoint}`, phase.independentTest && `Independent Test: ${phase.independentTest}`]
    .filter(Boolean).join('\n');
  const proof = commands.length
    ? `Runs ${commands.map((c) => `\`${c}\``).join(' then ')} from ${context.repoRoot}; passes on exit code 0.`
    : checked.length
      ? `No backticked command in the checkpoint, so this gate runs \`exit 0\` and proves that the ${checked.length === files.length ? checked.length : `first ${checked.length} of ${files.length}`} files this phase names exist.`
      : 'No backticked command in the checkpoint and no file named in the phase: this gate only keeps the phases in order.';
  const verify: Verifier[] = commands.length || checked.length === 0
    ? [{ kind: 'exit_code', expect: 0 }]
    : fileVerifiers(checked, context);
  return {
    id,
    name: clip(`Checkpoint: ${phaseLabel(phase)}`, 200),
    description: clip(said ? `${said}\n${proof}` : proof, 5000),
    tool: 'shell',
    input: {
      command: commands.length ? irLiteral(commands.join(' && ')) : 'exit 0',
      cwd: irLiteral(context.repoRoot),
      env: { OPSROOM_FEATURE_DIR: irLiteral(context.featureDir), OPSROOM_TASKS_FILE: irLiteral(context.tasksFile) },
    },
    needs,
    verify,
  };
}

import { basename, dirname, resolve } from 'node:path';
import { IR_VERSION, type Plan, type Step } from '../../../../shared/ir/plan.ts';
import { CoreError } from '../../errors.ts';
import { validatePlan } from '../../plans/validate-plan.ts';
import { parseTasks } from './parse-tasks.ts';
import { irLiteral } from '../../../../shared/ir/references.ts';
import { gateStep, taskStep, type StepContext } from './steps.ts';
import { buildWaves } from './task-graph.ts';

export interface CompileTasksOptions {
  /** The tasks.md file; made absolute for the plan's origin, which write-back uses. */
  path: string;
  /** Runs each task, e.g. a coding agent's non-interactive CLI; it reads the task from $OPSROOM_TASK. */
  agentCommand?: string | undefined;
  /** Names of the app's environment variables the agent command also sees (e.g. its API key). */
  agentEnvAllow?: string[] | undefined;
  /** Where steps run and relative paths resolve; default: the folder holding `specs/` above the file. */
  repoRoot?: string | undefined;
}

const LANES = ['A', 'B', 'C', 'D'];
const MAX_STEPS = 1000;
export const AGENT_HELP = 'set one with --agent "COMMAND" or the OPSROOM_AGENT_COMMAND environment variable; '
  + 'it runs once per task in the repository folder, with the task in $OPSROOM_TASK and its ID in $OPSROOM_TASK_ID';

/**
 * A Spec Kit tasks.md as a plan: each phase a wave of task steps (run by the agent command, proven by exit code
 * 0 and the files the task names) closed by a checkpoint gate that the next phase waits for. Done tasks are
 * left out. Malformed lines and dependencies that cannot hold come back as warnings naming their line.
 */
export function compileTasks(text: string, options: CompileTasksOptions): { plan: Plan; warnings: string[] } {
  const source = options.path;
  const tasksFile = resolve(options.path);
  const featureDir = dirname(tasksFile);
  const list = parseTasks(text);
  const { waves, problems } = buildWaves(list);
  const notes = [...list.problems, ...problems];
  const warn = (line: number, message: string) => notes.push({ line, message });

  const open = waves.reduce((sum, wave) => sum + wave.open.length, 0);
  const running = waves.filter((wave) => wave.open.length > 0);
  if (open === 0) {
    const total = list.phases.reduce((sum, phase) => sum + phase.tasks.length, 0);
    const skipped = list.problems.length ? ` (${list.problems.length} malformed line${list.problems.length === 1 ? '' : 's'}: ${list.problems.slice(0, 3).map((p) => `line ${p.line}: ${p.message}`).join('; ')})` : '';
    throw new CoreError('INVALID_INPUT', total
      ? `${source}: every task is already done ([X]); nothing to run`
      : `${source}: no Spec Kit task found (a line such as "- [ ] T001 Description in src/file.py")${skipped}`);
  }
  if (open + running.length > MAX_STEPS) {
    throw new CoreError('INVALID_INPUT', `${source}: ${open} open tasks and ${running.length} checkpoints make ${open + running.length} steps; a plan holds at most ${MAX_STEPS}: split the task list`);
  }

  const agent = options.agentCommand?.trim();
  if (!agent) warn(0, `no agent command: the plan shows the waves, but every task step fails until you ${AGENT_HELP}`);
  const context: StepContext = {
    repoRoot: options.repoRoot ? resolve(options.repoRoot) : repoRootOf(tasksFile), featureDir, tasksFile, warn,
    envAllow: options.agentEnvAllow,
    // Fails with the how-to, so a run started anyway says what is missing (single quotes: sh must not expand
    // $OPSROOM_TASK in the message; `echo … 1>&2 && exit 1` also works in cmd).
    command: agent ? irLiteral(agent) : irLiteral(`echo 'no agent command to run this task: ${AGENT_HELP}' 1>&2 && exit 1`),
  };

  const steps: Step[] = [];
  const gateIds = new Set<string>();
  let previousGate: string | null = null;
  for (const [index, wave] of running.entries()) {
    let lane = 0;
    for (const task of wave.open) {
      const needs = wave.needs.get(task.id)!;
      steps.push(taskStep(task, needs.length || !previousGate ? needs : [previousGate],
        task.parallel ? LANES[lane++ % LANES.length] : undefined, context));
    }
    let gateId = wave.phase.number ? `phase-${wave.phase.number.replaceAll('.', '-')}` : `section-${index + 1}`;
    if (gateIds.has(gateId)) gateId = `${gateId}_${index + 1}`; // a phase number used twice; `_` never comes from a number
    gateIds.add(gateId);
    steps.push(gateStep(wave.phase, gateId, wave.sinks, context));
    previousGate = gateId;
  }

  const feature = list.feature || basename(featureDir);
  const done = list.phases.reduce((sum, phase) => sum + phase.tasks.filter((task) => task.done).length, 0);
  const plan = validatePlan({
    irVersion: IR_VERSION,
    name: `Tasks: ${feature}`.slice(0, 200),
    description: (`Spec Kit task list ${tasksFile}: ${open} task${open === 1 ? '' : 's'} in ${running.length} phase${running.length === 1 ? '' : 's'}`
      + `${done ? ` (${done} already done, not run)` : ''}; each task is run by ${agent ? `\`${agent}\`` : 'no agent command yet'}.`).slice(0, 5000),
    origin: { kind: 'spec-kit', path: tasksFile },
    steps,
  } satisfies Plan, source);
  const warnings = notes.sort((a, b) => a.line - b.line).map((n) => (n.line ? `${source}:${n.line}: ${n.message}` : `${source}: ${n.message}`));
  return { plan, warnings };
}

/** The folder holding `specs/` above the file (Spec Kit's layout: <repo>/specs/001-x/tasks.md), else the file's own. */
function repoRootOf(tasksFile: string): string {
  for (let dir = dirname(tasksFile); dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === 'specs') return dirname(dir);
  }
  return dirname(tasksFile);
}

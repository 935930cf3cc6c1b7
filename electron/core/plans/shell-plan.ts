import { IR_VERSION, type Plan } from '../../../shared/ir/plan.ts';
import { irLiteral } from '../../../shared/ir/references.ts';

/** The one-step plan behind `opsroom run --sh "…"` and the command bar's plain commands: proven by its exit code 0. */
export function shellPlan(command: string, options: { cwd?: string; timeoutMs?: number } = {}): Plan {
  // A typed command is shell text, not a template: `${HOME}` stays the shell's ($${ is the IR's literal ${).
  const name = command.length > 200 ? `${command.slice(0, 197)}...` : command;
  return {
    irVersion: IR_VERSION,
    name,
    steps: [{ id: 'sh', tool: 'shell', input: { command: irLiteral(command), ...(options.cwd ? { cwd: irLiteral(options.cwd) } : {}) },
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), verify: [{ kind: 'exit_code', expect: 0 }] }],
  };
}

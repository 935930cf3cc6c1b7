import { IR_VERSION, type Plan } from '../../../shared/ir/plan.ts';

/** The one-step plan behind `opsroom run --sh "…"` and the command bar's plain commands: proven by its exit code 0. */
export function shellPlan(command: string, options: { cwd?: string; timeoutMs?: number } = {}): Plan {
  // A typed command is shell text, not a template: `${HOME}` stays the shell's ($${ is the IR's literal ${).
  const literal = (text: string) => text.replaceAll('${', () => '$${'); // a function: "$$" in a replacement string means "$"
  const name = command.length > 200 ? `${command.slice(0, 197)}...` : command;
  return {
    irVersion: IR_VERSION,
    name,
    steps: [{ id: 'sh', tool: 'shell', input: { command: literal(command), ...(options.cwd ? { cwd: literal(options.cwd) } : {}) },
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), verify: [{ kind: 'exit_code', expect: 0 }] }],
  };
}

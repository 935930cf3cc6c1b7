import type { CompileOutcome } from './compile-input.ts';

/** What is still missing and how to give it, in the words of the text's own form (`k=…` after a skill,
 * `--param k=…` otherwise). */
export function missingMessage(outcome: Extract<CompileOutcome, { status: 'needs-params' }>): string {
  const missing = outcome.missing.map((name) => `${name} (${outcome.params[name]!.type}${outcome.params[name]!.description ? `: ${outcome.params[name]!.description}` : ''})`);
  const how = outcome.source === 'skill' ? outcome.missing.map((n) => `${n}=…`).join(' ') : outcome.missing.map((n) => `--param ${n}=…`).join(' ');
  const secret = outcome.missing.some((name) => outcome.params[name]!.type === 'secret');
  // Typed on the command line a secret shows in `ps` and the shell's history: at a terminal it is asked for.
  return `${outcome.label} needs ${missing.join(', ')}: add ${how}${secret ? ' (or run it at a terminal to be asked for secrets without echo)' : ''}`;
}

import type { CompileOptions, CompileOutcome } from '../core/index.ts';
import { parsePairs } from './args.ts';

/** The options `opsroom run` and `opsroom compile` share for compiling what was typed. */
export const COMPILE_OPTIONS = {
  param: { type: 'string', multiple: true },
  agent: { type: 'string' },
} as const;

export const compileOptions = (values: { param?: string[]; agent?: string }): CompileOptions => ({
  params: parsePairs(values.param ?? [], '--param'),
  cwd: process.cwd(),
  agentCommand: values.agent,
});

/** The words after the command as the text the grammar reads: the shell already split them, so each is quoted
 * back when it holds a space (`opsroom run /http-health "urls=a b"` reads as the bar would). */
export const wordsToText = (words: string[]): string =>
  words.length === 1 ? words[0]! : words.map((w) => (/^[^\s'"\\]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`)).join(' ');

export function missingMessage(outcome: Extract<CompileOutcome, { status: 'needs-params' }>): string {
  const missing = outcome.missing.map((name) => `${name} (${outcome.params[name]!.type}${outcome.params[name]!.description ? `: ${outcome.params[name]!.description}` : ''})`);
  const how = outcome.source === 'skill' ? outcome.missing.map((n) => `${n}=…`).join(' ') : outcome.missing.map((n) => `--param ${n}=…`).join(' ');
  const secret = outcome.missing.some((name) => outcome.params[name]!.type === 'secret');
  // Typed on the command line a secret shows in `ps` and the shell's history: at a terminal it is asked for.
  return `${outcome.label} needs ${missing.join(', ')}: add ${how}${secret ? ' (or run it at a terminal to be asked for secrets without echo)' : ''}`;
}

import type { CompileOptions } from '../core/index.ts';
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

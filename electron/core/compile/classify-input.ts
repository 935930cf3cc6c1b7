import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { CoreError } from '../errors.ts';
import { closestNames } from './closest-names.ts';
import { tokenize } from './tokenize.ts';

/** What typed text means, before anything is compiled. */
export type Classified =
  | { kind: 'shell'; command: string }
  | { kind: 'skill'; name: string; args: string[] }
  | { kind: 'file'; path: string }
  | { kind: 'natural-language'; request: string };

export interface ClassifyContext {
  skillNames: readonly string[];
  /** Relative paths resolve here: the CLI's working directory, the home folder for the app's command bar. */
  cwd: string;
}

const SKILL_WORD = /^\/([a-z0-9][a-z0-9-]{1,63})$/;
const FILE_WORD = /\.(json|md|markdown)$/i;

/**
 * The grammar every shell shares:
 * - `? words` asks the configured chat model for a draft plan;
 * - `$ text` is always a shell command (the escape when text would read as something else);
 * - `/name key=value …` runs a skill (`/usr/bin/x`, with a second slash, is a program);
 * - text naming an existing .json, .md or tasks.md file (spaces and all), or one such word, compiles that file;
 * - anything else is one shell command.
 * When a reading is ambiguous the error lists every candidate and how to pick it; nothing is guessed.
 */
export async function classifyInput(text: string, ctx: ClassifyContext): Promise<Classified> {
  const trimmed = text.trim();
  if (!trimmed) throw new CoreError('INVALID_INPUT', 'type a command, /skill, a plan or runbook file, or "? what you want done"');
  if (trimmed.startsWith('?')) {
    const request = trimmed.slice(1).trim();
    if (!request) throw new CoreError('INVALID_INPUT', 'after "?" say in words what should be done, e.g. "? check that https://example.com answers 200"');
    return { kind: 'natural-language', request };
  }
  if (trimmed.startsWith('$ ')) return { kind: 'shell', command: trimmed.slice(2).trim() };

  // The whole text naming a file first: a path with spaces needs no quotes.
  if (FILE_WORD.test(trimmed) && (await isFile(resolvePath(trimmed, ctx.cwd)))) return { kind: 'file', path: resolvePath(trimmed, ctx.cwd) };
  const split = tokenize(trimmed, { backslashEscapes: process.platform !== 'win32' });
  const firstRaw = trimmed.split(/\s+/)[0]!;
  if ('error' in split && (SKILL_WORD.test(firstRaw) || firstRaw === '/skill')) {
    // Never fall back to a shell command here: the text would be stored and shown as typed, secrets and all.
    throw new CoreError('INVALID_INPUT', `cannot read the parameters of ${firstRaw}: ${split.error}; quote a value with "…" or '…' (write "$ ${firstRaw} …" for a shell command)`);
  }
  const words = 'words' in split ? split.words : null;
  const first = words?.[0] ?? '';
  if (first === '/skill' && words) {
    const name = words[1];
    if (!name) throw new CoreError('INVALID_INPUT', 'name the skill: /skill NAME key=value …');
    if (!ctx.skillNames.includes(name)) throw unknownSkill(name, ctx.skillNames);
    return { kind: 'skill', name, args: words.slice(2) };
  }
  const skill = SKILL_WORD.exec(first)?.[1];
  if (skill !== undefined && words) {
    const known = ctx.skillNames.includes(skill);
    const program = await isFile(first);
    if (known && program) {
      throw new CoreError('AMBIGUOUS_INPUT', `"${first}" is both the skill ${skill} and the program ${first}: `
        + `write "/skill ${skill} …" for the skill or "$ ${trimmed}" for the program`);
    }
    if (known) return { kind: 'skill', name: skill, args: words.slice(1) };
    if (!program) throw unknownSkill(skill, ctx.skillNames);
    return { kind: 'shell', command: trimmed };
  }
  if (words?.length === 1 && FILE_WORD.test(first)) {
    const path = resolvePath(first, ctx.cwd);
    if (!(await isFile(path))) {
      throw new CoreError('INVALID_INPUT', `no file ${path}${path === first ? '' : ` (${first} taken relative to ${ctx.cwd})`}: `
        + `a lone .json or .md word names a plan, runbook or tasks.md to run; write "$ ${trimmed}" to run it as a command`);
    }
    return { kind: 'file', path };
  }
  return { kind: 'shell', command: trimmed };
}

/** A typed path as a file name: `~/` is the home folder, a relative one starts at cwd. */
const resolvePath = (typed: string, cwd: string): string =>
  resolve(cwd, typed.startsWith('~/') ? `${homedir()}${typed.slice(1)}` : typed);

function unknownSkill(name: string, known: readonly string[]): CoreError {
  const close = closestNames(name, known);
  const hint = close.length ? `; did you mean ${close.map((n) => `/${n}`).join(', ')}?`
    : known.length ? ` (skills: ${known.slice(0, 20).map((n) => `/${n}`).join(', ')}${known.length > 20 ? ', …' : ''})` : ' (no skills are loaded)';
  return new CoreError('UNKNOWN_SKILL', `no skill named "${name}"${hint}; write "$ /${name} …" to run a program of that name`);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

import { closestNames } from '../closest-names.ts';
import { parseDuration } from './duration.ts';
import { SHELL_PROGRAM } from './front-matter.ts';
import type { Report } from './report.ts';

/** What a block's attributes and its opsroom comment ask for, read but not yet checked against the IR. */
export interface BlockOptions {
  /** excludeFromRunme / excludeFromRunAll / ignore / skip: the block is documentation, not a step. */
  skip: boolean;
  name?: string;
  cwd?: string;
  interpreter?: string;
  verify?: unknown[];
  needs?: string[];
  lane?: unknown;
  timeoutMs?: number;
  retry?: unknown;
  continueOnError?: boolean;
  env?: Record<string, string>;
  /** Where each option was written, to report a problem found later at its line. */
  sources: Map<string, OptionSource>;
}

/** One place options were written: the fence's attributes, or the `<!-- opsroom: … -->` comment above it. */
export interface OptionSource {
  where: string;
  values: Record<string, unknown>;
  /** The line of an option, or of a part of it (`verify`, `[1, 'kind']`) when the source can tell. */
  lineOf(key: string, path?: readonly PropertyKey[]): number;
}

interface Sink {
  fail(message: string): void;
  warn(message: string): void;
}

type Handler = (value: unknown, options: BlockOptions, sink: Sink) => void;

/** Runme writes attribute values as text ({"interactive":"false"}): "true"/"false" are booleans too. */
const flag = (value: unknown): boolean | null =>
  typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value : typeof value === 'number' ? String(value) : null;

const skip: Handler = (value, options, sink) => {
  const on = flag(value);
  if (on === null) sink.fail('must be true or false');
  else options.skip ||= on;
};

const HANDLERS: Record<string, Handler> = {
  name(value, options, sink) {
    const name = text(value);
    if (name === null) sink.fail('must be text');
    else options.name = name;
  },
  cwd(value, options, sink) {
    const cwd = text(value);
    if (cwd === null) sink.fail('must be a directory');
    else options.cwd = cwd;
  },
  interpreter(value, options, sink) {
    if (typeof value === 'string' && SHELL_PROGRAM.test(value)) options.interpreter = value;
    else sink.fail('names the shell that runs the block (bash, zsh, /bin/ksh)');
  },
  excludeFromRunme: skip,
  excludeFromRunAll: skip,
  ignore: skip,
  skip,
  background(value, _options, sink) {
    if (flag(value)) sink.warn('background blocks are not supported: the block runs in the foreground and the next step waits for it');
  },
  verify(value, options) {
    options.verify = Array.isArray(value) ? value : [value];
  },
  needs(value, options, sink) {
    // Commas only: a block's name may hold spaces ("needs": "Build the app").
    if (typeof value === 'string') options.needs = value.split(',').map((need) => need.trim()).filter(Boolean);
    else if (Array.isArray(value) && value.every((need) => typeof need === 'string')) options.needs = value;
    else sink.fail('lists step ids: ["build", "test"] or "build, test"');
  },
  lane(value, options) {
    options.lane = value;
  },
  timeout(value, options, sink) {
    const ms = parseDuration(value);
    if (ms === null) sink.fail(`takes a duration such as 30s, 5m or 2h, or milliseconds (got ${JSON.stringify(value)})`);
    else options.timeoutMs = ms;
  },
  retry(value, options) {
    // retry: 3 is "three tries in all"; an object is the IR's retry as it is.
    const attempts = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    options.retry = typeof attempts === 'number' ? { attempts } : attempts;
  },
  continueOnError(value, options, sink) {
    const on = flag(value);
    if (on === null) sink.fail('must be true or false');
    else options.continueOnError = on;
  },
  env(value, options, sink) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return sink.fail('maps variable names to values: {"REGION": "eu"}');
    const env: [string, string][] = [];
    for (const [name, item] of Object.entries(value)) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') env.push([name, String(item)]);
      else sink.fail(`${name} must be text, a number or a boolean`);
    }
    options.env = Object.fromEntries(env);
  },
};

/** Runme's cell options that mean nothing for an unattended, proven run: accepted and left alone. */
const IGNORED = ['id', 'interactive', 'closeTerminalOnSuccess', 'category', 'tag', 'mimeType', 'terminalRows', 'promptEnv', 'skipPrompts'];
const KNOWN = [...Object.keys(HANDLERS), ...IGNORED];

/** Reads each source's options in turn; an option written in both, or unknown, is a problem at its line. */
export function readBlockOptions(sources: readonly OptionSource[], report: Pick<Report, 'problem' | 'warn'>): BlockOptions {
  const options: BlockOptions = { skip: false, sources: new Map() };
  const written = new Map<string, string>();
  for (const source of sources) {
    for (const [key, value] of Object.entries(source.values)) {
      const line = source.lineOf(key);
      const sink: Sink = { fail: (message) => report.problem(line, `"${key}" ${message}`), warn: (message) => report.warn(line, message) };
      if (written.has(key)) {
        sink.fail(`is set twice: in ${written.get(key)} and in ${source.where}`);
        continue;
      }
      written.set(key, source.where);
      const handler = Object.hasOwn(HANDLERS, key) ? HANDLERS[key] : undefined;
      if (handler) {
        options.sources.set(key, source);
        handler(value, options, sink);
      } else if (!IGNORED.includes(key)) {
        const near = closestNames(key, KNOWN);
        report.problem(line, `unknown block option "${key}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; `
          + `known: ${Object.keys(HANDLERS).join(', ')}`);
      }
    }
  }
  return options;
}

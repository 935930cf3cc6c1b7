import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CoreError, type CoreOptions } from '../core/index.ts';

/** A mistake in how the command was called: printed with the usage hint, exit status 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command that opens the database takes. */
export const DATABASE_OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const satisfies Options;

export function parse<const O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function databaseOptions(values: { 'data-dir'?: string; 'database-url'?: string }): CoreOptions {
  const databaseUrl = values['database-url'] ?? process.env.OPSROOM_DATABASE_URL;
  return databaseUrl ? { databaseUrl } : { dataDir: values['data-dir'] ?? process.env.OPSROOM_DATA_DIR };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "500ms", "3s", "2m", "1h", "1d" (a bare number is milliseconds). */
/** The lane-worker options `opsroom worker` and `opsroom serve` share. */
export const WORKER_OPTIONS = {
  lanes: { type: 'string' }, 'workers-per-lane': { type: 'string' }, 'reclaim-after': { type: 'string' },
} as const satisfies Options;

export function workerOptions(values: { lanes?: string; 'workers-per-lane'?: string; 'reclaim-after'?: string }):
  Pick<CoreOptions, 'lanes' | 'workersPerLane' | 'reclaimAfterMs'> {
  return {
    lanes: values.lanes?.split(',').map((s) => s.trim()).filter(Boolean),
    workersPerLane: parseInteger(values['workers-per-lane'], '--workers-per-lane'),
    reclaimAfterMs: values['reclaim-after'] ? parseDuration(values['reclaim-after'], '--reclaim-after') : undefined,
  };
}

export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} takes a duration such as 500ms, 30s, 5m, 2h or 1d (got "${text}")`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']!);
}

/** A duration back from now ("2h") or an ISO date. */
export function parseSince(text: string, now = Date.now()): Date {
  if (/^\d+(\.\d+)?(ms|s|m|h|d)$/.test(text.trim())) return new Date(now - parseDuration(text, '--since'));
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--since takes a duration (2h, 3d) or a date (2026-11-25T09:00) (got "${text}")`);
  return date;
}

export function parseInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`${flag} takes a whole number (got "${text}")`);
  return Number(text);
}

export function requireId(text: string | undefined, what: string): number {
  const id = parseInteger(text, what);
  if (id === undefined || id < 1) throw new UsageError(`give the ${what}, e.g. 12`);
  return id;
}

export const isCoreError = (error: unknown): error is CoreError => error instanceof CoreError;

/** Repeated `NAME=VALUE` options (`--env`, `--param`) as an object; the value may itself hold "=". */
export function parsePairs(pairs: string[], flag: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`${flag} takes NAME=VALUE (got "${pair}")`);
    values[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return values;
}

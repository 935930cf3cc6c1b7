import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { IR_VERSION } from '../../../../shared/ir/plan.ts';
import { irLiteral } from '../../../../shared/ir/references.ts';
import type { CollectedRunbook, RunbookBlock } from './collect-blocks.ts';
import type { FrontMatter } from './front-matter.ts';
import type { Report } from './report.ts';
import { blockCommand, parameterEnv } from './shell-command.ts';
import { assignIds } from './step-ids.ts';

const MAX_NAME = 200;

/** Builds the plan, unchecked: validation comes next, and reports its findings at the lines kept here. */
export function assemblePlan(runbook: CollectedRunbook, matter: FrontMatter, path: string | undefined, report: Report): Record<string, unknown> {
  const { blocks, title } = runbook;
  const ids = assignIds(blocks.map((block) => ({ line: block.line, name: block.options.name, heading: block.heading })), report);
  const idOfName = new Map(blocks.flatMap((block, index) => block.options.name ? [[block.options.name, ids[index]!] as const] : []));
  const params = matter.params !== null && typeof matter.params === 'object' ? Object.keys(matter.params) : [];
  // Runme runs a document's blocks in its folder (or the front matter's cwd, relative to it).
  const folder = path === undefined ? undefined : resolve(path, '..');

  const steps = blocks.map((block, index) => {
    const { options } = block;
    const { env: paramEnv, nearMisses } = parameterEnv(block.body, params);
    for (const [variable, param] of nearMisses) {
      report.warn(block.line, `$${variable} is not the parameter "${param}" (names match exactly), so the block does not get its value`);
    }
    const env = { ...paramEnv, ...options.env };
    const cwd = workingDirectory(folder, [matter.cwd, options.cwd]);
    const needs = options.needs?.map((need) => ids.includes(need) ? need : idOfName.get(need) ?? need)
      ?? (index > 0 ? [ids[index - 1]!] : []);
    const name = options.name ?? block.heading;
    return {
      id: ids[index]!,
      ...(name ? { name: clip(name) } : {}),
      ...(block.description ? { description: block.description } : {}),
      tool: 'shell',
      input: {
        command: blockCommand(block.body, block.language, options.interpreter ?? matter.shell),
        ...(cwd ? { cwd: irLiteral(cwd) } : {}),
        ...(Object.keys(env).length ? { env } : {}),
      },
      ...(needs.length ? { needs } : {}),
      ...optional(options),
      verify: options.verify?.map((verifier) => anchored(verifier, cwd)) ?? [{ kind: 'exit_code' }],
    };
  });

  return {
    irVersion: IR_VERSION,
    name: matter.name ?? (title ? clip(title.text) : path ? basename(path, extname(path)) || basename(path) : 'runbook'),
    ...(matter.description ? { description: matter.description } : {}),
    ...(matter.params !== undefined ? { params: matter.params } : {}),
    ...(matter.sandbox !== undefined ? { sandbox: matter.sandbox } : {}),
    ...(path !== undefined ? { origin: { kind: 'runbook', path: resolve(path) } } : {}),
    steps,
  };
}

function optional(options: RunbookBlock['options']): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (options.lane !== undefined) fields.lane = options.lane;
  if (options.timeoutMs !== undefined) fields.timeoutMs = options.timeoutMs;
  if (options.retry !== undefined) fields.retry = options.retry;
  if (options.continueOnError !== undefined) fields.continueOnError = options.continueOnError;
  return fields;
}

/** The front matter's cwd, then the block's, each relative to what comes before; absolute with a file path. */
function workingDirectory(folder: string | undefined, dirs: (string | undefined)[]): string | undefined {
  const given = dirs.filter((dir): dir is string => dir !== undefined);
  if (folder !== undefined) return resolve(folder, ...given);
  return given.reduce<string | undefined>((at, dir) => at === undefined || isAbsolute(dir) ? dir : join(at, dir), undefined);
}

/** A file verifier's relative path is relative to the block's working directory (the verifier wants it absolute). */
function anchored(verifier: unknown, cwd: string | undefined): unknown {
  if (cwd === undefined || !isAbsolute(cwd) || verifier === null || typeof verifier !== 'object') return verifier;
  const { kind, path } = verifier as { kind?: unknown; path?: unknown };
  if (kind !== 'file' || typeof path !== 'string' || !path || isAbsolute(path) || path.includes('${')) return verifier;
  return { ...verifier, path: irLiteral(resolve(cwd, path)) };
}

const clip = (text: string) => text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;

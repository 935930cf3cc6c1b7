import { readFile, stat } from 'node:fs/promises';
import type { OpenTarget } from '../../../shared/ipc/events.ts';
import type { Core } from '../../core/index.ts';
import type { LaunchRequest } from './launch-args.ts';

/** A plan is a few kilobytes; a bigger file is not one (and must not be read into memory whole). */
export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

/**
 * What the window should show for a launch request. A plan file opened from the OS is read, validated and
 * stored like any plan (not run), and offered in the command bar; its problems are one specific message
 * (plans.import names the file in its own).
 */
export async function openTargetFor(core: Pick<Core, 'plans'>, request: LaunchRequest): Promise<OpenTarget> {
  if (request.kind !== 'plan-file') return request;
  const { path } = request;
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot open ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (!info.isFile()) throw new Error(`cannot open ${path}: it is not a file`);
  if (info.size > MAX_PLAN_FILE_BYTES) {
    throw new Error(`cannot open ${path}: ${info.size} bytes is too big for a plan (at most ${MAX_PLAN_FILE_BYTES})`);
  }
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw new Error(`cannot open ${path}: ${error.message}`);
  });
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  const outline = await core.plans.import(plan, path);
  return { kind: 'plan', planId: outline.id };
}

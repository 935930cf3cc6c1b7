import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ServerSandbox } from '../../../shared/domain/mcp.ts';
import type { Sandbox } from '../../../shared/ir/sandbox.ts';

/** Argument names that hold a file-system path in the servers we know (Desktop Commander, filesystem, git…). */
const PATH_KEYS = new Set([
  'path', 'paths', 'file', 'filePath', 'file_path', 'source', 'destination', 'directory', 'dir', 'cwd',
  'workingDirectory', 'outputPath', 'sourcePdfPath',
]);
const MAX_DEPTH = 32;
/** Symlinks followed in one path before it counts as a loop (Linux gives up at 40). */
const MAX_LINKS = 40;

/** Null when both allowlists let the call through; otherwise why not. */
export function checkToolAllowed(
  ref: { server: string; tool: string }, serverSandbox: ServerSandbox | undefined, planSandbox: Sandbox | undefined,
): string | null {
  const serverTools = serverSandbox?.tools;
  if (serverTools && !serverTools.includes(ref.tool)) {
    return `server ${ref.server} allows only the tools ${list(serverTools)}; "${ref.tool}" is not among them`;
  }
  const planTools = planSandbox?.tools;
  if (planTools && !planTools.includes(`${ref.server}/${ref.tool}`) && !planTools.includes(`${ref.server}/*`)) {
    return `the plan's sandbox does not allow ${ref.server}/${ref.tool} (it allows ${list(planTools)})`;
  }
  return null;
}

/**
 * Null when every path-like argument (at any depth) lies inside one of the directories; otherwise a message
 * naming the argument. Paths are resolved the way the file system will: `..` first, then symlinks in the part
 * that exists, so a link inside an allowed directory that points out of it is caught. Relative paths are
 * refused: the server would resolve them against its own working directory, which we do not control.
 */
export async function checkPaths(args: unknown, directories: readonly string[]): Promise<string | null> {
  const allowed = await Promise.all(directories.map((dir) => resolveReal(resolve(dir))));
  for (const { name, value } of pathArguments(args, '', 0)) {
    if (!isAbsolute(value)) {
      return `argument ${name} is a relative path (${value}); only absolute paths inside ${list(directories)} are allowed`;
    }
    let target: string;
    try {
      target = await resolveReal(resolve(value));
    } catch (error) {
      return `argument ${name} (${value}) cannot be resolved: ${(error as Error).message}`;
    }
    if (!allowed.some((dir) => inside(dir, target))) {
      const shown = target === resolve(value) ? value : `${value}, which resolves to ${target}`;
      return `argument ${name} (${shown}) is outside the allowed directories: ${list(directories)}`;
    }
  }
  return null;
}

function* pathArguments(value: unknown, at: string, depth: number): Generator<{ name: string; value: string }> {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* pathArguments(item, `${at}[${index}]`, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const name = at ? `${at}.${key}` : key;
    if (PATH_KEYS.has(key) && typeof item === 'string') yield { name, value: item };
    else if (PATH_KEYS.has(key) && Array.isArray(item)) {
      for (const [index, entry] of item.entries()) {
        if (typeof entry === 'string') yield { name: `${name}[${index}]`, value: entry };
      }
    }
    yield* pathArguments(item, name, depth + 1);
  }
}

/** The real path of an absolute path whose tail may not exist yet: the existing part is realpathed, and a
 * dangling symlink is followed to where a write through it would land. */
async function resolveReal(path: string, links = 0): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const parent = dirname(path);
  if (parent === path) return path;
  const stat = await lstat(path).catch(() => null);
  if (stat?.isSymbolicLink() && links < MAX_LINKS) {
    return resolveReal(resolve(dirname(path), await readlink(path)), links + 1);
  }
  return join(await resolveReal(parent, links), basename(path));
}

function inside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

function list(items: readonly string[]): string {
  if (items.length === 0) return '(none)';
  const shown = items.slice(0, 10).join(', ');
  return items.length > 10 ? `${shown} and ${items.length - 10} more` : shown;
}

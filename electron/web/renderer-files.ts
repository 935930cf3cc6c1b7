import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

export interface RendererFile {
  /** The real path, inside the renderer folder. */
  path: string;
  size: number;
}

/**
 * The file a request path names in the built renderer, `/` being index.html: a file only (no folders), never
 * outside the folder, a symlink out of it included. 'bad' for a path that cannot be decoded; null for "no
 * such file here". `pathname` is a URL's, still percent-encoded: URL parsing has removed its dot segments
 * (also %2e%2e), and what decoding can still yield ("../" from "%2f", "\" on Windows) the containment checks catch.
 */
export async function findRendererFile(pathname: string, root: string): Promise<RendererFile | 'bad' | null> {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return 'bad';
  }
  if (path.includes('\0')) return 'bad';
  const wanted = resolve(root, path === '/' || path === '' ? 'index.html' : `.${path}`);
  if (!inside(wanted, root)) return null;
  try {
    const real = await realpath(wanted);
    const info = await stat(real);
    return inside(real, root) && info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

const inside = (path: string, root: string) => path.startsWith(root + sep);

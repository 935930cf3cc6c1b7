import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServeInfo {
  pid: number;
  url: string;
  port: number;
  token: string;
}

/**
 * `<dataDir>/serve.json` tells other local tools where the running server is and how to connect. It holds the
 * token, so it is readable by this user only; written aside and renamed so no reader sees half a file.
 */
export function writeServeFile(dataDir: string, info: ServeInfo): string {
  const path = join(dataDir, 'serve.json');
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
  return path;
}

/** Removes the file only while it is still ours (another server may have started on the same folder since). */
export function removeServeFile(path: string): void {
  try {
    if ((JSON.parse(readFileSync(path, 'utf8')) as ServeInfo).pid === process.pid) rmSync(path, { force: true });
  } catch {
    // already gone or unreadable: nothing of ours to remove
  }
}

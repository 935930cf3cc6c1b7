import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CoreError } from '../errors.ts';

/**
 * One process per data folder. PGlite gives no error when two processes (or two instances in one process)
 * open the same folder: it silently loses committed rows and corrupts indexes (measured, pglite-facts Q2).
 * An O_EXCL lock file holding the owner's pid refuses the second opener; a lock left by a dead process is
 * taken over.
 */
export interface DataDirLock {
  path: string;
  release(): void;
}

interface Owner {
  pid: number;
  host: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function readOwner(path: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null; // half-written by a process killed mid-write, or removed meanwhile
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, 'opsroom.lock');
  for (let tries = 0; tries < 5; tries++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      return { path, release: () => releaseIfOurs(path) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new CoreError('DATA_DIR_UNWRITABLE', `cannot write to the data folder ${dataDir} (${code}): ` +
          'choose a writable folder with --data-dir or OPSROOM_DATA_DIR, or fix its permissions');
      }
      if (code === 'ENOTDIR' || code === 'ENOENT') {
        throw new CoreError('DATA_DIR_UNWRITABLE', `the data folder ${dataDir} does not exist or is not a folder (${code}): ` +
          'choose another with --data-dir or OPSROOM_DATA_DIR');
      }
      if (code !== 'EEXIST') throw error;
    }
    const owner = readOwnerPatiently(path);
    if (owner && owner.host === hostname() && isAlive(owner.pid)) {
      throw new CoreError('DATA_DIR_IN_USE', `the data folder ${dataDir} is already in use by pid ${owner.pid}` +
        (owner.pid === process.pid ? ' (this process)' : '') + '; close that process or use another --data-dir');
    }
    if (owner && owner.host !== hostname()) {
      throw new CoreError('DATA_DIR_IN_USE', `the data folder ${dataDir} is locked by pid ${owner.pid} on host ` +
        `${owner.host}; if that host no longer uses it, delete ${path}`);
    }
    takeOverStale(path, owner);
  }
  throw new CoreError('DATA_DIR_IN_USE', `could not lock the data folder ${dataDir}: the lock file keeps changing`);
}

// Move the stale file aside atomically, then check it really was the stale one: if another process replaced it
// with a live lock between our read and the rename, put that one back.
function takeOverStale(path: string, seen: Owner | null): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // already gone: retry the exclusive create
  }
  const moved = readOwner(aside);
  if (moved && seen && moved.pid !== seen.pid && isAlive(moved.pid)) renameSync(aside, path);
  else unlinkSync(aside);
}

// A lock file another process has just created may not hold its pid yet: read again before calling it stale.
function readOwnerPatiently(path: string): Owner | null {
  for (let i = 0; i < 5; i++) {
    const owner = readOwner(path);
    if (owner) return owner;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  return null;
}

function releaseIfOurs(path: string): void {
  if (readOwner(path)?.pid === process.pid) unlinkSync(path);
}

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CoreError } from '../../../electron/core/errors.ts';
import { lockDataDir } from '../../../electron/core/db/data-dir-lock.ts';

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'opsroom-lock-'));
  process.once('exit', () => rmSync(path, { recursive: true, force: true }));
  return path;
}

const lockFile = (dir: string) => join(dir, 'opsroom.lock');
const owner = (dir: string) => JSON.parse(readFileSync(lockFile(dir), 'utf8')) as { pid: number; host: string };

function caught(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  assert.fail('expected an error');
}

describe('lockDataDir', () => {
  test('writes a lock file naming this process; release removes it', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    assert.equal(lock.path, lockFile(dir));
    assert.deepEqual({ ...owner(dir), since: undefined }, { pid: process.pid, host: hostname(), since: undefined });
    lock.release();
    assert.equal(existsSync(lockFile(dir)), false);
    lockDataDir(dir).release(); // and the folder can be locked again
  });

  test('a second lock in the same process is refused with DATA_DIR_IN_USE naming the pid', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    try {
      const error = caught(() => lockDataDir(dir));
      assert.ok(error instanceof CoreError);
      assert.equal(error.code, 'DATA_DIR_IN_USE');
      assert.match(error.message, new RegExp(`in use by pid ${process.pid} \\(this process\\)`));
      assert.equal(owner(dir).pid, process.pid, 'the refused attempt left the lock alone');
    } finally {
      lock.release();
    }
  });

  test('a lock held by another live process is refused', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      writeFileSync(lockFile(dir), JSON.stringify({ pid: child.pid, host: hostname() }));
      const error = caught(() => lockDataDir(dir));
      assert.equal(error.code, 'DATA_DIR_IN_USE');
      assert.match(error.message, new RegExp(`in use by pid ${child.pid}[^(]*$`));
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a lock left by a dead process is taken over', () => {
    const dir = folder();
    const dead = spawnSync(process.execPath, ['-e', '']);
    assert.equal(dead.status, 0);
    assert.throws(() => process.kill(dead.pid, 0), { code: 'ESRCH' }, 'the child pid should be gone');
    writeFileSync(lockFile(dir), JSON.stringify({ pid: dead.pid, host: hostname() }));
    const lock = lockDataDir(dir);
    assert.equal(owner(dir).pid, process.pid);
    assert.deepEqual(readdirSync(dir), ['opsroom.lock'], 'no stale copy is left beside it');
    lock.release();
    assert.equal(existsSync(lockFile(dir)), false);
  });

  test('an unreadable (half-written) lock file is taken over', () => {
    const dir = folder();
    writeFileSync(lockFile(dir), '{"pid":');
    const lock = lockDataDir(dir);
    assert.equal(owner(dir).pid, process.pid);
    lock.release();
  });

  test('a lock from another host is refused and says which host and file', () => {
    const dir = folder();
    writeFileSync(lockFile(dir), JSON.stringify({ pid: process.pid, host: 'some-other-host' }));
    const error = caught(() => lockDataDir(dir));
    assert.equal(error.code, 'DATA_DIR_IN_USE');
    assert.match(error.message, /on host some-other-host/);
    assert.ok(error.message.includes(lockFile(dir)));
  });

  test('release leaves a lock that is no longer ours', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    writeFileSync(lockFile(dir), JSON.stringify({ pid: process.pid + 100000, host: hostname() }));
    lock.release();
    assert.equal(existsSync(lockFile(dir)), true);
  });

  test('a folder that cannot hold the lock (path under a regular file) gives a clear CoreError', () => {
    // Running as root bypasses permission bits, so use ENOTDIR: the "folder" is below a regular file.
    const file = join(folder(), 'plain-file');
    writeFileSync(file, 'x');
    const dir = join(file, 'data');
    const error = caught(() => lockDataDir(dir));
    assert.ok(error instanceof CoreError,
      `expected a CoreError (DATA_DIR_UNWRITABLE), got ${error.name} ${error.code}: ${error.message}`);
    assert.equal(error.code, 'DATA_DIR_UNWRITABLE');
    assert.ok(error.message.includes(dir), 'the message names the data folder');
  });
});


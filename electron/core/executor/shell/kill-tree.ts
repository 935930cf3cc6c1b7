import { spawn, type ChildProcess } from 'node:child_process';

/** Grace between the polite signal and the forced kill. */
export const KILL_GRACE_MS = 2000;

/**
 * Stops a step's process AND everything it started. A timeout that leaves the real work running (Rundeck's
 * most-cited complaint) is not a timeout. On POSIX the step runs as its own process group (spawned detached),
 * so the whole group gets SIGTERM, then SIGKILL once the grace is over; on Windows `taskkill /T /F` walks the
 * tree.
 */
export function killTree(child: ChildProcess, graceMs = KILL_GRACE_MS): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    // taskkill needs the root alive to find the tree
    if (child.exitCode !== null || child.signalCode !== null) return;
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    return;
  }
  // The group outlives its shell when children remain, so it is checked, not the shell.
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  };
  if (!groupAlive()) return;
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  // Kept referenced on purpose: a lane thread (or the CLI) must not exit before a group that ignores SIGTERM
  // is killed; the poll ends as soon as the group is gone, so it delays nothing otherwise.
  const poll = setInterval(() => {
    if (!groupAlive()) return clearInterval(poll);
    if (Date.now() >= deadline) {
      signalGroup('SIGKILL');
      clearInterval(poll);
    }
  }, 100);
}

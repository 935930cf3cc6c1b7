import { spawn, type ChildProcess } from 'node:child_process';

/** Grace between the polite signal and the forced kill. */
export const KILL_GRACE_MS = 2000;

/**
 * Stops a step's process AND everything it started. A timeout that leaves the real work running (Rundeck's
 * most-cited complaint) is not a timeout. On POSIX the step runs as its own process group (spawned detached),
 * so the whole group gets SIGTERM, then SIGKILL after the grace; on Windows `taskkill /T /F` walks the tree.
 */
export function killTree(child: ChildProcess, graceMs = KILL_GRACE_MS): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    return;
  }
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  };
  signalGroup('SIGTERM');
  const force = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  // Unref'd: a worker shutting down must not wait for it; the group is signalled whether the shell is alive
  // or not, because its children may outlive it.
  force.unref();
}

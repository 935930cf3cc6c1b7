import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { KILL_GRACE_MS } from '../../executor/shell/kill-tree.ts';

const POLL_MS = 50;
/** After SIGKILL, how long to wait for the kernel to finish the processes off. */
const KILL_SETTLE_MS = 1000;

/** Parent PID and state of a process from /proc/PID/stat; the name field may hold spaces and parentheses. */
function procStat(pid: number): { ppid: number; state: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/** Every process as [pid, ppid]: /proc on Linux (no `ps` needed in slim images), `ps` elsewhere. */
function processTable(): [number, number][] {
  if (process.platform === 'linux') {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name): [number, number][] => {
        const stat = procStat(Number(name));
        return stat ? [[Number(name), stat.ppid]] : [];
      });
  }
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((row) => row.trim().split(/\s+/).map(Number))
    .filter((pair): pair is [number, number] => pair.length === 2 && pair.every(Number.isInteger));
}

/** The process and all its descendants, found through parent links while they still exist. */
function treeOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of processTable()) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** A zombie counts as gone: it has stopped, and PID 1 of a container may never reap it. */
function alive(pid: number): boolean {
  if (process.platform === 'linux') {
    const state = procStat(pid)?.state;
    return state !== undefined && state !== 'Z' && state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function goneWithin(pids: number[], ms: number): Promise<number[]> {
  const until = Date.now() + ms;
  let living = pids.filter(alive);
  while (living.length > 0 && Date.now() < until) {
    await sleep(POLL_MS);
    living = living.filter(alive);
  }
  return living;
}

/**
 * Stops a process that is not our child (Desktop Commander started it) AND everything it started: SIGTERM to
 * the whole tree, SIGKILL to what is left after the grace; resolves once they are gone. Unlike kill-tree.ts it
 * cannot signal a process group, because DC does not start its commands in their own group. The tree is read
 * synchronously on call, so it must be called before anything kills the root (its children would be
 * re-parented and no longer found). Windows: `taskkill /T /F` walks the tree from the live root.
 */
export async function killPidTree(pid: number, graceMs = KILL_GRACE_MS): Promise<void> {
  if (process.platform === 'win32') {
    const taskkill = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    await new Promise((resolve) => taskkill.on('exit', resolve).on('error', resolve));
    return;
  }
  const tree = treeOf(pid);
  signalAll(tree, 'SIGTERM');
  const stubborn = await goneWithin(tree, graceMs);
  if (stubborn.length === 0) return;
  signalAll(stubborn, 'SIGKILL');
  await goneWithin(stubborn, KILL_SETTLE_MS);
}

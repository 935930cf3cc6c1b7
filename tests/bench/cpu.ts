import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { now } from './stats.ts';

/**
 * CPU used during a measurement, as a share of one core: this Node process (all its threads, so the
 * db-worker's PGlite counts) and the PostgreSQL cluster (postmaster + live children + reaped children).
 */
export interface CpuReport {
  /** Cores busy on average in this process (1.0 = one core fully busy). */
  node: number;
  /** Cores busy on average in the PostgreSQL cluster, or null when there is none. */
  postgres: number | null;
}

let ticksPerSecond = 0;
const clockTicks = () => (ticksPerSecond ||= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100);

function statOf(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces; fields start after the last ')'
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The postmaster listening on `port`: the postgres process whose command line names that port. */
export function findPostmaster(port: number): number | null {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const argv = cmd.split('\0');
    if (argv[0]?.endsWith('postgres') && argv.some((a, i) => a === `-p ${port}` || (a === '-p' && argv[i + 1] === String(port)) || a === `-p${port}`)) {
      return Number(name);
    }
  }
  return null;
}

/** Ticks used by the cluster: the postmaster, its reaped children (cutime/cstime) and its live children. */
function clusterTicks(postmaster: number): number {
  const own = statOf(postmaster);
  if (!own) return 0;
  // after ')': [0]=state [1]=ppid … [11]=utime [12]=stime [13]=cutime [14]=cstime
  let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = statOf(Number(name));
    if (stat && Number(stat[1]) === postmaster) total += Number(stat[11]) + Number(stat[12]);
  }
  return total;
}

export function startCpu(postmaster: number | null = null): () => CpuReport {
  const t0 = now();
  const p0 = process.cpuUsage();
  const c0 = postmaster ? clusterTicks(postmaster) : 0;
  return () => {
    const wall = (now() - t0) * 1000; // µs
    const used = process.cpuUsage(p0);
    const node = (used.user + used.system) / wall;
    const postgres = postmaster ? ((clusterTicks(postmaster) - c0) / clockTicks()) * 1e6 / wall : null;
    return { node, postgres };
  };
}

export function describeCpu(cpu: CpuReport): string {
  const node = `node ${cpu.node.toFixed(2)}`;
  return cpu.postgres === null ? node : `${node} + pg ${cpu.postgres.toFixed(2)}`;
}

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNUSER } from './runuser.ts';

/**
 * A throwaway PostgreSQL 15 cluster on a loopback port, for tests and the benchmark. The server refuses to run
 * as root, so under root it is started as the `postgres` user. Each caller gets its own cluster and stops it.
 */
export const PG_BIN = process.env.OPSROOM_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  url: string;
  port: number;
  stop(): void;
}

export const postgresAvailable = (): boolean => existsSync(join(PG_BIN, 'pg_ctl'));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startPostgres(settings: Record<string, string> = {}): Promise<TestPostgres> {
  if (!postgresAvailable()) throw new Error(`PostgreSQL 15 server binaries are missing at ${PG_BIN} (apt-get install postgresql-15)`);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'opsroom-pg-'));
  chmodSync(dir, 0o777);
  const as = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? [RUNUSER, ['-u', 'postgres', '--', join(PG_BIN, command), ...args]] : [join(PG_BIN, command), args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.error?.message ?? (result.stderr || result.stdout)}`);
  };
  const data = join(dir, 'data');
  as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", '-c max_connections=100',
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '30', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh database on a running cluster, so tests in one file do not see each other's rows. */
export function createDatabase(pg: TestPostgres, name: string): string {
  execFileSync('psql', [pg.url, '-q', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  return pg.url.replace(/\/postgres$/, `/${name}`);
}

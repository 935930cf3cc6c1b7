import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../electron/cli/opsroom.ts', import.meta.url));

export interface CliOptions {
  env?: Record<string, string>;
}

const childEnv = (extra: Record<string, string> = {}) => {
  const { OPSROOM_DATA_DIR: _dir, OPSROOM_DATABASE_URL: _url, ...rest } = process.env;
  return { ...rest, NO_COLOR: '1', ...extra };
};

/** The CLI as a person runs it: its own process, on the Node running the tests. */
export function spawnCli(args: string[], options: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function cli(args: string[], options: CliOptions = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

/** Resolves with the first line of `stream` that matches, or rejects after `ms`. */
export function waitForLine(stream: NodeJS.ReadableStream, pattern: RegExp, ms = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${ms} ms; got:\n${buffer}`)), ms);
    const onData = (chunk: Buffer) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(line);
      }
    };
    stream.on('data', onData);
  });
}

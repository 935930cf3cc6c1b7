import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnCli } from './cli.ts';
import { tempDir } from './tmp.ts';

export interface Served {
  /** The printed URL, token included. */
  url: string;
  token: string;
  port: number;
  origin: string;
  dataDir: string;
  child: ChildProcess;
  stderr(): string;
  /** SIGTERM, then the exit status (the caller decides whether it must be 0). */
  stop(): Promise<number | null>;
}

export const URL_LINE = /^Ops Control Room: (http:\/\/\S+)$/m;

/** `opsroom serve` as a person starts it, on a free port and (by default) a fresh data folder. */
export async function startServe(options: { dataDir?: string; args?: string[] } = {}): Promise<Served> {
  const dataDir = options.dataDir ?? join(tempDir().path, 'data');
  const child = spawnCli(['serve', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])]);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`opsroom serve printed no URL within 60 s:\n${stdout}\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      stdout += d;
      const match = URL_LINE.exec(stdout);
      if (match) clearTimeout(timer), resolve(match[1]!);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`opsroom serve exited with ${code} before printing its URL:\n${stdout}\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    token: parsed.searchParams.get('token')!,
    port: Number(parsed.port),
    origin: parsed.origin,
    dataDir,
    child,
    stderr: () => stderr,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * A stand-in for the built renderer: an index.html with a policy, a script and a stylesheet, in a folder
 * with a secret.txt beside it (what a path traversal would be after).
 */
export function fakeRendererDir(): string {
  const parent = tempDir('opsroom-renderer-').path;
  const dir = join(parent, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(parent, 'secret.txt'), 'not for the browser\n');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="${FAKE_CSP}" />
<script type="module" src="./assets/app.js"></script><link rel="stylesheet" href="./assets/app.css" /></head>
<body><div id="root"></div></body></html>\n`);
  writeFileSync(join(dir, 'assets/app.js'), 'document.getElementById("root").textContent = "fake app";\n');
  writeFileSync(join(dir, 'assets/app.css'), 'body { margin: 0 }\n');
  return dir;
}

export const FAKE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'";

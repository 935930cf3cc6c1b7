import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretSource } from './server-env.ts';

export const SECRET_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

export interface SecretStore extends SecretSource {
  set(name: string, value: string): Promise<void>;
  /** False when there was no such secret. */
  delete(name: string): Promise<boolean>;
  /** Names only, sorted: values never leave the store through a listing. */
  list(): Promise<string[]>;
}

interface SecretFile {
  version: 1;
  secrets: Record<string, string>;
}

/**
 * Named secrets for server environments, in `<dataDir>/secrets.json`, readable by the owner only (0600). Writes
 * go to a temporary file renamed over the old one, so a crash mid-write never leaves a half-written file, and
 * are serialised within this process.
 */
export function createSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, 'secrets.json');
  let writes: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<SecretFile>;
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new Error(`${file} is not a secrets file of this app (expected {"version":1,"secrets":{…}})`);
    }
    return parsed.secrets;
  };

  const save = async (secrets: Record<string, string>) => {
    await mkdir(dataDir, { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const body: SecretFile = { version: 1, secrets };
    try {
      await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flush: true });
      // mode is masked by the umask on creation; chmod is not
      await chmod(tmp, 0o600);
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  };

  const update = <T>(change: (secrets: Record<string, string>) => T): Promise<T> => {
    const next = writes.then(async () => {
      const secrets = await load();
      const result = change(secrets);
      await save(secrets);
      return result;
    });
    writes = next.catch(() => undefined);
    return next;
  };

  const checkName = (name: string) => {
    // __proto__ fits the pattern but would set the object's prototype instead of a key
    if (!SECRET_NAME.test(name) || name === '__proto__') throw new Error(`secret name "${name}" is not 1-128 letters, digits, "_", "." or "-"`);
  };

  return {
    async get(name) {
      const secrets = await load();
      return Object.hasOwn(secrets, name) ? secrets[name]! : null;
    },
    async set(name, value) {
      checkName(name);
      return update((secrets) => {
        secrets[name] = value;
      });
    },
    delete(name) {
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

import { SECRET_NAME, createSecretStore, defaultDataDir } from '../../core/index.ts';
import { UsageError, parse } from '../args.ts';
import { askHidden } from '../ask.ts';
import { json } from '../format.ts';
import { readSecretValue } from '../secret-input.ts';

export const SECRETS_HELP = `opsroom secrets set NAME      store a secret (a webhook's signing key, a server's token): its value is asked
                              for without echo at a terminal, or read from stdin; never taken from the command line
opsroom secrets list          the stored secrets' names (values never leave the store)
opsroom secrets rm NAME       remove one (exit status 1 if there was none)
  --data-dir DIR              the app's data folder, where secrets are kept (also with a shared PostgreSQL)
  --json                      machine-readable output

The same store as "opsroom mcp secret", read and written without opening the database, so it works while the
app runs. A plan names a secret, never its value: {"notify": {"webhook": {"url": "…", "secret": "NAME"}}},
\${secret:NAME} in a server's env.`;

const ACTIONS = ['set', 'list', 'rm'];

export async function secretsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return console.log(SECRETS_HELP), 0;
  const [action = 'list', name, ...extra] = positionals;
  if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${action}" (${ACTIONS.join(', ')})`);
  if (action !== 'list' && !name) throw new UsageError(`secrets ${action} needs the secret's name`);
  if (name && !SECRET_NAME.test(name)) throw new UsageError(`"${name}" is not a secret name: 1-128 letters, digits, "_", "." or "-"`);
  if (extra.length || (action === 'list' && name)) {
    throw new UsageError(`secrets ${action} takes ${action === 'list' ? 'no argument' : 'one name'}; a value is never given on the command line`);
  }
  const store = createSecretStore(values['data-dir'] ?? defaultDataDir());
  const out = (value: unknown, text: string) => console.log(values.json ? json(value) : text);
  switch (action) {
    case 'list': {
      const names = await store.list();
      out(names, names.length ? names.join('\n') : 'no secrets stored');
      return 0;
    }
    case 'set': {
      const value = process.stdin.isTTY ? await askHidden(`value of ${name} (not shown): `) : await readSecretValue(name);
      if (!value) throw new UsageError(`no value given for ${name}`);
      await store.set(name!, value);
      out({ set: name }, `secret ${name} stored`);
      return 0;
    }
    default: {
      const existed = await store.delete(name!);
      out({ removed: existed ? name : null }, existed ? `secret ${name} removed` : `there was no secret ${name}`);
      return existed ? 0 : 1;
    }
  }
}

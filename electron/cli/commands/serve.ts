import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_OPTIONS, databaseOptions, parse, parseDuration, parseInteger, UsageError, WORKER_OPTIONS, workerOptions } from '../args.ts';

export const SERVE_HELP = `opsroom serve [options]

Serves the app's UI to a browser on this machine, with lane workers, until stopped. Prints the URL to open;
it carries a token made at each start (also in <data dir>/serve.json, readable by you only), and only a page
holding it can drive the app. Ctrl-C or SIGTERM drain the workers as \`opsroom worker\` does.

  --port N               TCP port (default 4780, so the address and the browser's settings stay the same;
                         0 picks a free one)
  --host ADDR            127.0.0.1 (default) or ::1: loopback only
  --renderer-dir DIR     the built UI (default: out/renderer of this checkout; \`npm run build\` makes it)
  --lanes A,B            lanes to work (default A,B,C,D)
  --workers-per-lane N   parallel runs per lane (default 1)
  --reclaim-after DUR    requeue a run whose worker is silent this long (default 10s)
  --grace DUR            how long running steps may finish on shutdown (default 10s)
  --data-dir DIR | --database-url URL`;

const DEFAULT_PORT = 4780;
/**
 * The headless shell's entry. Shells never import each other (the architecture's boundary rules), so this
 * command starts that shell as a process: it sends the parsed options over the IPC channel, forwards signals,
 * and exits with its status.
 */
const HEADLESS_MAIN = fileURLToPath(new URL('../../headless/main.ts', import.meta.url));

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...DATABASE_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, 'renderer-dir': { type: 'string' },
    ...WORKER_OPTIONS, grace: { type: 'string' },
  }, false);
  if (values.help) return console.log(SERVE_HELP), 0;
  const port = parseInteger(values.port, '--port') ?? DEFAULT_PORT;
  if (port < 0 || port > 65535) throw new UsageError(`--port takes 0 to 65535 (got ${port})`);
  const config = {
    core: {
      ...databaseOptions(values),
      ...workerOptions(values),
      schedules: { run: true }, // issue 8: schedules fire while the server runs
      retention: { autoPurge: true }, // issue 8: retention: what the policy says is due goes once a day
    },
    graceMs: values.grace ? parseDuration(values.grace, '--grace') : 10_000,
    port,
    host: values.host ?? '127.0.0.1',
    rendererDir: values['renderer-dir'] === undefined ? undefined : resolve(values['renderer-dir']),
  };
  // Its own process group: a terminal's Ctrl-C reaches only this process, which passes each signal on once
  // (the second Ctrl-C must mean "stop the steps now", not arrive twice at the first).
  const child = spawn(process.execPath, [HEADLESS_MAIN], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true, windowsHide: true,
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    // Should the server die first, its exit status says why; a failed send adds nothing to that.
    child.send(config, () => undefined);
    return await new Promise<number>((done) => {
      child.on('exit', (code, signal) => {
        if (code === null) console.error(`opsroom serve: the server was killed by ${signal}`);
        done(code ?? 1);
      });
    });
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

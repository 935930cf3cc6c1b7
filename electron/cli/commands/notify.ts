import { defaultDataDir, sendTestNotification } from '../../core/index.ts';
import { UsageError, parse, parseDuration } from '../args.ts';
import { json } from '../format.ts';

export const NOTIFY_HELP = `opsroom notify test --webhook URL [--secret NAME]   send one test delivery and print the receiver's answer
  --secret NAME     sign it with this secret (opsroom secrets set NAME): header X-Opsroom-Signature: sha256=<hex>
  --timeout DUR     how long to wait for the answer (default 5s)
  --data-dir DIR    the app's data folder, where secrets are kept
  --json            machine-readable output

The body is {"event":"test","run":null,"at":"…"}, sent as a run's notifications are (same headers and signature),
once. Exit status 0 when the receiver answered 2xx, 1 otherwise.`;

export async function notifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    webhook: { type: 'string' }, secret: { type: 'string' }, timeout: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help) return console.log(NOTIFY_HELP), 0;
  const [action, ...extra] = positionals;
  if (action !== 'test' || extra.length) throw new UsageError('usage: opsroom notify test --webhook URL [--secret NAME]');
  if (!values.webhook) throw new UsageError('notify test needs --webhook URL');
  const timeoutMs = values.timeout ? parseDuration(values.timeout, '--timeout') : 5000;
  // One try: a test says what the receiver answers now; a run's deliveries add the retries.
  const sent = await sendTestNotification({
    url: values.webhook, secret: values.secret, dataDir: values['data-dir'] ?? defaultDataDir(), timing: { timeoutMs, retryDelaysMs: [] },
  });
  if (values.json) {
    console.log(json(sent));
  } else if (sent.delivered) {
    console.log(`webhook ${sent.origin} answered HTTP ${sent.status}${sent.signed ? ` (signed with secret ${values.secret})` : ' (unsigned)'}`);
  } else {
    console.error(`opsroom: the test delivery to ${sent.origin} failed: ${sent.reason}`);
  }
  return sent.delivered ? 0 : 1;
}

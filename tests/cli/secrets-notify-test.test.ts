import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSecretStore } from '../../electron/core/index.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { signatureValid, startReceiver } from '../core/notify/receiver.ts';

test('notify test sends one signed test delivery and prints the answer; a failing receiver or a missing secret exits 1', async (t) => {
  const dataDir = join(tempDir().path, 'data');
  await createSecretStore(dataDir).set('hook-key', 'notify-test-key');
  const ok = await startReceiver([200]);
  const failing = await startReceiver([503]);
  t.after(async () => {
    await ok.close();
    await failing.close();
  });
  const origin = new URL(ok.url).origin;

  const sent = await cli(['notify', 'test', '--webhook', ok.url, '--secret', 'hook-key', '--data-dir', dataDir]);
  assert.equal(sent.code, 0, sent.stderr);
  assert.equal(sent.stdout.trim(), `webhook ${origin} answered HTTP 200 (signed with secret hook-key)`);
  assert.equal(ok.received.length, 1);
  assert.ok(signatureValid(ok.received[0]!, 'notify-test-key'));
  assert.equal(ok.received[0]!.json.event, 'test');
  assert.equal(ok.received[0]!.json.run, null);

  const refused = await cli(['notify', 'test', '--webhook', failing.url, '--data-dir', dataDir]);
  assert.equal(refused.code, 1);
  assert.equal(failing.received.length, 1, 'a test is one try');
  assert.match(refused.stderr, /the test delivery to http:\/\/127\.0\.0\.1:\d+ failed: the receiver answered HTTP 503/);

  const missing = await cli(['notify', 'test', '--webhook', ok.url, '--secret', 'nope', '--data-dir', dataDir]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /secret "nope" is not in the secret store: nothing was sent \(store it with: opsroom secrets set nope\)/);
  assert.equal(ok.received.length, 1);

  const bad = await cli(['notify', 'test', '--webhook', 'ftp://x', '--data-dir', dataDir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /a webhook URL starts with http:\/\/ or https:\/\//);
});

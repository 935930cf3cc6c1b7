import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../../helpers/tmp.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/offline-core.ts', import.meta.url));
/** Start (a fresh PGlite folder, about 5 s) plus three short runs: far below this unless something hangs. */
const LIMIT_MS = 60_000;

/** `unshare --net` runs a command in a new network namespace: no interface but a loopback that is down. */
function offlineUnavailable(): string | null {
  const probe = spawnSync('unshare', ['--net', 'true'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `unshare --net is not permitted here (needs root or CAP_SYS_ADMIN): ${probe.stderr.trim()}`;
  return null;
}

test('with no network at all, the app starts and runs local plans; an HTTP verifier fails fast saying offline', async (t) => {
  const unavailable = offlineUnavailable();
  if (unavailable) {
    t.diagnostic(`skipped: ${unavailable}`);
    return t.skip(unavailable);
  }
  const child = spawn('unshare', ['--net', process.execPath, FIXTURE, join(tempDir().path, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data) => (stdout += data));
  child.stderr.on('data', (data) => (stderr += data));
  const hung = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.once('close', (c, s) => resolve([c, s])));
  clearTimeout(hung);
  assert.equal(signal, null, `nothing hangs: killed after ${LIMIT_MS} ms\n${stdout}\n${stderr}`);
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout.trim().split('\n').at(-1)!);

  assert.deepEqual(report.interfaces, [], 'the child really had no network');
  assert.equal(report.local.status, 'succeeded', report.local.error);
  assert.equal(report.viaDc.status, 'succeeded', `Desktop Commander starts offline: ${report.viaDc.error}`);
  assert.equal(report.http.status, 'failed');
  const [proof] = report.http.proofs;
  assert.match(proof.summary, /^GET https:\/\/example\.com\/ failed: offline: cannot resolve host example\.com \(EAI_AGAIN: /);
  assert.equal(proof.evidence.offline, true);
  assert.equal(proof.evidence.cause, 'getaddrinfo EAI_AGAIN example.com', 'the evidence keeps the system\'s words');
  assert.ok(proof.ms < 3000, `the verifier failed in ${proof.ms} ms`);
});

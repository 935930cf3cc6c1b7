import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CONTAINS_MAX_BYTES, fileVerifier } from '../../../electron/core/verifiers/file.ts';
import type { FileVerifier } from '../../../shared/ir/verifier.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { verifyContext } from './context.ts';

const dir = tempDir('opsroom-file-verifier-');
after(() => dir.remove());

const CONTENT = 'listen 443 ssl;\nserver_name example.org;\n';
const SHA = createHash('sha256').update(CONTENT).digest('hex');
const conf = join(dir.path, 'nginx.conf');
writeFileSync(conf, CONTENT);

const verify = (config: Omit<FileVerifier, 'kind'>) => fileVerifier.verify({ kind: 'file', ...config }, verifyContext());

describe('file verifier', () => {
  test('an existing file passes, with size, hash and mtime as evidence', async () => {
    const outcome = await verify({ path: conf });
    assert.equal(outcome.passed, true, outcome.summary);
    assert.equal(outcome.evidence.exists, true);
    assert.equal(outcome.evidence.size, Buffer.byteLength(CONTENT));
    assert.equal(outcome.evidence.sha256, SHA);
    assert.match(outcome.evidence.mtime as string, /^\d{4}-\d\d-\d\dT/);
  });

  test('a missing file fails by default and passes with exists: false', async () => {
    const missing = join(dir.path, 'gone.txt');
    const failed = await verify({ path: missing });
    assert.equal(failed.passed, false);
    assert.equal(failed.summary, `${missing} does not exist`);
    assert.equal((await verify({ path: missing, exists: false })).passed, true);
    const present = await verify({ path: conf, exists: false });
    assert.equal(present.passed, false);
    assert.match(present.summary, /exists \(a file\), expected it to be absent/);
  });

  test('sha256 compares case-insensitively; a mismatch shows both hashes', async () => {
    const upper = await verify({ path: conf, sha256: SHA.toUpperCase() });
    assert.equal(upper.passed, true, upper.summary);
    assert.deepEqual(upper.evidence.matched, { sha256: true, contains: null });
    const wrong = await verify({ path: conf, sha256: '0'.repeat(64) });
    assert.equal(wrong.passed, false);
    assert.match(wrong.summary, new RegExp(`has sha256 ${SHA}, expected 0{64}`));
  });

  test('contains finds text in the file, or says it is not there', async () => {
    const found = await verify({ path: conf, contains: 'server_name example.org' });
    assert.equal(found.passed, true, found.summary);
    assert.deepEqual(found.evidence.matched, { sha256: null, contains: true });
    const notFound = await verify({ path: conf, contains: 'listen 80' });
    assert.equal(notFound.passed, false);
    assert.match(notFound.summary, /does not contain "listen 80"/);
  });

  test('a relative path is a failed outcome saying it must be absolute', async () => {
    const outcome = await verify({ path: 'etc/nginx.conf' });
    assert.equal(outcome.passed, false);
    assert.equal(outcome.summary, 'file path must be absolute, got "etc/nginx.conf"');
  });

  test('a directory exists, but has no content to hash', async () => {
    const sub = join(dir.path, 'sub');
    mkdirSync(sub);
    assert.equal((await verify({ path: sub })).passed, true);
    const hashed = await verify({ path: sub, sha256: SHA });
    assert.equal(hashed.passed, false);
    assert.match(hashed.summary, /is a directory, not a file/);
  });

  test('contains refuses a file over 64 MiB; existence alone does not read it', async () => {
    const big = join(dir.path, 'big.img');
    writeFileSync(big, '');
    truncateSync(big, CONTAINS_MAX_BYTES + 1); // sparse: no 64 MiB written to disk
    const outcome = await verify({ path: big, contains: 'x' });
    assert.equal(outcome.passed, false);
    assert.match(outcome.summary, /too large for `contains` \(67108865 bytes/);
    const exists = await verify({ path: big });
    assert.equal(exists.passed, true, exists.summary);
    assert.equal(exists.evidence.sha256, null);
  });
});

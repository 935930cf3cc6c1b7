import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkPaths, checkToolAllowed } from '../../../electron/core/mcp/sandbox-check.ts';
import { tempDir } from './mcp-test-kit.ts';

describe('checkPaths', () => {
  const root = realpathSync(tempDir('sandbox'));
  const allowed = join(root, 'allowed');
  const outside = join(root, 'outside');
  mkdirSync(join(allowed, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'x');
  symlinkSync(outside, join(allowed, 'escape'));
  symlinkSync(join(outside, 'not-yet'), join(allowed, 'dangling'));

  test('paths inside an allowed directory pass, existing or not', async () => {
    assert.equal(await checkPaths({ path: join(allowed, 'sub', 'file.txt') }, [allowed]), null);
    assert.equal(await checkPaths({ path: join(allowed, 'new', 'deeper', 'file.txt') }, [allowed]), null);
    assert.equal(await checkPaths({ path: allowed, other: '/etc/passwd' }, [allowed]), null, 'only path-like keys are checked');
  });

  test('a ".." escape is caught and named', async () => {
    const escape = join(allowed, 'sub', '..', '..', 'outside', 'secret.txt');
    assert.equal(await checkPaths({ path: escape }, [allowed]),
      `argument path (${escape}) is outside the allowed directories: ${allowed}`);
  });

  test('a symlink inside the allowed directory pointing out of it is caught', async () => {
    const viaLink = join(allowed, 'escape', 'secret.txt');
    assert.equal(await checkPaths({ file_path: viaLink }, [allowed]),
      `argument file_path (${viaLink}, which resolves to ${join(outside, 'secret.txt')}) is outside the allowed directories: ${allowed}`);
    // a dangling link: writing through it would create the file outside
    assert.match((await checkPaths({ destination: join(allowed, 'dangling') }, [allowed]))!, /^argument destination .* resolves to .*outside\/not-yet\)/);
  });

  test('relative paths are refused: the server would resolve them against its own cwd', async () => {
    assert.equal(await checkPaths({ cwd: 'sub' }, [allowed]),
      `argument cwd is a relative path (sub); only absolute paths inside ${allowed} are allowed`);
  });

  test('arrays and nested arguments are checked too', async () => {
    assert.equal(await checkPaths({ paths: [join(allowed, 'a'), join(allowed, 'b')] }, [allowed]), null);
    assert.match((await checkPaths({ paths: [join(allowed, 'a'), '/etc/passwd'] }, [allowed]))!, /^argument paths\[1\] \(\/etc\/passwd\)/);
    assert.match((await checkPaths({ edits: [{ filePath: '/etc/hosts' }] }, [allowed]))!, /^argument edits\[0\]\.filePath \(\/etc\/hosts\)/);
  });

  test('any one of several directories will do; none at all allows nothing', async () => {
    assert.equal(await checkPaths({ source: join(outside, 'secret.txt') }, [allowed, outside]), null);
    assert.match((await checkPaths({ dir: allowed }, []))!, /^argument dir .* is outside the allowed directories: \(none\)$/);
  });
});

describe('checkToolAllowed', () => {
  const ref = { server: 'dc', tool: 'write_file' };

  test('no allowlists: everything', () => {
    assert.equal(checkToolAllowed(ref, undefined, undefined), null);
    assert.equal(checkToolAllowed(ref, {}, {}), null);
  });

  test('the server\'s allowlist holds bare tool names', () => {
    assert.equal(checkToolAllowed(ref, { tools: ['read_file', 'write_file'] }, undefined), null);
    assert.equal(checkToolAllowed(ref, { tools: ['read_file'] }, undefined),
      'server dc allows only the tools read_file; "write_file" is not among them');
  });

  test('the plan\'s allowlist holds server/tool or server/*', () => {
    assert.equal(checkToolAllowed(ref, undefined, { tools: ['dc/write_file'] }), null);
    assert.equal(checkToolAllowed(ref, undefined, { tools: ['shell', 'dc/*'] }), null);
    assert.equal(checkToolAllowed(ref, undefined, { tools: ['dc/read_file', 'other/*'] }),
      'the plan\'s sandbox does not allow dc/write_file (it allows dc/read_file, other/*)');
  });

  test('both must allow it', () => {
    assert.match(checkToolAllowed(ref, { tools: ['read_file'] }, { tools: ['dc/*'] })!, /^server dc allows only/);
  });
});

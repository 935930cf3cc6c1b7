import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../helpers/tmp.ts';

// tools/dist/fuses.ts on stand-in binaries (the fuse wire is a sentinel, a version byte, a length byte and one
// byte per fuse: '0' off, '1' on, 'r' removed). The real Electron binary is checked by `npm run dist` in CI.
const root = resolve(import.meta.dirname, '../..');
const tool = join(root, 'tools/dist/fuses.ts');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** RunAsNode off, cookies encrypted, NODE_OPTIONS off, --inspect off, asar integrity on, asar only, no V8
 * browser snapshot, no file:// privileges, wasm trap handlers on. */
const DECIDED = '010011001';
/** Electron's defaults (fuses.json5): what an unflipped binary holds. */
const DEFAULTS = '101100011';

const dir = tempDir('opsroom-fuses-');
const binary = (name: string, wires: string[]) => {
  const path = join(dir.path, name);
  const parts = wires.flatMap((wire) => [Buffer.from(`ELF…${SENTINEL}`), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('…more binary')]);
  writeFileSync(path, Buffer.concat(parts));
  return path;
};
const fuses = (...args: string[]) => spawnSync(process.execPath, [tool, ...args], { encoding: 'utf8' });

test('verify passes a binary whose every fuse is as decided', () => {
  const result = fuses('verify', binary('decided', [DECIDED]));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /all 9 fuses as decided/);
});

test('verify names each fuse that differs (an unflipped Electron)', () => {
  const result = fuses('verify', binary('defaults', [DEFAULTS]));
  assert.equal(result.status, 1);
  for (const name of ['RunAsNode: enabled, want disabled', 'EnableCookieEncryption: disabled, want enabled', 'EnableNodeOptionsEnvironmentVariable: enabled',
    'EnableNodeCliInspectArguments: enabled', 'EnableEmbeddedAsarIntegrityValidation: disabled', 'OnlyLoadAppFromAsar: disabled', 'GrantFileProtocolExtraPrivileges: enabled']) {
    assert.ok(result.stderr.includes(name), `${name} in:\n${result.stderr}`);
  }
  assert.doesNotMatch(result.stderr, /WasmTrapHandlers|LoadBrowserProcessSpecificV8Snapshot/);
});

test('a fuse a newer Electron adds fails until it is decided (strictlyRequireAllFuses)', () => {
  const result = fuses('verify', binary('newer', [`${DECIDED}1`]));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /has 10 fuses and only 9 are decided: decide fuse 9/);
});

test('a removed fuse is accepted; both wires of a universal macOS binary are checked, through the .app', () => {
  const app = join(dir.path, 'Ops Control Room.app');
  const framework = join(app, 'Contents', 'Frameworks', 'Electron Framework.framework');
  mkdirSync(framework, { recursive: true });
  writeFileSync(join(framework, 'Electron Framework'), readFileSync(binary('universal', [`${DECIDED.slice(0, 6)}r${DECIDED.slice(7)}`, DEFAULTS])));
  const result = fuses('verify', app);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /RunAsNode: enabled/, 'the second (arm64) wire is read too');
  assert.doesNotMatch(result.stderr, /LoadBrowserProcessSpecificV8Snapshot/, 'removed');
});

test('afterPack sets WasmTrapHandlers, which electron-builder cannot, and leaves the rest to electronFuses', () => {
  const path = binary('wasm-off', [`${DECIDED.slice(0, 8)}0`]);
  const script = `import(${JSON.stringify(pathToFileURL(tool).href)}).then((m) => console.log(m.setUnsettableFusesInFile(${JSON.stringify(path)})))`;
  const set = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(set.stdout.trim(), '1', set.stderr);
  const result = fuses('verify', path);
  assert.equal(result.status, 0, result.stderr);
  const again = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(again.stdout.trim(), '0', 'idempotent');
});

test('not an Electron binary: an error, not a pass', () => {
  const path = join(dir.path, 'plain');
  writeFileSync(path, 'no sentinel here');
  const result = fuses('verify', path);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no fuse sentinel/);
});

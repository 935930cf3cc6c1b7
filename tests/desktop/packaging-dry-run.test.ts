import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { bundledServerPaths } from '../../electron/main/runtime-paths.ts';
import { tempDir } from '../helpers/tmp.ts';

// `npm run dist --dir` end to end with electron-builder 26.17 and electron-builder.yml, packaging a stand-in
// for the Electron binary (electron-builder's electronDist), so it runs offline: the app.asar contents, what
// stays unpacked, the runtime and tray icons beside it, afterPack and electronFuses flipping the stand-in's fuse
// wire and dist.ts checking it. The real binary, the installers and launching the packaged app are CI's
// (`npm run dist` on each OS, .github/workflows/ci.yml).
const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(path: string, options?: object): string[]; extractFile(path: string, file: string): Buffer };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's default fuses, except WasmTrapHandlers off: afterPack must turn it on. */
const STAND_IN_WIRE = '101100010';

function notHere(): string | null {
  if (process.platform !== 'linux') return `the stand-in Electron has the Linux layout; on ${process.platform} CI runs the real \`npm run dist\``;
  const missing = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) return `${missing.join(', ')} missing: run npm run build first (npm test does)`;
  return null;
}

test('npm run dist -- --dir packages the app as electron-builder.yml says (stand-in Electron, offline)', { timeout: 300_000 }, async (t) => {
  const reason = notHere();
  if (reason) {
    console.log(`packaging dry run skipped: ${reason}`);
    return t.skip(reason);
  }
  const tmp = tempDir('opsroom-dist-');
  const electronDist = join(tmp.path, 'electron');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n#'), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from(STAND_IN_WIRE), Buffer.from('\n')]));
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');
  writeFileSync(join(electronDist, 'version'), '0.0.0-stand-in');
  const runtimeExisted = existsSync(join(root, 'build', 'runtime'));
  t.after(() => {
    tmp.remove();
    if (!runtimeExisted) {
      rmSync(join(root, 'build', 'runtime'), { recursive: true, force: true });
      if (existsSync(join(root, 'build')) && readdirSync(join(root, 'build')).length === 0) rmdirSync(join(root, 'build'));
    }
  });

  const out = join(tmp.path, 'dist');
  const run = spawnSync(process.execPath, [join(root, 'tools/dist/dist.ts'), '--skip-build', '--dir', '--electron-dist', electronDist, '--out', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });
  const log = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 0, log);
  assert.match(run.stdout, /dist: afterPack: .*: 1 fuse\(s\) set beyond electronFuses/);
  assert.match(run.stdout, /dist: fuses checked in 1 packaged app\(s\)/);

  const app = join(out, 'linux-unpacked');
  const resources = join(app, 'resources');
  // the fuse wire as shipped, read back by the tool CI uses
  const verify = spawnSync(process.execPath, [join(root, 'tools/dist/fuses.ts'), 'verify', join(app, 'ops-control-room')], { encoding: 'utf8' });
  assert.equal(verify.status, 0, verify.stderr);

  const files = asar.listPackage(join(resources, 'app.asar')).map((file) => file.replaceAll('\\', '/'));
  for (const file of ['/out/main/index.js', '/out/main/db-worker.js', '/out/main/lane-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) {
    assert.ok(files.includes(file), `app.asar holds ${file}`);
  }
  for (const name of readdirSync(join(root, 'migrations'))) assert.ok(files.includes(`/migrations/${name}`), `app.asar lists migrations/${name}`);
  assert.deepEqual(files.filter((file) => /^\/(electron|renderer|shared|tests|tools|resources|security|build)\//.test(file)), [], 'no sources, tests or build inputs');
  assert.ok(files.some((file) => file.startsWith('/node_modules/@electric-sql/pglite/')), 'PGlite is in the app');
  assert.ok(files.some((file) => file.startsWith('/node_modules/@modelcontextprotocol/sdk/')), 'the MCP SDK (external to the main bundle) is in the app');
  assert.ok(!files.some((file) => file.startsWith('/node_modules/electron/')), 'not the electron package');
  const pkg = JSON.parse(asar.extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8')) as { productName: string; desktopName: string; main: string };
  assert.equal(pkg.productName, 'Ops Control Room');
  assert.equal(pkg.desktopName, 'ops-control-room.desktop');
  assert.equal(pkg.main, 'out/main/index.js');

  const unpacked = join(resources, 'app.asar.unpacked');
  for (const name of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) {
    assert.ok(existsSync(join(unpacked, 'node_modules/@electric-sql/pglite/dist', name)), `${name} is a real file`);
  }
  for (const name of readdirSync(join(root, 'migrations'))) assert.ok(existsSync(join(unpacked, 'migrations', name)), `migrations/${name} is a real file`);

  const runtime = bundledServerPaths(resources, 'linux');
  assert.ok(existsSync(runtime.nodePath), 'the Node helper at the path the main process computes');
  assert.ok(existsSync(runtime.desktopCommanderEntry), "Desktop Commander's entry at the path the main process computes");
  const version = spawnSync(runtime.nodePath, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  assert.equal(version.stdout.trim(), process.versions.node, 'the packaged helper is executable');
  for (const name of readdirSync(join(root, 'resources/tray'))) assert.ok(existsSync(join(resources, 'tray', name)), `tray/${name}`);
});

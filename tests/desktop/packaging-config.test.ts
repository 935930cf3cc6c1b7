import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix, resolve } from 'node:path';
import { test } from 'node:test';
import type { Configuration, FileSet } from 'electron-builder';

// electron-builder.yml as electron-builder itself reads it (its own loader and JSON-schema validation, from
// app-builder-lib, which electron-builder depends on), then the release decisions asserted one by one.
const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = await getConfig(root, join(root, 'electron-builder.yml'), null);

/** A files/extraResources/asarUnpack list as plain patterns and {from, to} sets. */
const fileSets = (value: unknown): Array<string | FileSet> => (Array.isArray(value) ? value : value == null ? [] : [value]) as Array<string | FileSet>;
const patterns = (value: unknown): string[] => fileSets(value).flatMap((item) => (typeof item === 'string' ? [item] : fileSets(item.filter) as string[]));

test('electron-builder accepts the configuration (its schema: no unknown or misspelt keys)', async () => {
  await validateConfiguration(config, new DebugLogger(false));
  assert.equal(config.appId, 'dev.opsroom.app');
  assert.equal(config.productName, 'Ops Control Room');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName?: string; main: string };
  assert.equal(pkg.productName, 'Ops Control Room', 'package.json productName (app.getName(), the userData folder) matches');
  assert.equal(pkg.main, 'out/main/index.js');
  assert.equal(config.directories?.buildResources, 'resources');
  assert.equal(config.directories?.output, 'dist');
});

test('production fuses: RunAsNode off and the rest hardened, as tools/dist/fuses.ts decides', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
    resetAdHocDarwinSignature: true, // unsigned builds: an arm64 Mac refuses a binary whose signature the flip broke
  });
  // the fuse electronFuses cannot set (app-builder-lib 26.17) is decided in the dist tool, and checked there
  const fusesTool = readFileSync(join(root, 'tools/dist/fuses.ts'), 'utf8');
  assert.match(fusesTool, /name: 'WasmTrapHandlers', electronFuses: null, enabled: true/);
  for (const [key, enabled] of Object.entries(config.electronFuses ?? {}).filter(([key]) => key !== 'resetAdHocDarwinSignature')) {
    assert.match(fusesTool, new RegExp(`electronFuses: '${key}', enabled: ${enabled}\\b`), `tools/dist/fuses.ts agrees on ${key}`);
  }
});

test('opsroom:// deep links and .opsplan.json plan files are registered', () => {
  const schemes = fileSets(config.protocols).flatMap((p) => (p as { schemes: string[] }).schemes);
  assert.deepEqual(schemes, ['opsroom']);
  const associations = [config.fileAssociations ?? []].flat();
  const plans = associations.find((a) => a.ext === 'opsplan.json');
  assert.ok(plans, 'a file association for .opsplan.json');
  assert.equal(plans.mimeType, 'application/x-opsplan+json', 'Linux: .desktop MimeType and a shared-mime-info glob');
  assert.ok(plans.name && plans.role);
});

test('app.asar holds the build, migrations and package.json, not sources or tests', () => {
  const files = patterns(config.files);
  for (const wanted of ['out/**', 'migrations/**', 'package.json']) assert.ok(files.includes(wanted), `files include ${wanted}`);
  for (const source of ['electron/**', 'renderer/**', 'tests/**', 'shared/**', 'tools/**', '**/*']) {
    assert.ok(!files.includes(source), `files do not include ${source}`);
  }
  assert.ok(!files.some((pattern) => /^(electron|renderer|shared|tests|tools)\b/.test(pattern)));
});

test("asarUnpack keeps PGlite's wasm/data and the migrations real files", () => {
  const unpack = patterns(config.asarUnpack);
  const unpacked = (path: string) => unpack.some((pattern) => posix.matchesGlob(path, pattern));
  const pgliteDist = join(root, 'node_modules/@electric-sql/pglite/dist');
  const assets = readdirSync(pgliteDist).filter((name) => /\.(wasm|data)$/.test(name));
  for (const name of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) assert.ok(assets.includes(name), `PGlite ships ${name}`);
  for (const name of assets) assert.ok(unpacked(`node_modules/@electric-sql/pglite/dist/${name}`), `${name} is unpacked`);
  for (const name of readdirSync(join(root, 'migrations'))) assert.ok(unpacked(`migrations/${name}`), `migrations/${name} is unpacked`);
});

test('extraResources ship the tray icons and the bundled-server runtime outside app.asar', () => {
  const sets = fileSets(config.extraResources).map((item) => (typeof item === 'string' ? { from: item, to: item } : item));
  assert.ok(sets.some((set) => set.from === 'resources/tray' && set.to === 'tray'), 'resources/tray → <resources>/tray');
  assert.ok(sets.some((set) => set.from === 'build/runtime' && set.to === 'runtime'), 'build/runtime → <resources>/runtime');
  // the folder tools/dist/prepare-runtime.ts writes and the main process reads (runtime-paths.ts)
  const prepare = readFileSync(join(root, 'tools/dist/dist.ts'), 'utf8');
  assert.match(prepare, /runtimeDir: join\(projectDir, 'build', 'runtime'\)/);
});

test('every icon the configuration names exists (app icon, Windows .ico, tray icons)', () => {
  const icons = [config.icon, config.mac?.icon, config.win?.icon, config.linux?.icon].filter((icon): icon is string => typeof icon === 'string');
  assert.ok(icons.includes('resources/icon.png') && icons.includes('resources/icon.ico'));
  for (const icon of icons) assert.ok(existsSync(join(root, icon)), `${icon} exists`);
  const png = readFileSync(join(root, 'resources/icon.png'));
  assert.equal(png.toString('ascii', 1, 4), 'PNG');
  assert.ok(png.readUInt32BE(16) >= 512 && png.readUInt32BE(20) >= 512, 'icon.png is at least 512 px (macOS .icns is made from it)');
  const tray = readdirSync(join(root, 'resources/tray'));
  assert.ok(tray.some((name) => /Template\.png$/.test(name)), 'a macOS template tray image');
  assert.ok(tray.some((name) => name.endsWith('.ico')), 'a Windows tray .ico');
  assert.ok(tray.some((name) => /\.png$/.test(name) && !/Template/.test(name)), 'a Linux tray .png');
});

test('targets per OS: macOS dmg+zip (hardened), Windows nsis, Linux AppImage+deb', () => {
  assert.deepEqual(config.mac?.target, ['dmg', 'zip']);
  assert.equal(config.mac?.category, 'public.app-category.developer-tools');
  assert.equal(config.mac?.hardenedRuntime, true);
  assert.deepEqual(config.win?.target, ['nsis']);
  assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
  assert.equal(config.linux?.category, 'Development');
  assert.ok(config.linux?.maintainer && config.linux.synopsis, 'deb needs a maintainer; synopsis is its short description');
});

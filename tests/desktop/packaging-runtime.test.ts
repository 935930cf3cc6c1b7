import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { resultText } from '../../electron/core/mcp/desktop-commander/dc-output.ts';
import { prepareDcHome } from '../../electron/core/mcp/desktop-commander/dc-home.ts';
import { DC_DEFAULT_TOOLS, desktopCommanderServer } from '../../electron/core/mcp/desktop-commander/dc-server.ts';
import { bundledServerPaths, DC_ENTRY_SEGMENTS, DC_PACKAGE_SEGMENTS, runtimeLayout } from '../../electron/main/runtime-paths.ts';
import { connectServer } from '../helpers/dc-test-caller.ts';
import { tempDir } from '../helpers/tmp.ts';

const root = resolve(import.meta.dirname, '../..');

describe('runtime paths (electron/main/runtime-paths.ts): where the packaged app finds its Node helper and DC', () => {
  test('per platform, under <resources>/runtime', () => {
    assert.deepEqual(bundledServerPaths('/opt/Ops Control Room/resources', 'linux'), {
      nodePath: '/opt/Ops Control Room/resources/runtime/node/node',
      desktopCommanderEntry: '/opt/Ops Control Room/resources/runtime/mcp/node_modules/@wonderwhy-er/desktop-commander/dist/index.js',
    });
    assert.deepEqual(bundledServerPaths('/Applications/Ops Control Room.app/Contents/Resources', 'darwin'), {
      nodePath: '/Applications/Ops Control Room.app/Contents/Resources/runtime/node/node',
      desktopCommanderEntry: '/Applications/Ops Control Room.app/Contents/Resources/runtime/mcp/node_modules/@wonderwhy-er/desktop-commander/dist/index.js',
    });
    assert.deepEqual(bundledServerPaths('C:\\Program Files\\Ops Control Room\\resources', 'win32'), {
      nodePath: 'C:\\Program Files\\Ops Control Room\\resources\\runtime\\node\\node.exe',
      desktopCommanderEntry: 'C:\\Program Files\\Ops Control Room\\resources\\runtime\\mcp\\node_modules\\@wonderwhy-er\\desktop-commander\\dist\\index.js',
    });
  });

  test("DC's entry in the copy is the file dc-server.ts runs from node_modules under Node", () => {
    const fromNodeModules = fileURLToPath(import.meta.resolve('@wonderwhy-er/desktop-commander/dist/index.js'));
    assert.equal(join(root, 'node_modules', ...DC_PACKAGE_SEGMENTS.slice(2), ...DC_ENTRY_SEGMENTS), fromNodeModules);
  });
});

/** Node's lookup of a bare package name from a package folder, kept inside `top` (the copy's mcp folder). */
function resolvesWithin(top: string, fromDir: string, name: string): boolean {
  for (let dir = fromDir; dir.startsWith(top); dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', ...name.split('/'), 'package.json'))) return true;
    if (dir === top) break;
  }
  return false;
}

/** Every package folder in a node_modules tree (scoped ones included, nested node_modules too). */
function packageDirs(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  return readdirSync(nodeModules).filter((name) => !name.startsWith('.')).flatMap((name) => {
    const dirs = name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((sub) => join(nodeModules, name, sub)) : [join(nodeModules, name)];
    return dirs.filter((dir) => existsSync(join(dir, 'package.json'))).flatMap((dir) => [dir, ...packageDirs(join(dir, 'node_modules'))]);
  });
}

describe('the runtime `npm run dist` ships (node tools/dist/prepare-runtime.ts), prepared into a folder outside the repository', () => {
  // Outside the repository, so nothing in the copy can resolve through the repository's node_modules.
  const tmp = tempDir('opsroom-runtime-');
  const base = realpathSync(tmp.path);
  const runtimeDir = join(base, 'runtime');
  const layout = runtimeLayout(runtimeDir, process.platform);
  let output = '';

  before(() => {
    const inRepo = relative(root, base);
    assert.ok(inRepo.startsWith('..') || isAbsolute(inRepo), 'the temp folder is outside the repository');
    output = execFileSync(process.execPath, [join(root, 'tools/dist/prepare-runtime.ts'), runtimeDir], { cwd: root, encoding: 'utf8' });
  });
  after(() => tmp.remove());

  test('the Node helper is this Node (>= 24), runnable from the copy, with its licence', () => {
    assert.match(output, /prepare-runtime: Node v24\.|prepare-runtime: Node v2[5-9]\./);
    assert.ok(statSync(layout.nodePath).isFile());
    const version = execFileSync(layout.nodePath, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
    assert.equal(version, process.version);
    assert.ok(existsSync(join(dirname(layout.nodePath), 'LICENSE')));
    const manifest = JSON.parse(readFileSync(join(runtimeDir, 'manifest.json'), 'utf8')) as { node: { version: string }; desktopCommander: { entry: string }; packages: number };
    assert.equal(manifest.node.version, process.versions.node);
    assert.equal(join(runtimeDir, ...manifest.desktopCommander.entry.split('/')), layout.desktopCommanderEntry);
  });

  test("every dependency of every copied package resolves inside the copy (npm's hoisted layout kept)", () => {
    const mcp = join(runtimeDir, 'mcp');
    const dirs = packageDirs(join(mcp, 'node_modules'));
    assert.ok(dirs.length > 100, `DC's closure is copied (${dirs.length} packages)`);
    const missing: string[] = [];
    for (const dir of dirs) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
        peerDependenciesMeta?: Record<string, { optional?: boolean }>;
      };
      const required = [
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}).filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional),
      ];
      for (const name of required) if (!resolvesWithin(mcp, dir, name)) missing.push(`${pkg.name} → ${name}`);
    }
    assert.deepEqual(missing, []);
    assert.ok(!existsSync(join(mcp, 'node_modules', 'electron')), 'only DC\'s closure, not our devDependencies');
  });

  test('Desktop Commander starts from the copy on the copied Node, as the packaged app starts it, and answers', async () => {
    const dataDir = join(base, 'data');
    const work = join(base, 'work');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, 'note.txt'), 'read through the shipped runtime\n');
    const config = desktopCommanderServer(dataDir, { directories: [work], runtime: layout });
    assert.equal(config.command, layout.nodePath);
    assert.equal(config.args[0], layout.desktopCommanderEntry);
    await prepareDcHome(config.env.HOME!, [work]);
    const dc = await connectServer(config);
    try {
      const { tools } = await dc.client.listTools();
      const names = tools.map((tool) => tool.name);
      for (const name of DC_DEFAULT_TOOLS) assert.ok(names.includes(name), `DC offers ${name}`);
      const read = await dc.caller.callTool('read_file', { path: join(work, 'note.txt') });
      assert.notEqual(read.isError, true, resultText(read));
      assert.match(resultText(read), /read through the shipped runtime/);
    } finally {
      await dc.close();
    }
    assert.throws(() => process.kill(dc.pid, 0), { code: 'ESRCH' }, 'the server process is gone after close');
  });
});

test('npm run dist refuses a Node older than 24, saying which one', () => {
  const script = `import(${JSON.stringify(pathToFileURL(join(root, 'tools/dist/node-check.ts')).href)}).then((m) => m.assertNodeForDist('22.12.0', '/usr/bin/node'))`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /Node >= 24/);
  assert.match(result.stderr, /\/usr\/bin\/node, v22\.12\.0/);
});

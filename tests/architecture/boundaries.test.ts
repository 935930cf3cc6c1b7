// Architecture boundaries (the architecture notes' boundary table): the import graph (dependency-cruiser),
// runtime globals (per-folder tsconfigs) and a core that loads with `electron` unresolvable.
// Each check is also run against planted violations, so none of them can pass by checking nothing.
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const depcruiseBin = join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const tscBin = join(repo, 'node_modules/typescript/bin/tsc');
const cruisedFolders = ['electron', 'renderer', 'shared', 'tests'];

type Run = { code: number; stdout: string; stderr: string };
type Violation = { from: string; to: string; rule: { name: string; severity: string } };

function run(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { ...options, maxBuffer: 64 << 20, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function scratchDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'opsroom-arch-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

async function cruise(cwd: string, config: string, folders: string[]): Promise<Violation[]> {
  const result = await run([depcruiseBin, '--config', config, '--output-type', 'json', ...folders], { cwd });
  assert.ok(result.stdout.startsWith('{'), `dependency-cruiser failed (exit ${result.code}):\n${result.stderr}`);
  return (JSON.parse(result.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).join('\n');

test('the real tree has no dependency-rule violations', async () => {
  const folders = cruisedFolders.filter((f) => existsSync(join(repo, f)));
  const violations = await cruise(repo, '.dependency-cruiser.cjs', folders);
  assert.deepEqual(violations, [], describeViolations(violations));
});

test('planted import violations are each reported', async (t) => {
  const dir = await scratchDir(t);
  await writeFiles(dir, {
    'package.json': await readFile(join(repo, 'package.json'), 'utf8'),
    '.dependency-cruiser.cjs': await readFile(join(repo, '.dependency-cruiser.cjs'), 'utf8'),
    'electron/core/index.ts': `import { helper } from './internal.ts';\nexport type Core = { close(): Promise<void> };\nexport const h = helper;\n`,
    'electron/core/internal.ts': `export const helper = 1;\n`,
    'electron/core/static-electron.ts': `import { app } from 'electron';\nexport const a = app;\n`,
    'electron/core/dynamic-electron.ts': `export const load = () => import('electron');\n`,
    'electron/core/require-electron.ts': `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nexport const e = require('electron');\n`,
    'electron/core/to-main.ts': `import '../main/index.ts';\n`,
    'electron/main/index.ts': `import { app } from 'electron';\nimport type { Core } from '../core/index.ts';\nexport type C = Core;\nexport const a = app;\n`,
    'electron/cli/deep.ts': `import { helper } from '../core/internal.ts';\nexport const h = helper;\n`,
    'electron/cli/ok.ts': `import type { Core } from '../core/index.ts';\nimport { x } from './helper.ts';\nexport type C = Core;\nexport const y = x;\n`,
    'electron/cli/helper.ts': `export const x = 1;\n`,
    'electron/cli/to-headless.ts': `import { s } from '../headless/server.ts';\nexport const t = s;\n`,
    'electron/headless/server.ts': `export const s = 1;\n`,
    'electron/core/cycle-a.ts': `import { b } from './cycle-b.ts';\nexport const a = () => b;\n`,
    'electron/core/cycle-b.ts': `import { a } from './cycle-a.ts';\nexport const b = () => a;\n`,
    'electron/preload/index.ts': `import type { Core } from '../core/index.ts';\nexport type C = Core;\n`,
    'renderer/src/type-import.ts': `import type { Core } from '../../electron/core/index.ts';\nexport type C = Core;\n`,
    'renderer/src/node-builtin.ts': `import { join } from 'node:path';\nexport const j = join;\n`,
    'shared/bad-fs.ts': `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
    'shared/ok.ts': `import { z } from 'zod';\nexport const S = z.string();\n`,
    'tests/uses-electron.test.ts': `import 'electron';\n`,
  });
  await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');

  const violations = await cruise(dir, '.dependency-cruiser.cjs', cruisedFolders);
  const expected: Array<[from: string, rule: string]> = [
    ['electron/core/static-electron.ts', 'electron-only-in-main-and-preload'],
    ['electron/core/dynamic-electron.ts', 'electron-only-in-main-and-preload'],
    ['electron/core/require-electron.ts', 'electron-only-in-main-and-preload'],
    ['electron/core/to-main.ts', 'core-not-to-shells-or-renderer'],
    ['electron/cli/deep.ts', 'shells-use-core-index-only'],
    ['electron/cli/to-headless.ts', 'shells-not-to-each-other-or-renderer'],
    ['electron/core/cycle-a.ts', 'no-circular-in-node-side-and-shared'],
    ['electron/preload/index.ts', 'preload-only-electron-and-shared'],
    ['renderer/src/type-import.ts', 'renderer-not-to-electron-folder'],
    ['renderer/src/node-builtin.ts', 'renderer-and-shared-not-to-node-builtins'],
    ['shared/bad-fs.ts', 'shared-imports-only-zod-and-itself'],
    ['tests/uses-electron.test.ts', 'electron-only-in-main-and-preload'],
  ];
  const missing = expected.filter(([from, rule]) => !violations.some((v) => v.from === from && v.rule.name === rule));
  assert.deepEqual(missing, [], `not reported:\n${missing.join('\n')}\nreported:\n${describeViolations(violations)}`);
  // Allowed edges stay allowed: main → electron and core index, cli → core index and itself, shared → zod.
  const allowed = ['electron/main/index.ts', 'electron/cli/ok.ts', 'electron/cli/helper.ts', 'shared/ok.ts'];
  const falseAlarms = violations.filter((v) => allowed.includes(v.from));
  assert.deepEqual(falseAlarms, [], describeViolations(falseAlarms));
});

test('per-folder tsconfigs reject globals of another runtime', async (t) => {
  const dir = await scratchDir(t);
  await writeFiles(dir, { 'package.json': '{ "type": "module" }\n' }); // ESM, like the repository
  // Each probe's line 1 uses a global its runtime has (a control), line 2 one it must not have.
  const probes = [
    { config: 'renderer/tsconfig.json', global: 'process', lines: ['export const title: string = document.title;', 'export const home = process.env.HOME;'] },
    { config: 'shared/tsconfig.json', global: 'document', lines: ['export const last = [1, 2].findLast((n) => n > 0);', 'export const title = document.title;'] },
    { config: 'electron/tsconfig.json', global: 'document', lines: ['export const home = process.env.HOME;', 'export const title = document.title;'] },
  ];
  await Promise.all(probes.map(async (probe) => {
    const folder = join(dir, dirname(probe.config));
    await writeFiles(folder, {
      'probe.ts': probe.lines.join('\n') + '\n',
      // The real options, minus project-build settings, applied to the probe alone; typeRoots
      // points back at the repository since the probe lives outside it.
      'tsconfig.json': JSON.stringify({
        extends: join(repo, probe.config),
        compilerOptions: {
          composite: false, emitDeclarationOnly: false, noEmit: true, declarationDir: null, tsBuildInfoFile: null,
          typeRoots: [join(repo, 'node_modules/@types')],
        },
        files: ['probe.ts'],
        include: [], // the extended config's globs would pull in the real folder
      }),
    });
    const result = await run([tscBin, '-p', join(folder, 'tsconfig.json'), '--pretty', 'false'], { cwd: folder });
    const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'));
    assert.equal(errors.length, 1, `${probe.config}: expected exactly one error, got:\n${result.stdout}${result.stderr}`);
    assert.match(errors[0] ?? '', new RegExp(`^probe\\.ts\\(2,\\d+\\): error TS\\d+: Cannot find name '${probe.global}'`), `${probe.config}: ${errors[0]}`);
  }));
});

test('the core\'s TypeScript project never contains the Electron shell or Electron\'s types', async () => {
  // Electron's d.ts declares a global namespace: a program holding any file that imports `electron` lets
  // every other file of it name Electron.* without an import. So the shell is a project of its own.
  const result = await run([tscBin, '-p', join(repo, 'electron/tsconfig.json'), '--listFilesOnly'], { cwd: repo });
  const files = result.stdout.split('\n').filter(Boolean);
  assert.ok(files.some((f) => f.endsWith('electron/core/index.ts')), `the core project lists its files:\n${result.stdout}${result.stderr}`);
  assert.deepEqual(files.filter((f) => /electron\/(main|preload)\/|node_modules\/electron\//.test(f)), []);
});

test('the core loads and starts under plain Node with `electron` unresolvable', async (t) => {
  const coreIndex = join(repo, 'electron/core/index.ts');
  // Not a skip: the core's public entry is part of the architecture, so its absence is a failure.
  assert.ok(existsSync(coreIndex), 'electron/core/index.ts does not exist yet (createCore is the core\'s one public entry)');

  const dir = await scratchDir(t);
  const log = join(dir, 'electron-attempts.log');
  await writeFiles(dir, {
    'electron-attempts.log': '',
    // Preloaded with --import, so it also runs in every worker thread the core starts.
    'block-electron.mjs': `import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
const refuse = (what, parent) => {
  appendFileSync(${JSON.stringify(log)}, what + ' from ' + parent + '\\n');
  throw new Error('electron must not load outside electron/main and electron/preload: ' + what + ' from ' + parent);
};
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron' || specifier.startsWith('electron/')) refuse(specifier, context.parentURL);
    const resolved = next(specifier, context);
    if (resolved.url.includes('/node_modules/electron/')) refuse(resolved.url, context.parentURL);
    return resolved;
  },
});\n`,
    'start.mjs': `const { createCore } = await import(${JSON.stringify(pathToFileURL(coreIndex).href)});
if (typeof createCore !== 'function') throw new Error('electron/core/index.ts does not export createCore');
if (process.argv[2] === 'start') {
  const core = await createCore({ dataDir: ${JSON.stringify(join(dir, 'data'))} });
  await core.close();
}
console.log('ok');\n`,
  });

  for (const mode of ['load', 'start']) {
    await t.test(mode, async () => {
      const result = await run(['--import', join(dir, 'block-electron.mjs'), join(dir, 'start.mjs'), mode], { cwd: repo });
      const attempts = await readFile(log, 'utf8');
      assert.equal(attempts, '', `electron was requested:\n${attempts}`);
      assert.equal(result.code, 0, `exit ${result.code}\n${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /^ok$/m);
    });
  }
});

// The runtime `npm run dist` ships outside app.asar (electron-builder.yml: extraResources build/runtime →
// <resources>/runtime): the Node running this build as the helper that runs Desktop Commander (the app binary
// has the RunAsNode fuse off, so it cannot run a JS MCP server itself), and Desktop Commander with its
// production dependency closure, copied from our node_modules in npm's own (hoisted) layout so Node resolves
// every import inside the copy. Nothing is downloaded: no install scripts run (puppeteer's browser included).
//
//   node tools/dist/prepare-runtime.ts [runtime-dir]     (default build/runtime)
import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DC_PACKAGE_SEGMENTS, runtimeLayout } from '../../electron/main/runtime-paths.ts';
import { assertNodeForDist, runNpm } from './node-check.ts';

const DC_NAME = '@wonderwhy-er/desktop-commander';

export interface RuntimeManifest {
  node: { version: string; platform: NodeJS.Platform; arch: string; path: string };
  desktopCommander: { version: string; entry: string };
  /** Packages copied (Desktop Commander included). */
  packages: number;
  bytes: number;
}

interface QueryNode {
  name: string;
  version: string;
  location: string;
  realpath: string;
}

/** Desktop Commander and every package it needs at run time, as npm installed them (npm query). */
export function desktopCommanderClosure(projectDir: string): QueryNode[] {
  const selector = `#${DC_NAME}, #${DC_NAME} *`;
  const result = runNpm(['query', selector], { cwd: projectDir });
  if (result.status !== 0) throw new Error(`npm query failed (${result.status}): ${result.stderr}`);
  const nodes = JSON.parse(result.stdout) as QueryNode[];
  if (!nodes.some((node) => node.name === DC_NAME && node.location.replaceAll('\\', '/') === `node_modules/${DC_NAME}`)) {
    throw new Error(`${DC_NAME} is not installed at node_modules/${DC_NAME} (run npm ci)`);
  }
  return nodes;
}

/** The copy's place under <runtime>/mcp, from npm's location ("node_modules/a/node_modules/b"). */
function destinationOf(mcpDir: string, location: string): string {
  const parts = location.split(/[\\/]/);
  if (parts[0] !== 'node_modules' || parts.some((part) => part === '..' || part === '' || part === '.')) {
    throw new Error(`unexpected package location from npm query: ${location}`);
  }
  return join(mcpDir, ...parts);
}

function treeSize(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, entry) => total + treeSize(join(path, entry)), 0);
}

export interface PrepareRuntimeOptions {
  projectDir: string;
  runtimeDir: string;
  log?: (line: string) => void;
}

/** Writes the runtime folder from scratch and returns what it holds (also written as manifest.json). */
export function prepareRuntime({ projectDir, runtimeDir, log = console.log }: PrepareRuntimeOptions): RuntimeManifest {
  assertNodeForDist();
  const root = resolve(projectDir);
  const out = resolve(runtimeDir);
  if (out === root || root.startsWith(out + sep)) throw new Error(`refusing to replace ${out}: it holds the project`);
  rmSync(out, { recursive: true, force: true });
  const layout = runtimeLayout(out, process.platform);

  // The Node helper: this very binary (assertNodeForDist checked its version), with its licence.
  mkdirSync(dirname(layout.nodePath), { recursive: true });
  copyFileSync(process.execPath, layout.nodePath);
  chmodSync(layout.nodePath, 0o755);
  const license = [join(dirname(process.execPath), 'LICENSE'), join(dirname(process.execPath), '..', 'LICENSE')].find((p) => existsSync(p));
  if (license) copyFileSync(license, join(dirname(layout.nodePath), 'LICENSE'));
  else log(`prepare-runtime: no LICENSE beside ${process.execPath}; the installer ships Node without its licence file`);

  // Desktop Commander's closure, each package without its nested node_modules (those are entries of their own).
  const mcpDir = join(out, DC_PACKAGE_SEGMENTS[0]);
  const nodes = desktopCommanderClosure(root);
  for (const node of nodes) {
    const source = node.realpath;
    const nested = join(source, 'node_modules');
    cpSync(source, destinationOf(mcpDir, node.location), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (path) => path !== nested,
    });
  }
  if (!existsSync(layout.desktopCommanderEntry)) {
    throw new Error(`Desktop Commander's entry is missing from the copy: ${layout.desktopCommanderEntry}`);
  }
  const dcPackage = JSON.parse(readFileSync(join(mcpDir, 'node_modules', ...DC_NAME.split('/'), 'package.json'), 'utf8')) as { version: string };
  const manifest: RuntimeManifest = {
    node: { version: process.versions.node, platform: process.platform, arch: process.arch, path: relative(out, layout.nodePath).split(sep).join('/') },
    desktopCommander: { version: dcPackage.version, entry: relative(out, layout.desktopCommanderEntry).split(sep).join('/') },
    packages: nodes.length,
    bytes: treeSize(out),
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`prepare-runtime: Node ${process.version} (${process.platform}-${process.arch}) and Desktop Commander `
    + `${dcPackage.version} with ${nodes.length} packages, ${(manifest.bytes / 1e6).toFixed(0)} MB, in ${out}`);
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const projectDir = resolve(import.meta.dirname, '../..');
  try {
    prepareRuntime({ projectDir, runtimeDir: resolve(process.argv[2] ?? join(projectDir, 'build', 'runtime')) });
  } catch (error) {
    console.error(`prepare-runtime: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

// Where the packaged app finds the Node helper and the Desktop Commander copy that `npm run dist` ships outside
// app.asar (tools/dist/prepare-runtime.ts writes this layout, electron-builder.yml copies it to
// <resources>/runtime). Pure: no `electron` import, so the dist tool and Node tests use the same layout.
import { join as joinHere, posix, win32 } from 'node:path';
import type { BundledServerRuntime } from '../core/index.ts';

/** The folder under the app's resources (process.resourcesPath) that holds the runtime. */
export const RUNTIME_DIR = 'runtime';

/** Desktop Commander's package folder, relative to the runtime folder (a node_modules tree of its own). */
export const DC_PACKAGE_SEGMENTS = ['mcp', 'node_modules', '@wonderwhy-er', 'desktop-commander'] as const;

/** Desktop Commander's entry, relative to its package folder (dc-server.ts resolves the same file under Node). */
export const DC_ENTRY_SEGMENTS = ['dist', 'index.js'] as const;

/** The Node helper's file name on a platform. */
export function nodeBinaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'node.exe' : 'node';
}

/** The paths inside a runtime folder (build/runtime while packaging, <resources>/runtime when installed). */
export function runtimeLayout(runtimeDir: string, platform: NodeJS.Platform): Required<BundledServerRuntime> {
  const { join } = platform === 'win32' ? win32 : posix;
  return {
    nodePath: join(runtimeDir, 'node', nodeBinaryName(platform)),
    desktopCommanderEntry: join(runtimeDir, ...DC_PACKAGE_SEGMENTS, ...DC_ENTRY_SEGMENTS),
  };
}

/**
 * What the main process passes as createCore's `bundledServers` when packaged:
 * `bundledServerPaths(process.resourcesPath, process.platform)`.
 */
export function bundledServerPaths(resourcesPath: string, platform: NodeJS.Platform): Required<BundledServerRuntime> {
  const { join } = platform === 'win32' ? win32 : posix;
  return runtimeLayout(join(resourcesPath, RUNTIME_DIR), platform);
}

/** The stock skills, under the app's resources folder (appPaths' resourcesDir): electron-builder.yml copies
 * resources/skills there; unpacked, it is the repository's folder. The core's default (next to its sources)
 * does not hold once the core is bundled into out/main. */
export const stockSkillsPath = (resourcesDir: string): string => joinHere(resourcesDir, 'skills');

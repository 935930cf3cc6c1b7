import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the desktop app finds its own files. Packaged: the build inside app.asar, the migrations unpacked
 * beside it (the db-worker thread reads them as real files), tray icons and the bundled-server runtime in
 * the resources folder. Unpacked (`electron-vite preview`, tests): the repository.
 */
export function appPaths(input: { mainDir: string; appPath: string; resourcesPath: string; packaged: boolean }) {
  return {
    rendererDir: join(input.mainDir, '../renderer'),
    preload: join(input.mainDir, '../preload/index.cjs'),
    dbWorker: pathToFileURL(join(input.mainDir, 'db-worker.js')),
    laneWorker: pathToFileURL(join(input.mainDir, 'lane-worker.js')),
    migrationsDir: join(input.appPath.replace(/app\.asar$/, 'app.asar.unpacked'), 'migrations'),
    resourcesDir: input.packaged ? input.resourcesPath : join(input.appPath, 'resources'),
  };
}

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // The worker-thread entries are separate inputs so they land next to index.js as
        // out/main/db-worker.js and out/main/lane-worker.js (the main passes their URLs to the core).
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'db-worker': resolve(root, 'electron/core/db/db-worker.ts'),
          'lane-worker': resolve(root, 'electron/core/lanes/lane-worker.ts'),
        },
        // PGlite finds pglite.wasm/pglite.data with new URL(..., import.meta.url): bundling it would
        // break those URLs. pg is a CJS driver with optional native bits. Both stay in node_modules.
        external: ['@electric-sql/pglite', /^@electric-sql\/pglite\//, 'pg', /^pg\//],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload is a plain script with only `electron`'s renderer modules: bundle
      // everything (no externalized deps) and emit CommonJS, since sandboxed preloads cannot be ESM.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    build: {
      // electron-vite leaves the renderer unminified: 1.19 MB of JS, loaded on every start of the page.
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});

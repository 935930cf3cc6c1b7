// Boundary rules from the architecture notes' boundary table, checked on resolved
// paths, so dynamic import('electron') and `import type` count too. Run: npm run lint.

// The `electron` npm package: resolved (…node_modules/electron/…, also through a symlinked or hoisted
// node_modules), or unresolved / a subpath ('electron', 'electron/main'), or via
// process.getBuiltinModule('electron'). Anchored so it never matches our own electron/ folder,
// whose modules are files such as electron/main/index.ts.
const ELECTRON_PKG = '((^|/)node_modules/electron/|^electron$|^electron/(main|common|renderer|utility)$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'electron-only-in-main-and-preload',
      comment: 'Only the Electron shell (electron/main, electron/preload) may load `electron`; the core, CLI, headless shell, shared/, renderer/ and tests run under plain Node or a browser.',
      severity: 'error',
      from: { pathNot: '^electron/(main|preload)/' },
      to: { path: ELECTRON_PKG },
    },
    {
      name: 'shared-imports-only-zod-and-itself',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: '^shared/|(^|/)node_modules/zod/' },
    },
    {
      name: 'core-not-to-shells-or-renderer',
      comment: 'The core is plain Node: the shells depend on it, never the other way.',
      severity: 'error',
      from: { path: '^electron/core/' },
      to: { path: '^(electron/(main|preload|cli|headless)/|renderer/)' },
    },
    {
      name: 'renderer-not-to-electron-folder',
      comment: 'The renderer talks to the Node side only through the preload object / transports; type-only imports count.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/' },
    },
    {
      name: 'renderer-and-shared-not-to-node-builtins',
      severity: 'error',
      from: { path: '^(renderer|shared)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shells-use-core-index-only',
      comment: 'Shells reach the core only through electron/core/index.ts (createCore), never its internals.',
      severity: 'error',
      from: { path: '^electron/(main|cli|headless)/' },
      to: { path: '^electron/core/', pathNot: '^electron/core/index\\.ts$' },
    },
    {
      name: 'shells-not-to-each-other-or-renderer',
      severity: 'error',
      from: { path: '^electron/(main|cli|headless)/' },
      to: { path: '^(electron/(main|cli|headless|preload)/|renderer/)', pathNot: '^electron/$1/' },
    },
    {
      name: 'web-is-shell-neutral',
      comment: 'electron/web serves the built renderer for both the headless server and the desktop app:// protocol: plain Node, so neither `electron`, the core nor any shell.',
      severity: 'error',
      from: { path: '^electron/web/' },
      to: { path: `^(electron/(core|main|preload|cli|headless)/|renderer/)|${ELECTRON_PKG}` },
    },
    {
      name: 'preload-only-electron-and-shared',
      severity: 'error',
      from: { path: '^electron/preload/' },
      to: { pathNot: `^(electron/preload|shared)/|${ELECTRON_PKG}` },
    },
    {
      name: 'no-circular-in-node-side-and-shared',
      severity: 'error',
      from: { path: '^(electron|shared)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve would otherwise escape the path rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: ELECTRON_PKG },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    // Keep `import type` edges: a type-only import of electron/** from the renderer is a violation.
    tsPreCompilationDeps: true,
    detectProcessBuiltinModuleCalls: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};

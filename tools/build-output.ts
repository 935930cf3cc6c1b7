/** The files `npm run build` (electron-vite) must have written: what packaging and the security scan need. */
export const BUILD_ENTRIES = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** out/renderer, which `npm run build` makes (npm test builds first): its absence is a failure, not a skip. */
export function builtRendererDir(): string {
  const dir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
  if (!existsSync(`${dir}/index.html`)) throw new Error(`${dir}/index.html does not exist: run \`npm run build\` first`);
  return dir;
}

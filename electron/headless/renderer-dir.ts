import { loadRendererSite, RendererSiteError, type RendererSite } from '../web/renderer-site.ts';
import { HeadlessError } from './loopback.ts';

/** The built renderer to serve, or a HeadlessError that says how to build it. */
export function loadRenderer(dir: string): RendererSite {
  try {
    return loadRendererSite(dir);
  } catch (error) {
    if (!(error instanceof RendererSiteError)) throw error;
    throw new HeadlessError(error.reason === 'not-built'
      ? `${error.message}: run \`npm run build\` (or \`npm run serve\`, which builds first)`
      : error.message);
  }
}

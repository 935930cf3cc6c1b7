import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { HeadlessError } from './loopback.ts';

export interface RendererSite {
  /** The real path of the built renderer: every served file must resolve inside it. */
  root: string;
  /** The Content-Security-Policy sent as a header with every response. */
  csp: string;
}

const CSP_META = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/i;
const CONTENT = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

/**
 * The built renderer and its policy. The policy is read from index.html's own meta tag, so the header can
 * never drift from what the desktop app enforces; the header adds `frame-ancestors`, which a meta tag cannot
 * carry, so no other page can frame the UI.
 */
export function loadRenderer(dir: string): RendererSite {
  let html: string;
  try {
    html = readFileSync(join(dir, 'index.html'), 'utf8');
  } catch {
    throw new HeadlessError(`the renderer is not built (no ${join(dir, 'index.html')}): run \`npm run build\` ` +
      '(or `npm run serve`, which builds first)');
  }
  const meta = CSP_META.exec(html)?.[0];
  const policy = meta ? CONTENT.exec(meta) : null;
  const csp = policy ? (policy[1] ?? policy[2] ?? '').trim() : '';
  if (!csp) throw new HeadlessError(`${join(dir, 'index.html')} has no Content-Security-Policy meta tag: refusing to serve it`);
  return { root: realpathSync(dir), csp: `${csp.replace(/;\s*$/, '')}; frame-ancestors 'none'` };
}

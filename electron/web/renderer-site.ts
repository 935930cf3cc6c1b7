import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { headerPolicy, policyFromHtml } from './content-security-policy.ts';

export interface RendererSite {
  /** The real path of the built renderer: every served file must resolve inside it. */
  root: string;
  /** The Content-Security-Policy header sent with every response. */
  csp: string;
}

/** Why a renderer folder cannot be served; each shell words the remedy its own way. */
export class RendererSiteError extends Error {
  override readonly name = 'RendererSiteError';
  readonly reason: 'not-built' | 'no-policy';
  constructor(reason: 'not-built' | 'no-policy', indexFile: string) {
    super(reason === 'not-built' ? `the renderer is not built (no ${indexFile})`
      : `${indexFile} has no Content-Security-Policy meta tag: refusing to serve it`);
    this.reason = reason;
  }
}

/** The built renderer and its policy, read once at start: a page without a policy is never served. */
export function loadRendererSite(dir: string): RendererSite {
  const indexFile = join(dir, 'index.html');
  let html: string;
  try {
    html = readFileSync(indexFile, 'utf8');
  } catch {
    throw new RendererSiteError('not-built', indexFile);
  }
  const policy = policyFromHtml(html);
  if (!policy) throw new RendererSiteError('no-policy', indexFile);
  return { root: realpathSync(dir), csp: headerPolicy(policy) };
}

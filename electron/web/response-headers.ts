import { resolve } from 'node:path';
import { contentType } from './content-types.ts';
import type { RendererFile } from './renderer-files.ts';
import type { RendererSite } from './renderer-site.ts';

/**
 * Sent with every answer, errors included. No Referer: `opsroom serve`'s token travels in the page URL (the
 * desktop page has none, and has no reason to send one either).
 */
export const securityHeaders = (site: RendererSite): Record<string, string> => ({
  'Content-Security-Policy': site.csp,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});

export const textHeaders = (site: RendererSite): Record<string, string> => ({
  ...securityHeaders(site),
  'Content-Type': 'text/plain; charset=utf-8',
  'Cache-Control': 'no-store',
});

export const fileHeaders = (site: RendererSite, file: RendererFile): Record<string, string> => ({
  ...securityHeaders(site),
  'Content-Type': contentType(file.path),
  'Content-Length': String(file.size),
  // index.html names the current bundle's hashed assets: always fetch it fresh; the assets never change.
  'Cache-Control': file.path === resolve(site.root, 'index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
});

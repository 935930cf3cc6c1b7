import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RendererSite } from './renderer-dir.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Sent with every answer. The token travels in the page URL, so no Referer may carry it anywhere. */
export const securityHeaders = (site: RendererSite): OutgoingHttpHeaders => ({
  'Content-Security-Policy': site.csp,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});

export function sendText(res: ServerResponse, site: RendererSite, status: number, text: string, extra: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { ...securityHeaders(site), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(text + '\n');
}

/** GET/HEAD of the built renderer: `/` is index.html; nothing outside the renderer folder, symlinks included. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, site: RendererSite): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, site, 405, 'only GET and HEAD', { Allow: 'GET, HEAD' });
  const file = await resolveFile(req.url ?? '/', site.root);
  if (file === 'bad') return sendText(res, site, 400, 'bad path');
  // Browsers ask for /favicon.ico on their own; without one, "no content" instead of a 404 in the console.
  if (!file && new URL(req.url ?? '/', 'http://localhost').pathname === '/favicon.ico') return void res.writeHead(204, securityHeaders(site)).end();
  if (!file) return sendText(res, site, 404, 'not found');
  const isIndex = file.path === resolve(site.root, 'index.html');
  res.writeHead(200, {
    ...securityHeaders(site),
    'Content-Type': TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': file.size,
    // index.html names the current bundle's hashed assets: always fetch it fresh; the assets never change.
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') return void res.end();
  await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
}

async function resolveFile(url: string, root: string): Promise<{ path: string; size: number } | 'bad' | null> {
  let pathname: string;
  try {
    // URL parsing removes dot segments (also %2e%2e); decoding afterwards can still yield "../" from "%2f",
    // which the containment checks below catch.
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return 'bad';
  }
  if (pathname.includes('\0')) return 'bad';
  const wanted = resolve(root, pathname === '/' ? 'index.html' : `.${pathname}`);
  if (!inside(wanted, root)) return null;
  try {
    const real = await realpath(wanted);
    const info = await stat(real);
    return inside(real, root) && info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

const inside = (path: string, root: string) => path.startsWith(root + sep);

import { createReadStream } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { findRendererFile } from '../web/renderer-files.ts';
import type { RendererSite } from '../web/renderer-site.ts';
import { fileHeaders, securityHeaders, textHeaders } from '../web/response-headers.ts';

export function sendText(res: ServerResponse, site: RendererSite, status: number, text: string, extra: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { ...textHeaders(site), ...extra });
  res.end(text + '\n');
}

/** GET/HEAD of the built renderer: `/` is index.html; nothing outside the renderer folder, symlinks included. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, site: RendererSite): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, site, 405, 'only GET and HEAD', { Allow: 'GET, HEAD' });
  const pathname = URL.parse(req.url ?? '/', 'http://localhost')?.pathname;
  const file = pathname === undefined ? 'bad' : await findRendererFile(pathname, site.root);
  if (file === 'bad') return sendText(res, site, 400, 'bad path');
  // Browsers ask for /favicon.ico on their own; without one, "no content" instead of a 404 in the console.
  if (!file && pathname === '/favicon.ico') return void res.writeHead(204, securityHeaders(site)).end();
  if (!file) return sendText(res, site, 404, 'not found');
  res.writeHead(200, fileHeaders(site, file));
  if (req.method === 'HEAD') return void res.end();
  await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
}

import { readFile } from 'node:fs/promises';
import type { RendererSite } from '../../web/renderer-site.ts';
import { textHeaders } from '../../web/response-headers.ts';
import { resolveAppRequest } from './app-protocol.ts';

const ERROR_TEXT = { 400: 'bad path', 404: 'not found' } as const;

/**
 * The handler for protocol.handle('app', …), in web Request/Response terms (Node has them too, so it is
 * tested without Electron). The renderer only ever reads: anything but GET and HEAD is refused.
 */
export function appProtocolHandler(site: RendererSite): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('only GET and HEAD\n', { status: 405, headers: { ...textHeaders(site), Allow: 'GET, HEAD' } });
    }
    const answer = await resolveAppRequest(request.url, site);
    const body = answer.status === 200 ? await readFile(answer.filePath) : `${ERROR_TEXT[answer.status]}\n`;
    return new Response(request.method === 'HEAD' ? null : body, { status: answer.status, headers: answer.headers });
  };
}

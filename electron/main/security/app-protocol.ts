import type { CustomScheme } from 'electron';
import { findRendererFile } from '../../web/renderer-files.ts';
import type { RendererSite } from '../../web/renderer-site.ts';
import { fileHeaders, textHeaders } from '../../web/response-headers.ts';

/**
 * The renderer is served from its own origin, app://opsroom, not file://: a file:// page could read any other
 * local file a link or a bug pointed it at, and shares its origin with all of them.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'opsroom';
/** What the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged, before `ready`. standard: real origins and relative URLs; secure:
 * a secure context (the async clipboard needs one); supportFetchAPI: module scripts and fetch; codeCache: V8
 * keeps the compiled bundle between starts. No bypassCSP (the policy applies in full) and no corsEnabled,
 * which would let pages of other origins read responses of this scheme: the app only loads its own files.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** The app's own origin, as Chromium writes it: no user, password or port. */
export const isAppUrl = (url: URL): boolean =>
  url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';

/** The policy, nosniff and no-referrer on every answer; a file's type and length with it. */
export type AppResponse =
  | { status: 200; filePath: string; headers: Record<string, string> }
  | { status: 400 | 404; headers: Record<string, string> };

/** What the app:// handler answers for a URL: a file of the built renderer, or an error, never anything else. */
export async function resolveAppRequest(url: string, site: RendererSite): Promise<AppResponse> {
  const parsed = URL.parse(url);
  if (!parsed || !isAppUrl(parsed)) return { status: 404, headers: textHeaders(site) };
  const file = await findRendererFile(parsed.pathname, site.root);
  if (file === 'bad') return { status: 400, headers: textHeaders(site) };
  if (!file) return { status: 404, headers: textHeaders(site) };
  return { status: 200, filePath: file.path, headers: fileHeaders(site, file) };
}

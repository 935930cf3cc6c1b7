import { isAppUrl } from './security/app-protocol.ts';

/**
 * Which page may call the Node side: the app's own renderer, in the top frame. Plain data in, a yes or no
 * out (no `electron` import), so the rule is testable under Node.
 */
export interface AppPage {
  /** The dev server's origin under `electron-vite dev`; absent in a packaged app. */
  devOrigin?: string;
}

/** A URL of the app's origin (app://opsroom, which serves only the built renderer), or of the dev server. */
export function isAppPage(frameUrl: string, page: AppPage): boolean {
  const url = URL.parse(frameUrl);
  if (!url) return false;
  return isAppUrl(url) || (page.devOrigin !== undefined && url.origin === page.devOrigin);
}

/** The id to answer a refused request with: its own when it has one. */
export function requestId(request: unknown): number | null {
  const id = (request as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}

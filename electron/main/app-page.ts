/**
 * Which page may call the Node side: the app's own renderer, in the top frame. Plain data in, a yes or no
 * out (no `electron` import), so the rule is testable under Node.
 */
export interface AppPage {
  /** file:// URL of the built renderer's index.html. */
  entryFile: string;
  /** The dev server's origin under `electron-vite dev`; absent in a packaged app. */
  devOrigin?: string;
}

export function isAppPage(frameUrl: string, page: AppPage): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    // That one file (its query and hash are the UI's state); any other local file a frame might reach is not it.
    const entry = new URL(page.entryFile);
    return url.host === entry.host && url.pathname === entry.pathname;
  }
  return page.devOrigin !== undefined && url.origin === page.devOrigin;
}

/** The id to answer a refused request with: its own when it has one. */
export function requestId(request: unknown): number | null {
  const id = (request as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}

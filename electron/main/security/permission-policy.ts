import { isAppPage, type AppPage } from '../app-page.ts';

/**
 * What the UI uses, and why: the Copy buttons (log, proofs) call navigator.clipboard.writeText, which Electron
 * asks for as 'clipboard-sanitized-write'. Nothing else: no camera, notifications, clipboard reading,
 * geolocation, devices, or 'openExternal' (links leave through the navigation policy instead).
 */
const NEEDED: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * For setPermissionRequestHandler and setPermissionCheckHandler: yes only for a permission the UI needs,
 * asked by the app's own page. `requestingUrl` may be a page URL or an origin (the check handler's).
 */
export const permissionDecision = (permission: string, requestingUrl: string, page: AppPage): boolean =>
  NEEDED.has(permission) && isAppPage(requestingUrl, page);

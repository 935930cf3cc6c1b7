/**
 * Hosts whose https links open in the system browser: github.com, where the project, its issues and its
 * releases live. The UI links to nothing else today; add a host here only together with a link that needs it.
 * Exact host names: no subdomains (gist.github.com, user content) and no look-alikes (github.com.example).
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(['github.com']);

/** Longer than any link the UI makes; some system browsers' command lines truncate past this. */
const MAX_URL_LENGTH = 2048;

export type NavigationDecision = 'deny' | { openExternal: string };

/**
 * For will-navigate and setWindowOpenHandler: the window itself never loads another page (the app's routes
 * are hash changes, which are no navigation at all), so the answer is always "not here"; an https link to an
 * allowed host is handed to the system browser, as the normalised URL that was checked. Everything else is
 * dropped: other schemes (file:, javascript:, smb:, custom protocols that start programs), http:, a user or
 * password (a classic way to disguise the real host), a port, other hosts.
 */
export function navigationDecision(url: string): NavigationDecision {
  if (url.length > MAX_URL_LENGTH) return 'deny';
  const parsed = URL.parse(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return 'deny';
  return EXTERNAL_HOSTS.has(parsed.hostname) ? { openExternal: parsed.href } : 'deny';
}

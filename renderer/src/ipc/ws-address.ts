/** Where the socket is, from the page's address: same host, `/ws`, the page's `?token=`. */
export function socketAddresses(pageUrl: string): { socket: string; probe: string; token: string | null } {
  const page = new URL(pageUrl);
  const token = page.searchParams.get('token');
  const probe = new URL('/ws', page);
  if (token) probe.searchParams.set('token', token);
  const socket = new URL(probe);
  socket.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return { socket: socket.href, probe: probe.href, token };
}

/**
 * Why the server refused the socket, or null when it did not (or cannot be reached, so retrying makes sense).
 * A browser reports a refused upgrade only as a close with code 1006, the same as a server that is down; the
 * server answers a plain GET of the same address with the same checks and a readable status instead.
 */
export async function whyRefused(probeUrl: string): Promise<string | null> {
  try {
    const response = await fetch(probeUrl, { cache: 'no-store' });
    if (response.status !== 401 && response.status !== 403) return null;
    return (await response.text()).trim() || `refused by opsroom serve (HTTP ${response.status})`;
  } catch {
    return null;
  }
}

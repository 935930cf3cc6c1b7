/**
 * The app's routes live in the URL hash, so they work the same from `opsroom serve` (http://127.0.0.1:PORT/?token=…#/…)
 * and from Electron's app:// page, and navigating never touches `location.search` (the serve token).
 */
export type Route =
  | { name: 'board'; query: string }
  | { name: 'run'; id: number }
  | { name: 'servers' }
  | { name: 'schedules' }
  | { name: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const query = queryAt === -1 ? '' : raw.slice(queryAt + 1);
  if (path === '/' || path === '') return { name: 'board', query };
  if (path === '/servers') return { name: 'servers' };
  if (path === '/schedules') return { name: 'schedules' };
  const run = /^\/runs\/(\d{1,15})$/.exec(path);
  if (run) {
    const id = Number(run[1]);
    if (id > 0) return { name: 'run', id };
  }
  return { name: 'notFound', path };
}

export const boardHash = (query: string): string => (query ? `#/?${query}` : '#/');
export const runHash = (id: number): string => `#/runs/${id}`;
export const SERVERS_HASH = '#/servers';
export const SCHEDULES_HASH = '#/schedules';

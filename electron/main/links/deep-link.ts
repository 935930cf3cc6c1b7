import { MAX_BOARD_QUERY, type OpenTarget } from '../../../shared/ipc/events.ts';

/**
 * `opsroom://` links, registered with the OS (electron-builder `protocols`): any web page or chat message can
 * hold one, so they are untrusted input. Two actions, both of which only show something; a link never starts
 * a run, and never names a file (plan files come from the OS file association only, see launch-args.ts).
 *   opsroom://run/42, opsroom://run?id=42           → the run's page
 *   opsroom://board?status=failed&session=3          → the Runboard with that filter
 */
export const DEEP_LINK_SCHEME = 'opsroom';

/** Far more than any real link needs; the cap keeps a hostile one from costing anything. */
export const MAX_DEEP_LINK_LENGTH = 2048;

/**
 * The Runboard's URL filters (renderer/src/features/board/filter-url.ts). A key outside this list is refused
 * rather than dropped: a link with a misspelt filter would otherwise open a board that silently shows more
 * than its author meant. Values are the board's to parse (it drops what it cannot read).
 */
export const BOARD_FILTER_KEYS: readonly string[] = ['status', 'lane', 'session', 'q', 'since', 'until'];

/** Why a link was refused, in words a person can act on. */
export class DeepLinkError extends Error {
  override readonly name = 'DeepLinkError';
}

const RUN_ID = /^[1-9][0-9]{0,14}$/; // the run route's own limit: 15 digits, a safe integer
const EXAMPLES = 'opsroom://run/42 or opsroom://board?status=failed';

export function parseDeepLink(link: string): OpenTarget {
  if (link.length > MAX_DEEP_LINK_LENGTH) {
    throw new DeepLinkError(`the link is ${link.length} characters long: at most ${MAX_DEEP_LINK_LENGTH} are accepted`);
  }
  const url = URL.parse(link);
  if (!url) throw new DeepLinkError('not a valid URL');
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) throw new DeepLinkError(`not an ${DEEP_LINK_SCHEME}:// link (it starts with "${url.protocol}")`);
  if (url.username || url.password) throw new DeepLinkError('a link with a user name or password is refused');
  if (url.port) throw new DeepLinkError('a link with a port is refused');
  if (!url.host) throw new DeepLinkError(`the link names no action: write it as ${EXAMPLES}`);
  if (url.hash) throw new DeepLinkError('a link with a #fragment is refused: remove everything from "#"');
  // Hosts of non-http schemes keep their case; some apps that pass links on upper-case them.
  const action = url.hostname.toLowerCase();
  if (action === 'run') return { kind: 'run', runId: runId(url) };
  if (action === 'board') return { kind: 'board', query: boardQuery(url) };
  if (action === 'plan') {
    throw new DeepLinkError('opsroom://plan links are refused: a link must not make the app read a file. ' +
      'Open the .opsplan.json file itself (double-click it, or pass it on the command line)');
  }
  throw new DeepLinkError(`unknown link action "${action}": links open a run or the Runboard, e.g. ${EXAMPLES}`);
}

function runId(url: URL): number {
  const fromPath = url.pathname.replace(/^\/|\/$/g, '');
  const params = [...url.searchParams.keys()];
  const unknown = params.find((key) => key !== 'id');
  if (unknown !== undefined) throw new DeepLinkError(`opsroom://run takes no "${unknown}" parameter (only id)`);
  const fromQuery = url.searchParams.getAll('id');
  if (fromQuery.length + (fromPath ? 1 : 0) > 1) throw new DeepLinkError('the run id is given more than once: write opsroom://run/42');
  const id = fromPath || fromQuery[0];
  if (!id) throw new DeepLinkError('the link names no run: write opsroom://run/42');
  if (!RUN_ID.test(id)) throw new DeepLinkError(`"${id.slice(0, 40)}" is not a run id (a whole number from 1, as in opsroom://run/42)`);
  return Number(id);
}

function boardQuery(url: URL): string {
  if (url.pathname !== '' && url.pathname !== '/') throw new DeepLinkError('opsroom://board takes its filter as a query: opsroom://board?status=failed');
  const seen = new Set<string>();
  for (const key of url.searchParams.keys()) {
    if (!BOARD_FILTER_KEYS.includes(key)) {
      throw new DeepLinkError(`unknown board filter "${key.slice(0, 40)}": the filters are ${BOARD_FILTER_KEYS.join(', ')}`);
    }
    if (seen.has(key)) throw new DeepLinkError(`the board filter "${key}" is given twice: list several values once, as status=failed,running`);
    seen.add(key);
  }
  // Re-encoded, so the board gets a well-formed query whatever the link's own encoding was.
  const query = url.searchParams.toString();
  if (query.length > MAX_BOARD_QUERY) throw new DeepLinkError('the board filter is too long');
  return query;
}

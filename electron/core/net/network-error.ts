import { networkInterfaces } from 'node:os';

/** A failed request as a person reads it, with what it rests on kept for the evidence. */
export interface NetworkFailure {
  message: string;
  /** The system's code (ENOTFOUND, ECONNREFUSED…), or null when there was none. */
  code: string | null;
  /** Most likely no network at all here (not a problem of the one host): said first, as "offline:". */
  offline: boolean;
  /** The underlying error's own text, unchanged. */
  cause: string;
}

/** Codes that mean this machine cannot reach the network, not that the host said no. */
const UNREACHABLE = new Set(['ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'EHOSTDOWN']);

/** Only loopback: no interface could carry a packet off this machine (an unplugged cable, a network namespace). */
export const hasNoNetwork = (): boolean =>
  Object.values(networkInterfaces()).every((addresses) => (addresses ?? []).every((a) => a.internal));

type ErrorWithCode = Error & { code?: string; cause?: unknown; errors?: unknown[] };

/** fetch says only "fetch failed"; the code is on its cause, or on one of the cause's errors when several
 * addresses were tried (Happy Eyeballs) — prefer one that says the network is unreachable. */
function rootCause(error: unknown): { code: string | null; text: string } {
  const outer = error as ErrorWithCode;
  const cause = outer.cause instanceof Error ? (outer.cause as ErrorWithCode) : outer;
  const nested = (cause.errors ?? []).filter((e): e is ErrorWithCode => e instanceof Error);
  const coded = [cause, ...nested].filter((e) => typeof e.code === 'string');
  const pick = coded.find((e) => UNREACHABLE.has(e.code!)) ?? coded[0];
  return { code: pick?.code ?? null, text: (pick ?? cause).message || String(error) };
}

/** Says why a connection to `url` failed: offline (DNS silent, network unreachable, no connect within the
 * deadline) apart from the host's own refusals, so a verifier run without a network says so instead of a
 * bare "fetch failed". */
export function describeNetworkError(error: unknown, url: URL): NetworkFailure {
  const { code, text } = rootCause(error);
  const host = url.host;
  const noNetwork = hasNoNetwork();
  const failure = (message: string, offline: boolean): NetworkFailure => ({ message, code, offline, cause: text });
  if (code === 'EAI_AGAIN' || (code === 'ENOTFOUND' && noNetwork)) {
    return failure(`offline: cannot resolve host ${url.hostname} (${code}: no name server answered; no network?)`, true);
  }
  if (code === 'ENOTFOUND') return failure(`cannot resolve host ${url.hostname} (ENOTFOUND: no such host, or no network?)`, false);
  if (code && UNREACHABLE.has(code)) {
    return failure(`offline: ${code === 'ENETUNREACH' || code === 'ENETDOWN' ? 'network' : 'host'} unreachable connecting to ` +
      `${host} (${code}: no network?)`, true);
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return failure(`offline: no connection to ${host} (${text}; no network?)`, true);
  if (code === 'ECONNREFUSED') return failure(`connection refused by ${host} (ECONNREFUSED: nothing listens there)`, false);
  if (code && noNetwork) return failure(`offline: ${text} (this machine has no network)`, true);
  return failure(error instanceof Error && error.message !== text ? `${error.message}: ${text}` : text, false);
}

/** The connect deadline (connect-deadline.ts) passed: no socket within `ms`. */
export function connectTimedOut(url: URL, ms: number): NetworkFailure {
  return {
    message: `offline: no connection to ${url.host} within ${ms} ms (no network, or a firewall drops it?)`,
    code: 'ETIMEDOUT', offline: true, cause: `connect timeout after ${ms} ms`,
  };
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from '../../ipc/index.ts';

/** Not in data/keys.ts: only this feature reads it. */
export const RETENTION_KEY = ['retention'] as const;

/** The policy (global and per session) and the newest purge; each change refetches it. */
export function useRetention() {
  const queryClient = useQueryClient();
  const policy = useQuery({ queryKey: RETENTION_KEY, queryFn: () => client.call('retention.get', {}) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: RETENTION_KEY });
  const setPolicy = useMutation({
    mutationFn: (change: { runsDays: number | null; proofsDays: number | null }) => client.call('retention.set', change),
    onSuccess: refresh,
  });
  const setSession = useMutation({
    mutationFn: (change: { sessionId: number; days: number | null }) => client.call('retention.setSession', change),
    onSuccess: refresh,
  });
  const purge = useMutation({
    mutationFn: (dryRun: boolean) => client.call('retention.purge', { dryRun }),
    // A real purge removed runs: every list of runs may have changed.
    onSuccess: (report) => Promise.all([refresh(), report.dryRun ? null : queryClient.invalidateQueries({ queryKey: ['runs'] })]),
  });
  return { policy, setPolicy, setSession, purge };
}

/** A days field's text: "" keeps forever (or follows the global period); else a whole number of days. */
export function parseDays(text: string): { ok: true; days: number | null } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, days: null };
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 36_500) {
    return { ok: false, error: 'a whole number of days from 1 to 36500, or empty' };
  }
  return { ok: true, days: Number(trimmed) };
}

export const daysText = (days: number | null): string => (days === null ? '' : String(days));

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { NewSchedule } from '../../../../shared/domain/schedule.ts';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

/**
 * The schedule list. Two things change it without a `changed` push: a run's status (a schedule's last outcome
 * is its newest run's status), and time itself (the next fire times move once the first has passed). So,
 * while the page is open, status events refetch it, and a timer refetches it just after the earliest next fire.
 */
export function useSchedules() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: keys.schedules, queryFn: () => client.call('schedules.list', {}) });
  const refetch = useMemo(() => () => void queryClient.invalidateQueries({ queryKey: keys.schedules }), [queryClient]);
  useEffect(() => client.on('run.events', ({ events }) => {
    if (events.some((event) => event.kind === 'status')) refetch();
  }), [refetch]);
  const earliest = query.data?.schedules
    .filter((s) => !s.paused && s.nextFires[0])
    .reduce<number | null>((min, s) => Math.min(min ?? Infinity, s.nextFires[0]!.getTime()), null) ?? null;
  useEffect(() => {
    if (earliest === null) return;
    const timer = window.setTimeout(refetch, Math.max(earliest - Date.now() + 500, 1000));
    return () => window.clearTimeout(timer);
  }, [earliest, refetch]);
  return query;
}

/** Each change refetches the list at once (other windows hear of it through the `changed` push). */
export function useScheduleActions() {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const then = async <T,>(call: Promise<T>): Promise<T> => {
      try {
        return await call;
      } finally {
        await queryClient.invalidateQueries({ queryKey: keys.schedules });
      }
    };
    return {
      add: (input: NewSchedule) => then(client.call('schedules.add', input)),
      pause: (name: string) => then(client.call('schedules.pause', { name })),
      resume: (name: string) => then(client.call('schedules.resume', { name })),
      remove: (name: string) => then(client.call('schedules.remove', { name })),
      pauseAll: () => then(client.call('schedules.pauseAll', {})),
      resumeAll: () => then(client.call('schedules.resumeAll', {})),
    };
  }, [queryClient]);
}

/** The value once it has stopped changing for `ms`: the preview asks once per pause in typing, not per key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The add form's live preview: the core's own parse (croner), so the form and `schedules add` agree. */
export function useCronPreview(cron: string, timezone: string) {
  const settled = useSettled(`${cron}\u0000${timezone}`, 250);
  const [settledCron = '', settledZone = ''] = settled.split('\u0000');
  return useQuery({
    queryKey: ['schedules.preview', settledCron, settledZone],
    queryFn: () => client.call('schedules.preview', { cron: settledCron, timezone: settledZone || undefined }),
    enabled: settledCron.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

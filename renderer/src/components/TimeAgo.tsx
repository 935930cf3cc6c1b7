import { formatRelative, formatTimestamp } from '../data/format.ts';
import { useNow } from './use-now.ts';

/** "5 min ago", with the full local time on hover and in the markup. */
export function TimeAgo({ date, className }: { date: Date; className?: string }) {
  const now = useNow(30_000);
  return (
    <time className={className} dateTime={date.toISOString()} title={formatTimestamp(date)}>
      {formatRelative(date, new Date(now))}
    </time>
  );
}

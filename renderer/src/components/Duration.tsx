import { formatDuration } from '../data/format.ts';
import { useNow } from './use-now.ts';

/** How long something took, or has been going (ticking every second from the local clock while `end` is null). */
export function Duration({ start, end, className }: { start: Date; end: Date | null; className?: string }) {
  const now = useNow(1000, end === null);
  const ms = (end ?? new Date(now)).getTime() - start.getTime();
  return <span className={className}>{formatDuration(ms)}</span>;
}

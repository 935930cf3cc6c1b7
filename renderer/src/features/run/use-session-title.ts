import { useQuery } from '@tanstack/react-query';
import { keys } from '../../data/keys.ts';
import { client } from '../../ipc/index.ts';

/** The session's title for the header, from the same cached list the sidebar reads (archived ones included). */
export function useSessionTitle(sessionId: number | null): string | null {
  const sessions = useQuery({
    queryKey: keys.sessions(true),
    queryFn: () => client.call('sessions.list', { includeArchived: true }),
    enabled: sessionId !== null,
  });
  return sessions.data?.find((session) => session.id === sessionId)?.title ?? null;
}

import { useQuery } from '@tanstack/react-query';
import { client } from '../ipc/index.ts';
import { keys } from './keys.ts';

/**
 * The lists several screens read, each fetched once and shared through the cache. Archived sessions are
 * always fetched: the board names a run's session even when it is archived, and the sidebar filters them.
 */
export const useSessions = () =>
  useQuery({ queryKey: keys.sessions(true), queryFn: () => client.call('sessions.list', { includeArchived: true }) });

export const useLanes = () => useQuery({ queryKey: keys.lanes, queryFn: () => client.call('lanes.list', {}) });

export const usePlans = () => useQuery({ queryKey: keys.plans, queryFn: () => client.call('plans.list', {}) });

export const useRecentCommands = () =>
  useQuery({ queryKey: keys.commands, queryFn: () => client.call('commands.recent', { limit: 20 }) });

export const useMcpServers = () => useQuery({ queryKey: keys.mcp, queryFn: () => client.call('mcp.list', {}) });

/** The skills in use and the skill files that did not load; refetched when the skill folder changes. */
export const useSkills = () => useQuery({ queryKey: keys.skills, queryFn: () => client.call('skills.list', {}) });

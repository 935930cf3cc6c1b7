import type { MethodName } from '../../../shared/ipc/contract.ts';
import type { ChangedTopic } from '../../../shared/ipc/events.ts';

/**
 * The list each successful mutating call changes, pushed to every connection (the other windows refetch it).
 * Queued, retried and cancelled runs need none: their status events reach everyone anyway.
 */
export const CHANGED_TOPICS: Partial<Record<MethodName, ChangedTopic>> = {
  'sessions.create': 'sessions',
  'sessions.rename': 'sessions',
  'sessions.archive': 'sessions',
  'sessions.restore': 'sessions',
  'lanes.pause': 'lanes',
  'lanes.resume': 'lanes',
  'mcp.add': 'mcp',
  'mcp.remove': 'mcp',
  'mcp.setEnabled': 'mcp',
  'mcp.import': 'mcp',
  'mcp.test': 'mcp',
  'runs.runCommand': 'commands',
  'runs.runText': 'commands',
  'plans.setPinned': 'plans',
  // issue 8: schedules
  'schedules.add': 'schedules',
  'schedules.update': 'schedules',
  'schedules.pause': 'schedules',
  'schedules.resume': 'schedules',
  'schedules.remove': 'schedules',
  'schedules.pauseAll': 'schedules',
  'schedules.resumeAll': 'schedules',
};

import type { sessionMethods } from '../../../../shared/ipc/methods/sessions.ts';
import type { Core } from '../../core.ts';
import type { Handlers } from './types.ts';

export const sessionHandlers = (core: Core): Handlers<keyof typeof sessionMethods> => ({
  'sessions.list': async ({ includeArchived }) => {
    const sessions = await core.sessions.list({ includeArchived });
    const counts = await core.runs.countsBySession(sessions.map((s) => s.id));
    return sessions.map((session) => ({ ...session, counts: counts.get(session.id)! }));
  },
  'sessions.create': ({ title }) => core.sessions.create(title),
  'sessions.rename': ({ id, title }) => core.sessions.rename(id, title),
  'sessions.archive': ({ id }) => core.sessions.archive(id),
  'sessions.restore': ({ id }) => core.sessions.restore(id),
});

import { createCore } from '../../core/index.ts';
import { DATABASE_OPTIONS, UsageError, databaseOptions, parse, requireId } from '../args.ts';
import { json, table } from '../format.ts';

export const SESSIONS_HELP = `opsroom sessions [list] [--archived]   list sessions (with --archived, archived ones too)
opsroom sessions create TITLE           start a session
opsroom sessions archive ID             hide a session (its runs stay)
opsroom sessions restore ID             bring an archived session back
  --json                                machine-readable output`;

export async function sessionsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATABASE_OPTIONS, archived: { type: 'boolean' }, json: { type: 'boolean' } });
  if (values.help) return console.log(SESSIONS_HELP), 0;
  const [action = 'list', ...rest] = positionals;
  if (!['list', 'create', 'archive', 'restore'].includes(action)) {
    throw new UsageError(`unknown action "${action}" (list, create, archive, restore)`);
  }
  if (action === 'create' && rest.join(' ').trim() === '') throw new UsageError('give the session a title');
  const id = action === 'archive' || action === 'restore' ? requireId(rest[0], 'session id') : 0;
  const core = await createCore({ ...databaseOptions(values), runWorkers: false });
  try {
    if (action === 'list') {
      const sessions = await core.sessions.list({ includeArchived: values.archived });
      console.log(values.json ? json(sessions) : sessions.length === 0 ? 'no sessions yet: opsroom sessions create "title"'
        : table(['ID', 'CREATED', 'ARCHIVED', 'TITLE'], sessions.map((s) => [String(s.id), s.createdAt.toISOString().slice(0, 16),
          s.archivedAt ? s.archivedAt.toISOString().slice(0, 16) : '', s.title])));
      return 0;
    }
    const session = action === 'create' ? await core.sessions.create(rest.join(' '))
      : action === 'archive' ? await core.sessions.archive(id) : await core.sessions.restore(id);
    console.log(values.json ? json(session) : `session ${session.id} ${action === 'create' ? 'created' : `${action}d`}: ${session.title}`);
    return 0;
  } finally {
    await core.close();
  }
}

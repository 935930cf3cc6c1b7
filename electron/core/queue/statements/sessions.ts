import type { Session } from '../../../../shared/domain/run.ts';
import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';
import { SESSION_COLUMNS, sessionFromRow } from '../rows.ts';

function checkedTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw new CoreError('INVALID_INPUT', 'a session title is 1 to 200 characters');
  return trimmed;
}

export async function createSession(sql: Sql, title: string): Promise<Session> {
  const { rows } = await sql.query(`INSERT INTO sessions (title) VALUES ($1) RETURNING ${SESSION_COLUMNS}`, [checkedTitle(title)]);
  return sessionFromRow(rows[0]!);
}

export async function listSessions(sql: Sql, options: { includeArchived?: boolean }): Promise<Session[]> {
  const { rows } = await sql.query(`SELECT ${SESSION_COLUMNS} FROM sessions ${options.includeArchived ? '' : 'WHERE archived_at IS NULL'}
    ORDER BY id`);
  return rows.map(sessionFromRow);
}

export async function setSessionArchived(sql: Sql, id: number, archived: boolean): Promise<Session> {
  const { rows } = await sql.query(`UPDATE sessions
    SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) END WHERE id = $1 RETURNING ${SESSION_COLUMNS}`, [id, archived]);
  if (!rows[0]) throw new CoreError('UNKNOWN_SESSION', `there is no session ${id}`);
  return sessionFromRow(rows[0]);
}

export async function renameSession(sql: Sql, id: number, title: string): Promise<Session> {
  const { rows } = await sql.query(`UPDATE sessions SET title = $2 WHERE id = $1 RETURNING ${SESSION_COLUMNS}`,
    [id, checkedTitle(title)]);
  if (!rows[0]) throw new CoreError('UNKNOWN_SESSION', `there is no session ${id}`);
  return sessionFromRow(rows[0]);
}

import type { RecentCommand } from '../../../../shared/ipc/methods/plans.ts';
import type { Sql } from '../../db/sql.ts';

// Keyed by the text's sha256, computed here so both engines agree on it (see migration 0003).
const RECORD = `
INSERT INTO command_history (command_sha256, command) VALUES (encode(sha256(convert_to($1, 'UTF8')), 'hex'), $1)
ON CONFLICT (command_sha256) DO UPDATE SET uses = command_history.uses + 1, last_run_at = now()`;

/** Remembers a command typed in the command bar (one row per distinct text, with how often it ran). */
export async function recordCommand(sql: Sql, command: string): Promise<void> {
  await sql.query(RECORD, [command]);
}

export async function listRecentCommands(sql: Sql, limit: number): Promise<RecentCommand[]> {
  const { rows } = await sql.query<{ command: string; last_run_at: Date; uses: number }>(
    'SELECT command, last_run_at, uses FROM command_history ORDER BY last_run_at DESC, command_sha256 LIMIT $1', [limit]);
  return rows.map((row) => ({ command: row.command, lastRunAt: row.last_run_at, uses: row.uses }));
}

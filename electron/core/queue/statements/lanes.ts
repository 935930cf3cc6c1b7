import type { Lane } from '../../../../shared/domain/run.ts';
import { LaneNameSchema } from '../../../../shared/domain/run.ts';
import { CoreError } from '../../errors.ts';
import type { Sql } from '../../db/sql.ts';
import { laneFromRow } from '../rows.ts';

export async function ensureLanes(sql: Sql, names: string[]): Promise<Lane[]> {
  for (const name of names) {
    const parsed = LaneNameSchema.safeParse(name);
    if (!parsed.success) throw new CoreError('UNKNOWN_LANE', `invalid lane name "${name}": ${parsed.error.issues[0]?.message}`);
  }
  await sql.query('INSERT INTO lanes (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [names]);
  return listLanes(sql);
}

export async function listLanes(sql: Sql): Promise<Lane[]> {
  const { rows } = await sql.query('SELECT name, paused FROM lanes ORDER BY name');
  return rows.map(laneFromRow);
}

export async function setLanePaused(sql: Sql, name: string, paused: boolean): Promise<Lane> {
  const { rows } = await sql.query('UPDATE lanes SET paused = $2 WHERE name = $1 RETURNING name, paused', [name, paused]);
  if (!rows[0]) {
    const lanes = await listLanes(sql);
    throw new CoreError('UNKNOWN_LANE', `unknown lane "${name}" (lanes: ${lanes.map((l) => l.name).join(', ')})`);
  }
  return laneFromRow(rows[0]);
}

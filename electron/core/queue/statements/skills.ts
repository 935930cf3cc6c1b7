import type { Param } from '../../../../shared/ir/params.ts';
import type { Skill } from '../../../../shared/skills/skill-schema.ts';
import type { Sql } from '../../db/sql.ts';

/** A skill as the skills table holds it (migrations/0006_skills.sql). */
export interface SkillRow {
  name: string;
  version: string;
  title: string;
  description: string | null;
  tags: string[];
  params: Record<string, Param>;
  definition: Skill;
  source: 'stock' | 'user';
  path: string;
  contentHash: string;
}

// One statement: the rows of skills no longer in use are deleted, the others inserted or (when their file
// changed) rewritten. The two sets are disjoint, so the delete and the upsert never touch the same row.
const SYNC_SKILLS = `
WITH incoming AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
    name text, version text, title text, description text, tags jsonb, params jsonb, definition jsonb,
    source text, path text, "contentHash" text)
), gone AS (
  DELETE FROM skills WHERE name NOT IN (SELECT name FROM incoming)
)
INSERT INTO skills (name, version, title, description, tags, params, definition, source, path, content_hash)
SELECT name, version, title, description, ARRAY(SELECT jsonb_array_elements_text(tags)), params, definition,
       source, path, "contentHash"
FROM incoming
ON CONFLICT (name) DO UPDATE SET
  version = EXCLUDED.version, title = EXCLUDED.title, description = EXCLUDED.description, tags = EXCLUDED.tags,
  params = EXCLUDED.params, definition = EXCLUDED.definition, source = EXCLUDED.source, path = EXCLUDED.path,
  content_hash = EXCLUDED.content_hash, loaded_at = now()
WHERE (skills.content_hash, skills.source, skills.path) IS DISTINCT FROM (EXCLUDED.content_hash, EXCLUDED.source, EXCLUDED.path)`;

/** Makes the skills table hold exactly these skills. */
export async function syncSkills(sql: Sql, rows: SkillRow[]): Promise<void> {
  await sql.query(SYNC_SKILLS, [JSON.stringify(rows)]);
}

-- Issue 7: skills, the YAML files that expand to plans (resources/skills, and the user's <data dir>/skills).

-- 0001 reserved a skills table before skills had a format; nothing ever wrote it. It is replaced by one shaped
-- after the skill files (shared/skills/skill-schema.ts).
DROP TABLE skills;

-- The files are the truth: the core loads them at start and on every change of the user folder, and writes
-- this table to match (a row per skill in use, a user skill replacing the stock one of its name; the row of a
-- vanished file is deleted), so anything reading the database (another window's core, a report) sees the same
-- catalogue without parsing YAML. Keyed by name: the name is what a person types (/http-health).
CREATE TABLE skills (
  name         text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
  version      text NOT NULL CHECK (length(version) BETWEEN 1 AND 64),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description  text,
  tags         text[] NOT NULL DEFAULT '{}',
  -- The typed parameters (shared/ir/params.ts) apart from the definition: what a form needs, in one read.
  params       jsonb NOT NULL DEFAULT '{}',
  -- The whole skill as parsed (shared/skills/skill-schema.ts), checked when it was loaded.
  definition   jsonb NOT NULL,
  source       text NOT NULL CHECK (source IN ('stock', 'user')),
  path         text NOT NULL,
  -- sha256 of the file's text: a row is rewritten (and loaded_at moves) only when the file changed.
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  loaded_at    timestamptz NOT NULL DEFAULT now()
);

-- Issue 8: retention (old runs purged, their proofs kept longer if asked) and a history that stays fast at
-- 100,000 runs and 1,000,000 events. Figures are p50 on PGlite from `npm run bench` (part "history"; 2 shared
-- cores) or EXPLAIN ANALYZE with that many rows; tests/core/retention/history-plans.test.ts checks every plan
-- (board filters and log search) reads through an index, on PGlite and PostgreSQL 15. Together these add
-- nothing to a claim or a successful finish: WAL per claimed and finished run 1,306 bytes with them, 1,340
-- without; runs/s within the machine's noise (-10% to +5% over bench rounds, -2% in a 4-round measurement).

-- How long a session's runs are kept, in days; NULL: the global policy (<data dir>/settings.json) applies.
ALTER TABLE sessions ADD COLUMN retention_days integer CHECK (retention_days BETWEEN 1 AND 36500);

-- Set when retention removed a run's log (its events, step outputs, and the artifacts no proof points at) and
-- kept the run with its proofs, because proofs are kept longer than runs. Not in RUN_COLUMNS: only the purge
-- reads it.
ALTER TABLE runs ADD COLUMN trimmed_at timestamptz;

-- Every purge, with what it removed: the daily purge of a long-lived core reads the newest one to know when
-- the next is due (the desktop app is often closed before a day is over), and `opsroom retention show` lists it.
CREATE TABLE retention_purges (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  report      jsonb NOT NULL CHECK (jsonb_typeof(report) = 'object')
);

-- The words of a text as the search indexes hold them: PostgreSQL's built-in full text search (no extension,
-- the same on PGlite and PostgreSQL 15) with the 'simple' configuration (no stemming, no stop words: logs are
-- not prose). '/', '.', ':', '@', '=' and '\' become spaces first, so a path, host, URL or key=value is found by
-- any of its parts ("backups" finds /var/backups/db-3, which the parser would keep as one word). At most the
-- first 16,384 characters (an output line's limit): a longer text must not fail its insert on tsvector's 1 MB
-- cap. IMMUTABLE and a single expression, so PostgreSQL inlines it and the indexes below match the queries.
CREATE FUNCTION search_words(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('simple', translate(left($1, 16384), '/.:@=\', '      '))
$$;

-- What a person typed, as a query that needs every word of it as the start of a word ("nginx rest" finds
-- "restart nginx"); empty when the text has no word at all. Each word is quoted, so nothing typed is read as
-- query syntax (& | ! < > ( ) :). Words are found as search_words finds them (same parser, same dictionary) but
-- a hyphenated word counts once, whole: its parts as prefixes too ("req" of "req-c4ca…") matched every word that
-- starts with them (100,000 request ids: 60 ms for the rarest word; 1 ms whole).
CREATE FUNCTION search_query(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg('''' || replace(replace(l, '\', '\\'), '''', '''''') || ''':*', ' & '), '')::tsquery
  FROM ts_debug('simple', translate(left($1, 16384), '/.:@=\', '      ')) AS d, unnest(d.lexemes) AS l
  WHERE d.alias NOT IN ('hword_part', 'hword_numpart', 'hword_asciipart')
$$;

-- Log search: the lines of run_events matching a query (7-36 ms for 20 runs at 1,000,000 lines, where an ILIKE
-- scan took 750-810 ms; electron/core/history/search-logs.ts). Partial: a run's status lines ("running on …", "succeeded", "failed: <error>") are left out; they say what
-- runs.status and runs.error say, which the board's filters find, and every claim and finish writes one, so with
-- them in the index each claim and finish paid a GIN insert (about 6% more CPU per run on PostgreSQL).
-- GIN's pending list takes new entries cheaply and is merged into the index when full; nothing else merges it on
-- PGlite (no autovacuum), and at the default 4 MB one merge stalled an append for 130 ms; at 256 kB the worst
-- append batch took 20 ms. Output lines cost more to append: 19,000 lines/s in a flood against 43,000 without
-- the index (1,700 against 2,100 one per call), still far above what steps print.
CREATE INDEX run_events_search_idx ON run_events USING gin (search_words(message)) WITH (gin_pending_list_limit = 256)
  WHERE kind <> 'status';

-- The board's text filter: the words of each run's title and error (1.7 ms for a rare word at 100,000 runs, 58 ms
-- by ILIKE; 8 ms for an error phrase, 65 ms by ILIKE). A table of its own, not an index on runs:
-- every claim and finish writes a new version of the run row, and each index on runs pays an entry for it
-- (0001), a GIN index several (measured: about 6% more CPU per run on PostgreSQL). The title is written once and
-- the error when a run fails, so triggers keep this table in step at those two moments only: a claim never
-- fires them (it sets neither column), a successful finish evaluates one WHEN condition. An enqueue pays the
-- insert: 444 runs/s one per call on PGlite, 513 without.
CREATE TABLE run_search (
  run_id bigint PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  words  tsvector NOT NULL
);
CREATE INDEX run_search_words_idx ON run_search USING gin (words) WITH (gin_pending_list_limit = 256);

CREATE FUNCTION run_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO run_search (run_id, words) VALUES (NEW.id, search_words(NEW.title || ' ' || coalesce(NEW.error, '')))
  ON CONFLICT (run_id) DO UPDATE SET words = EXCLUDED.words;
  RETURN NULL;
END $$;
CREATE TRIGGER runs_search_insert AFTER INSERT ON runs FOR EACH ROW EXECUTE FUNCTION run_search_sync();
CREATE TRIGGER runs_search_update AFTER UPDATE OF title, error ON runs FOR EACH ROW
  WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.error IS DISTINCT FROM NEW.error) EXECUTE FUNCTION run_search_sync();
INSERT INTO run_search (run_id, words) SELECT id, search_words(title || ' ' || coalesce(error, '')) FROM runs;

-- Failed and cancelled runs newest first (the board's usual "what went wrong"): without it a status that is
-- rare reads the whole table along the primary key. Partial, so a claim or a successful finish adds nothing:
-- only a run ending failed or cancelled writes an entry.
CREATE INDEX runs_unsuccessful_idx ON runs (id) WHERE status IN ('failed', 'cancelled');

-- The first run id created at or after `at`, found by bisecting the primary key (about 17 probes at 100,000
-- runs, under a millisecond): ids are given in creation order, so a created_at range is an id range and the
-- board's date filters read only the runs in it, with no index on created_at written by every claim and
-- finish ("the last hour": 1.2 ms, 10 ms reading every run; one day 200 days ago: 5.8 ms, 13 ms). Runs created within the same instant by concurrent enqueues may be numbered out of order; callers
-- widen the bound by a margin and still filter on created_at itself, so the answer is exact.
CREATE FUNCTION run_id_at(at timestamptz) RETURNS bigint LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  lo bigint;
  hi bigint;
  mid bigint;
  probe_id bigint;
  probe_at timestamptz;
BEGIN
  SELECT min(id), max(id) + 1 INTO lo, hi FROM runs;
  IF lo IS NULL THEN RETURN 1; END IF;
  -- invariant: existing ids below lo were created before `at`; those at hi or above, at or after it
  WHILE lo < hi LOOP
    mid := lo + (hi - lo) / 2;
    SELECT id, created_at INTO probe_id, probe_at FROM runs WHERE id >= mid ORDER BY id LIMIT 1;
    IF probe_id IS NULL OR probe_id >= hi OR probe_at >= at THEN
      hi := mid;
    ELSE
      lo := probe_id + 1;
    END IF;
  END LOOP;
  RETURN lo;
END $$;

-- Deleting a run deletes its proofs, and each deleted proof (or artifact) looks for rows pointing at it:
-- without these, every one of those lookups read the whole proofs table. Partial: most proofs point at none.
CREATE INDEX proofs_recheck_of_idx ON proofs (recheck_of) WHERE recheck_of IS NOT NULL;
CREATE INDEX proofs_artifact_idx ON proofs (artifact_id) WHERE artifact_id IS NOT NULL;

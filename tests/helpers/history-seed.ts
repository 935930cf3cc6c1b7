import type { Sql } from '../../electron/core/db/sql.ts';

export interface HistorySize {
  runs: number;
  /** Events in all; spread evenly over the runs (at least one each). */
  events: number;
  /** Creation times spread evenly over this many days, the newest now. */
  days: number;
  sessions?: number;
}

/** Words of the generated logs: `WORDS[i]` appears in about 1 line in 2^(i+1) … see the message expression. */
const TITLES = ['nightly backup', 'deploy web', 'restart nginx', 'check tls expiry', 'rotate logs', 'vacuum database', 'sync mirror', 'renew certificate'];
const HOSTS = ['db', 'web', 'cache', 'api', 'edge'];

/**
 * A history of `runs` runs and `events` events as the core stores them (sessions, plans, steps, proofs, a few
 * artifacts, secret-free inputs), generated in SQL with generate_series: a million events take seconds, not
 * the minutes a million appends would. Statuses: the newest 5 queued, the 5 before running, every 97th
 * cancelled, every 13th failed (its error and one log line say "connection refused"), the rest succeeded.
 * Each run's second line carries a request id of its own (`req-<md5>`): a word that only one line has.
 *
 * The secondary indexes of runs and run_events are dropped during the bulk insert and built again afterwards
 * from their own definitions (pg_get_indexdef), which is far faster than keeping them up to date row by row;
 * the schema afterwards is exactly the migrated one.
 */
export async function seedHistory(sql: Sql, size: HistorySize): Promise<void> {
  const perRun = Math.max(1, Math.round(size.events / size.runs));
  const sessions = size.sessions ?? 200;
  const { rows: indexes } = await sql.query<{ name: string; def: string }>(`
    SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
    WHERE indrelid IN ('run_events'::regclass, 'runs'::regclass, 'run_search'::regclass) AND NOT indisprimary AND NOT indisunique`);
  for (const index of indexes) await sql.exec(`DROP INDEX ${index.name}`);
  // Foreign keys are checked row by row by triggers, which this turns off (with every other trigger): every row
  // made here refers to one made before it, so there is nothing to check (a million checks took seconds).
  await sql.exec('SET session_replication_role = replica');
  await sql.query('INSERT INTO sessions (title) SELECT $1 || i FROM generate_series(1, $2::int) AS i', ['session ', sessions]);
  await sql.query(`
    INSERT INTO plans (name, ir_version, ir, content_hash)
    SELECT t, 1, jsonb_build_object('irVersion', 1, 'name', t, 'steps', '[]'::jsonb), encode(sha256(convert_to(t || 'history-seed', 'UTF8')), 'hex')
    FROM unnest($1::text[]) AS t ON CONFLICT (content_hash) DO NOTHING`, [TITLES]);
  await sql.query(`
    WITH p AS (SELECT min(id) AS p0 FROM plans), s AS (SELECT min(id) AS s0 FROM sessions WHERE title LIKE 'session %')
    INSERT INTO runs (session_id, plan_id, title, lane, status, attempt, claim_count, claimed_by, claimed_at, heartbeat_at,
                      started_at, finished_at, created_at, run_after, error)
    SELECT CASE WHEN i % 2 = 0 THEN s0 + (i / 2) % $3 END, p0 + i % 8,
           ($4::text[])[1 + i % 8] || ' ' || ($5::text[])[1 + (i / 8) % 5] || '-' || (i % 37),
           (ARRAY['A', 'B', 'C', 'D'])[1 + i % 4], st,
           CASE WHEN st = 'queued' THEN 0 ELSE 1 END, CASE WHEN st = 'queued' THEN 0 ELSE 1 END,
           CASE WHEN st <> 'queued' THEN 'history-seed' END, CASE WHEN st <> 'queued' THEN at END,
           CASE WHEN st <> 'queued' THEN at + interval '1 second' END, CASE WHEN st <> 'queued' THEN at END,
           CASE WHEN st IN ('succeeded', 'failed', 'cancelled') THEN at + interval '20 seconds' END, at, at,
           CASE st WHEN 'failed' THEN 'step s1 failed: connection refused by ' || ($5::text[])[1 + i % 5] || '-' || (i % 37) || ':5432'
                   WHEN 'cancelled' THEN 'cancelled by a person' END
    FROM p, s, generate_series(1, $1::int) AS i,
         LATERAL (SELECT now() - make_interval(secs => ($1::int - i)::double precision * $2::double precision * 86400 / $1::int) AS at,
                         CASE WHEN i > $1::int - 5 THEN 'queued' WHEN i > $1::int - 10 THEN 'running'
                              WHEN i % 97 = 0 THEN 'cancelled' WHEN i % 13 = 0 THEN 'failed' ELSE 'succeeded' END AS st) AS x`,
  [size.runs, size.days, sessions, TITLES, HOSTS]);
  await sql.query(`
    INSERT INTO run_steps (run_id, idx, step_id, tool, status, attempt, exit_code, started_at, finished_at, outputs)
    SELECT r.id, k, 's' || k, 'shell', CASE WHEN r.status IN ('queued', 'running') THEN 'pending' WHEN r.status = 'failed' AND k = 1 THEN 'failed' ELSE 'succeeded' END,
           1, 0, CASE WHEN r.status NOT IN ('queued', 'running') THEN r.created_at END, CASE WHEN r.status NOT IN ('queued', 'running') THEN r.finished_at END,
           jsonb_build_object('stdout', repeat('x', 200))
    FROM runs r, generate_series(0, 1) AS k`);
  await sql.query(`
    INSERT INTO run_events (run_id, attempt, step_id, ts, kind, level, message)
    SELECT r.id, 1, CASE WHEN k > 0 THEN 's' || (k % 2) END, r.created_at + make_interval(secs => k), CASE WHEN k = 0 THEN 'status' ELSE 'output' END,
           CASE WHEN r.status = 'failed' AND k = $1::int - 1 THEN 'error' ELSE 'info' END,
           CASE WHEN k = 0 THEN 'running on history-seed (attempt 1 of 1)'
                WHEN r.status = 'failed' AND k = $1::int - 1 THEN 'psql: error: connection refused by ' || h || ':5432'
                WHEN k = 1 THEN 'request req-' || left(md5(r.id::text), 12) || ' accepted by ' || h
                WHEN k % 4 = 1 THEN 'GET https://' || h || '.example.org/health 200 in ' || (r.id * 7 + k) % 500 || ' ms'
                WHEN k % 4 = 2 THEN 'copied ' || (r.id + k) % 1000 || ' files to /var/backups/' || h
                WHEN k % 4 = 3 THEN 'disk usage ' || (r.id + k) % 100 || '% on ' || h
                ELSE 'step s' || (k % 2) || ' exited with code 0 after ' || k || ' s' END
    FROM runs r, generate_series(0, $1::int - 1) AS k,
         LATERAL (SELECT ($2::text[])[1 + r.id % 5] || '-' || (r.id % 37) AS h) AS x
`, [perRun, HOSTS]);
  // A proof per finished run; every 10th has a 4 KiB artifact its proof points at.
  await sql.query(`
    INSERT INTO artifacts (run_id, step_id, name, sha256, size, media_type, content)
    SELECT id, 's0', 'evidence.txt', encode(sha256(c), 'hex'), octet_length(c), 'text/plain', c
    FROM runs, LATERAL (SELECT convert_to(repeat(md5(id::text), 128), 'UTF8') AS c) AS x
    WHERE id % 10 = 0 AND finished_at IS NOT NULL`);
  await sql.query(`
    INSERT INTO proofs (run_id, step_id, attempt, verifier_kind, config, passed, evidence, evidence_sha256, artifact_id, started_at, finished_at, summary)
    SELECT r.id, 's0', 1, 'exit_code', '{}', r.status = 'succeeded', '{"exitCode": 0}', encode(sha256(convert_to(r.id::text, 'UTF8')), 'hex'),
           a.id, r.finished_at, r.finished_at, 'exit code 0'
    FROM runs r LEFT JOIN artifacts a ON a.run_id = r.id WHERE r.finished_at IS NOT NULL`);
  // The triggers were off too: run_search gets its rows as migration 0010 gave them to the runs it found.
  await sql.query("INSERT INTO run_search (run_id, words) SELECT id, search_words(title || ' ' || coalesce(error, '')) FROM runs ON CONFLICT DO NOTHING");
  await sql.exec('RESET session_replication_role');
  for (const index of indexes) await sql.exec(index.def);
  for (const table of ['runs', 'run_search', 'run_steps', 'run_events', 'artifacts', 'proofs']) await sql.exec(`VACUUM (ANALYZE) ${table}`);
  await sql.exec('CHECKPOINT');
}

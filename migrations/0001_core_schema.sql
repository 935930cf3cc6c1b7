-- The core schema. Runs unchanged on PGlite (PostgreSQL 18 in wasm) and on PostgreSQL 15, so nothing newer
-- than 15 is used (no uuidv7, no NOT NULL constraints by name). Constraints make bad states unrepresentable:
-- a running run always has an owner and a heartbeat, a finished one always has finished_at, and so on.

CREATE TABLE sessions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title       text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);

-- Lanes are rows so that pausing survives restarts and is seen by every worker process sharing a Postgres.
CREATE TABLE lanes (
  name       text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_-]{1,32}$'),
  paused     boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO lanes (name) VALUES ('A'), ('B'), ('C'), ('D');

CREATE TABLE plans (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  ir_version   integer NOT NULL CHECK (ir_version >= 1),
  ir           jsonb NOT NULL CHECK (jsonb_typeof(ir) = 'object'),
  content_hash text NOT NULL UNIQUE CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE runs (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id          bigint REFERENCES sessions (id),
  plan_id             bigint NOT NULL REFERENCES plans (id),
  title               text NOT NULL,
  lane                text NOT NULL REFERENCES lanes (name),
  status              text NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  priority            integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN -1000 AND 1000),
  attempt             integer NOT NULL DEFAULT 0,
  -- claim_count fences every write of a claimed run: it grows on each claim, so a worker that lost its run
  -- (reclaimed after a stall) can never complete or heartbeat the new claim. reclaims counts runs taken back
  -- from dead workers; those do not use up an attempt, but a run that keeps killing its worker is stopped.
  claim_count         integer NOT NULL DEFAULT 0 CHECK (claim_count >= 0),
  reclaims            integer NOT NULL DEFAULT 0 CHECK (reclaims >= 0),
  max_attempts        integer NOT NULL DEFAULT 1 CHECK (max_attempts BETWEEN 1 AND 100),
  run_after           timestamptz NOT NULL DEFAULT now(),
  claimed_by          text,
  claimed_at          timestamptz,
  heartbeat_at        timestamptz,
  cancel_requested_at timestamptz,
  started_at          timestamptz,
  finished_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  error               text,
  input               jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(input) = 'object'),
  result              jsonb,
  idempotency_key     text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  CHECK (attempt BETWEEN 0 AND max_attempts),
  -- a running run is owned and heartbeating (claimed_by stays afterwards, as history); only a terminal run is
  -- finished
  CHECK (status <> 'running' OR (claimed_by IS NOT NULL AND claimed_at IS NOT NULL AND heartbeat_at IS NOT NULL)),
  CHECK ((status IN ('succeeded', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
  CHECK (status <> 'running' OR (attempt >= 1 AND claim_count >= 1))
) WITH (fillfactor = 80); -- room on the page lets a heartbeat's update stay HOT (no new index entries)
CREATE UNIQUE INDEX runs_idempotency_key_idx ON runs (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Each claim and finish writes a new entry into every index of runs (status sits in the partial indexes'
-- predicates, so those updates are never HOT): each index costs throughput (two fewer: +17-26%, bench).
-- The claim reads this one in order: lane, then priority (higher first), then age.
CREATE INDEX runs_queue_idx ON runs (lane, priority DESC, id) WHERE status = 'queued';
-- Reclaim reads the few running runs. Keyed by owner, not heartbeat_at, so a heartbeat (which changes no
-- indexed column) can be a HOT update.
CREATE INDEX runs_running_idx ON runs (claimed_by) WHERE status = 'running';
-- Partial: a run without a session (the CLI's usual case) adds nothing to it.
CREATE INDEX runs_session_idx ON runs (session_id, id) WHERE session_id IS NOT NULL;
-- No index on created_at: run listings scan newest-first by id, whose order is creation order.

CREATE TABLE run_steps (
  run_id      bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  idx         integer NOT NULL CHECK (idx >= 0),
  step_id     text NOT NULL,
  tool        text NOT NULL,
  status      text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled', 'skipped')),
  attempt     integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
  exit_code   integer,
  started_at  timestamptz,
  finished_at timestamptz,
  error       text,
  result      jsonb,
  PRIMARY KEY (run_id, idx),
  UNIQUE (run_id, step_id),
  CHECK (status <> 'running' OR started_at IS NOT NULL),
  CHECK ((status IN ('succeeded', 'failed', 'cancelled')) = (finished_at IS NOT NULL))
);

-- Append-only: seq orders every event of the database; an UPDATE is refused by the trigger below. The key
-- (run_id, seq) is the one index: it serves "a run's events after seq N", and nothing reads by seq alone
-- (a second index cost two more index writes per status event, on the claim's hot path).
CREATE TABLE run_events (
  seq     bigint GENERATED ALWAYS AS IDENTITY,
  run_id  bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  attempt integer NOT NULL CHECK (attempt >= 0),
  step_id text,
  ts      timestamptz NOT NULL DEFAULT clock_timestamp(),
  kind    text NOT NULL CHECK (kind IN ('status', 'step', 'output', 'log')),
  level   text NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message text NOT NULL,
  payload jsonb,
  PRIMARY KEY (run_id, seq)
);

CREATE FUNCTION run_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'run_events is append-only: % of event % refused', TG_OP, OLD.seq;
END $$;
CREATE TRIGGER run_events_no_update BEFORE UPDATE ON run_events
  FOR EACH ROW EXECUTE FUNCTION run_events_append_only();

CREATE TABLE artifacts (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id     bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id    text,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  sha256     text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size       bigint NOT NULL CHECK (size >= 0),
  media_type text NOT NULL CHECK (media_type ~ '^[a-z0-9.+-]+/[A-Za-z0-9.+-]+'),
  content    bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (content IS NULL OR octet_length(content) = size)
);
CREATE INDEX artifacts_run_idx ON artifacts (run_id);
CREATE INDEX artifacts_sha256_idx ON artifacts (sha256);

CREATE TABLE mcp_servers (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]{1,64}$'),
  command    text NOT NULL CHECK (length(command) >= 1),
  args       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(args) = 'array'),
  env        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(env) = 'object'),
  cwd        text,
  enabled    boolean NOT NULL DEFAULT true,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tools (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  server_id     bigint NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
  description   text,
  input_schema  jsonb NOT NULL CHECK (jsonb_typeof(input_schema) = 'object'),
  discovered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (server_id, name)
);

CREATE TABLE skills (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  description text,
  source      text NOT NULL CHECK (source IN ('builtin', 'markdown', 'speckit', 'user')),
  body        text NOT NULL,
  plan_id     bigint REFERENCES plans (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE proofs (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id          bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id         text NOT NULL,
  attempt         integer NOT NULL CHECK (attempt >= 1),
  verifier_kind   text NOT NULL CHECK (verifier_kind IN ('http', 'exit_code', 'sql', 'file', 'output')),
  config          jsonb NOT NULL CHECK (jsonb_typeof(config) = 'object'),
  passed          boolean NOT NULL,
  evidence        jsonb NOT NULL,
  evidence_sha256 text NOT NULL CHECK (evidence_sha256 ~ '^[0-9a-f]{64}$'),
  artifact_id     bigint REFERENCES artifacts (id),
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL,
  CHECK (finished_at >= started_at)
);
CREATE INDEX proofs_run_idx ON proofs (run_id, step_id);

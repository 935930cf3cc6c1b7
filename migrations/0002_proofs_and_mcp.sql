-- Issue 3: verifiers write proofs, MCP servers carry a sandbox, steps are retried in place.

-- A proof belongs to one try of one step within one run attempt; `summary` is the line a person reads.
ALTER TABLE proofs ADD COLUMN try integer NOT NULL DEFAULT 1 CHECK (try >= 1);
ALTER TABLE proofs ADD COLUMN summary text NOT NULL DEFAULT '';
ALTER TABLE proofs ADD COLUMN seq integer NOT NULL DEFAULT 0 CHECK (seq >= 0);

-- Artifacts are content-addressed: one row per content within a run, however many proofs point at it.
CREATE UNIQUE INDEX artifacts_run_sha256_idx ON artifacts (run_id, sha256);
DROP INDEX artifacts_run_idx;

-- Proofs are shown live like any other event.
ALTER TABLE run_events DROP CONSTRAINT run_events_kind_check;
ALTER TABLE run_events ADD CONSTRAINT run_events_kind_check
  CHECK (kind IN ('status', 'step', 'output', 'log', 'proof'));

-- What the core enforces for a server (tool allowlist, directories, call timeout, output cap), and where the
-- server came from ('builtin', 'user', or the config file it was imported from).
ALTER TABLE mcp_servers ADD COLUMN sandbox jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(sandbox) = 'object');
ALTER TABLE mcp_servers ADD COLUMN source text NOT NULL DEFAULT 'user';
ALTER TABLE mcp_servers ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE mcp_servers ADD CONSTRAINT mcp_servers_cwd_check CHECK (cwd IS NULL OR length(cwd) >= 1);

ALTER TABLE tools ADD COLUMN annotations jsonb CHECK (annotations IS NULL OR jsonb_typeof(annotations) = 'object');

-- Issue 4: what the UI lists that the core did not keep yet.

-- A plan a person would pick from a list ('plan'), or the one-step plan behind a typed shell command
-- ('command': `opsroom run --sh`, the command bar), which only clutters that list. A plan's kind is set when it
-- is first stored: enqueueing the same content again never changes it.
ALTER TABLE plans ADD COLUMN kind text NOT NULL DEFAULT 'plan' CHECK (kind IN ('plan', 'command'));
-- plans.list reads the newest version of each name among the pickable ones (DISTINCT ON (name) ... id DESC).
-- Typed commands stored before this migration are marked too, by the shape shellPlan gives them (one step
-- `sh` on the shell tool, proved by exit code 0, no parameters), so they do not flood the plan picker.
UPDATE plans SET kind = 'command'
WHERE jsonb_array_length(ir -> 'steps') = 1
  AND ir #>> '{steps,0,id}' = 'sh' AND ir #>> '{steps,0,tool}' = 'shell'
  AND ir #> '{steps,0,verify}' = '[{"kind": "exit_code", "expect": 0}]'::jsonb
  AND NOT ir ? 'params' AND NOT ir ? 'description';
CREATE INDEX plans_pickable_idx ON plans (name, id DESC) WHERE kind = 'plan';

-- The command bar's recent commands. Keyed by the command's sha256, not by its text: a btree entry holds at
-- most 2704 bytes, so a long pasted command as the key would fail to insert.
CREATE TABLE command_history (
  command_sha256 text PRIMARY KEY CHECK (command_sha256 ~ '^[0-9a-f]{64}$'),
  command        text NOT NULL CHECK (length(command) BETWEEN 1 AND 100000),
  uses           integer NOT NULL DEFAULT 1 CHECK (uses >= 1),
  last_run_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_history_recent_idx ON command_history (last_run_at DESC);

-- No new index on runs: the board filters by session through runs_session_idx and by date along the primary
-- key (ids grow with created_at), and each index of runs is written on every claim and finish (0001).

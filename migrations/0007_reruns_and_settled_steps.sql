-- Issue 8: a rerun is a new run linked to the one it repeats; a step can be settled without running (its
-- recorded outcome reused, already satisfied, a false condition, disabled); proofs record when they were taken.

-- What a run repeats, and how: 'rerun' (the whole run), 'resume' (from the failed step), 'from-step' (a chosen
-- step and everything downstream), 'edit' (new parameter values), 'reprove' (only the verifiers, against live
-- state). Nothing of the parent is changed. SET NULL: purging an old run keeps its reruns.
ALTER TABLE runs ADD COLUMN parent_run_id bigint REFERENCES runs (id) ON DELETE SET NULL;
ALTER TABLE runs ADD COLUMN rerun_kind text CHECK (rerun_kind IN ('rerun', 'resume', 'from-step', 'edit', 'reprove'));
-- Steps whose recorded outcome this run reuses instead of running them: {"<step id>": <run id that ran it>}.
ALTER TABLE runs ADD COLUMN reuse jsonb CHECK (reuse IS NULL OR jsonb_typeof(reuse) = 'object');
CREATE INDEX runs_parent_idx ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;

-- How a step came to its status: run, or settled without its action ('reuse': the recorded outcome of run
-- reused_from, its proofs re-checked; 'precheck': its verifiers already passed; 'condition': its `if` was
-- false; 'disabled'). No foreign key on reused_from: the source run may be purged, the fact stays.
ALTER TABLE run_steps ADD COLUMN settled_by text NOT NULL DEFAULT 'run'
  CHECK (settled_by IN ('run', 'reuse', 'precheck', 'condition', 'disabled'));
ALTER TABLE run_steps ADD COLUMN reused_from bigint;
-- The step's outputs (exit code, captured stdout/stderr, result) as later steps' references saw them: what a
-- rerun reuses. The events keep every line; this keeps what `${steps.x.stdout}` resolves to.
ALTER TABLE run_steps ADD COLUMN outputs jsonb CHECK (outputs IS NULL OR jsonb_typeof(outputs) = 'object');

-- 'before': a pre-check (precheck steps); 'after': the proof of the step's action; 'recheck': a recorded
-- outcome verified again against live state (resume, re-prove), linked to the proof it re-checks.
ALTER TABLE proofs ADD COLUMN phase text NOT NULL DEFAULT 'after' CHECK (phase IN ('before', 'after', 'recheck'));
ALTER TABLE proofs ADD COLUMN recheck_of bigint REFERENCES proofs (id) ON DELETE SET NULL;
ALTER TABLE proofs DROP CONSTRAINT proofs_verifier_kind_check;
ALTER TABLE proofs ADD CONSTRAINT proofs_verifier_kind_check
  CHECK (verifier_kind IN ('http', 'exit_code', 'sql', 'file', 'output', 'approval'));

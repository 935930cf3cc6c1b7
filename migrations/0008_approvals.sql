-- Issue 8: approval gates. A step of the built-in `approval` tool stores what it shows a person (the shown
-- document) with its sha256, then waits for a decision. A decision quotes the digest the person was shown, so
-- it can never be replayed onto other evidence: the update that records it matches only that digest.

CREATE TABLE approvals (
  -- CASCADE: an approval means nothing without its run, and purging old runs must take it along.
  run_id          bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id         text NOT NULL,
  -- The run's attempt: a retried run asks again, an earlier attempt's decision stays as history.
  attempt         integer NOT NULL CHECK (attempt >= 1),
  prompt          text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 2000),
  -- The document as shown (prompt, the plan step, the diff, the earlier steps' proofs), kept whole so what
  -- was approved can be shown again and re-hashed; shown_sha256 is the digest of its canonical JSON.
  shown           jsonb NOT NULL CHECK (jsonb_typeof(shown) = 'object'),
  shown_sha256    text NOT NULL CHECK (shown_sha256 ~ '^[0-9a-f]{64}$'),
  -- 'cancelled': the run was cancelled or the step timed out while it waited (nobody decided).
  status          text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
  requested_at    timestamptz NOT NULL DEFAULT now(),
  -- NULL: wait until decided or cancelled. Set from the database's clock, which every worker and the
  -- deciding process share, so two machines cannot disagree on whether it has expired.
  expires_at      timestamptz,
  on_timeout      text NOT NULL DEFAULT 'fail' CHECK (on_timeout IN ('fail', 'continue')),
  decided_by      text CHECK (length(decided_by) BETWEEN 1 AND 200),
  decided_at      timestamptz,
  comment         text CHECK (length(comment) <= 2000),
  -- The digest the decider quoted (equal to shown_sha256 when it was recorded: a different one is refused).
  -- Kept apart from shown_sha256 so the proof compares what was approved with what the document hashes to.
  approved_sha256 text CHECK (approved_sha256 ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (run_id, step_id, attempt),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status IN ('approved', 'rejected') = (decided_by IS NOT NULL AND approved_sha256 IS NOT NULL))
);

-- "What waits for me?" (the tray, the top bar, `opsroom approvals`) reads only the few pending rows.
CREATE INDEX approvals_pending_idx ON approvals (requested_at) WHERE status = 'pending';

-- Issue 5: what the tray reads.

-- Pinned items: listed first in the command bar and offered in the tray menu. A pin names its item, not a
-- row: plans are versioned by name (plans.list shows the newest version of each), so a pin survives a new
-- version, and the kind leaves room for skills. No foreign key: plans.name is not unique.
CREATE TABLE pins (
  kind      text NOT NULL CHECK (kind IN ('plan')),
  name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  pinned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, name)
);

-- The tray counts the runs that failed in the last 24 hours (by creation, as the board's `since` filter does)
-- on every refresh. Partial: only a run that fails adds an entry, and created_at never changes, so claims,
-- heartbeats and successful finishes cost nothing more (see the note on runs' indexes in 0001).
CREATE INDEX runs_failed_idx ON runs (created_at) WHERE status = 'failed';

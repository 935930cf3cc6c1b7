-- Issue 8: schedules. A cron expression in an IANA time zone queues a stored plan, a skill or a command at each
-- slot. The database is the one place every scheduler (the app, `opsroom serve`, `opsroom worker`, on one
-- machine or several sharing a PostgreSQL) agrees on what fired, so a slot fires at most once.

CREATE TABLE schedules (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- A CLI word (`opsroom schedules pause NAME`): nothing to quote.
  name           text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
  -- Checked by the core (croner) before it is stored: the database cannot parse cron or know time zones.
  cron           text NOT NULL CHECK (length(cron) BETWEEN 1 AND 200),
  timezone       text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 100),
  -- {"kind":"plan","name":…} (its newest version at each fire) | {"kind":"skill","name":…} | {"kind":"command","text":…}
  target         jsonb NOT NULL CHECK (jsonb_typeof(target) = 'object' AND target->>'kind' IN ('plan', 'skill', 'command')),
  -- Typed parameter values. A secret's value is never here: its place holds {"$secret": "<name>"}, the entry
  -- of the app's secret store that keeps it (removed with the schedule).
  params         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
  -- A lane name or 'auto'; no foreign key, as 'auto' is not a lane row (the enqueue checks the lane).
  lane           text NOT NULL DEFAULT 'auto' CHECK (lane ~ '^[A-Za-z0-9_-]{1,32}$'),
  -- SET NULL: purging a session must not take its schedules with it, nor be refused because of them.
  session_id     bigint REFERENCES sessions (id) ON DELETE SET NULL,
  overlap        text NOT NULL DEFAULT 'skip' CHECK (overlap IN ('skip', 'queue', 'replace')),
  catch_up       text NOT NULL DEFAULT 'once' CHECK (catch_up IN ('skip', 'once', 'all')),
  catch_up_limit integer NOT NULL DEFAULT 10 CHECK (catch_up_limit BETWEEN 1 AND 1000),
  paused         boolean NOT NULL DEFAULT false,
  -- Who is told when a run of this schedule ends or waits (shared/ir/operations.ts NotifySchema); adds to the plan's.
  notify         jsonb CHECK (notify IS NULL OR jsonb_typeof(notify) = 'object'),
  -- The cursor: every slot up to here was dealt with (fired, skipped or let go). Slots after it and up to now
  -- are due; slots while paused are not missed, so pausing and resuming move it to "now" (the app's clock).
  last_slot      timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per slot dealt with. The primary key is the unique slot key: of two schedulers racing for a slot,
-- one inserts the row and fires, the other's insert does nothing. A run's idempotency key
-- `schedule:<id>:<slot ISO>` covers the gap between queueing the run and recording it here: a scheduler that
-- finishes a fire left 'firing' by a crash gets the same run back instead of a second one.
CREATE TABLE schedule_fires (
  schedule_id bigint NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  slot        timestamptz NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('firing', 'waiting', 'fired', 'skipped', 'missed', 'failed')),
  -- SET NULL: retention may purge the run; what the slot did stays.
  run_id      bigint REFERENCES runs (id) ON DELETE SET NULL,
  -- Why it was skipped, missed or failed.
  detail      text CHECK (length(detail) <= 2000),
  -- The database's clock, not the scheduler's: when the row was written.
  fired_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (schedule_id, slot)
);
-- A run's schedule (notifications: a schedule's notify settings apply to the runs it queued).
CREATE INDEX schedule_fires_run_idx ON schedule_fires (run_id);
-- The few unfinished fires, read on every tick (finishing a crashed fire; starting a queued one).
CREATE INDEX schedule_fires_open_idx ON schedule_fires (schedule_id, slot) WHERE outcome IN ('firing', 'waiting');

-- "Pause all": one row, so every scheduler sharing the database sees it and it survives restarts.
CREATE TABLE schedule_settings (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  paused_all boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO schedule_settings DEFAULT VALUES;

-- Demotion records (issue 31, ATF maturity model §4.2 "demotion process"): every lowering of an
-- agent's level, with its steps (trigger, isolation, root cause, new level, controls, reactivation)
-- as they were recorded. The full record is the canonical JSON in body
-- (dev.warden.demotion.Demotion#toMap); the other columns are copies for filtering.
CREATE TABLE demotions (
    id           TEXT NOT NULL PRIMARY KEY,   -- dem_..., ordered by time
    agent        TEXT NOT NULL,
    level_before TEXT NOT NULL,
    level        TEXT NOT NULL,               -- the level it was demoted to
    state        TEXT NOT NULL,               -- open | closed | undone
    opened_at    TEXT NOT NULL,
    body         TEXT NOT NULL                -- canonical JSON of the record with its steps
);

CREATE INDEX demotions_agent ON demotions (agent, state);

-- Rollback plans (ATF R-4): an agent's allowed actions in a window with their compensations.
-- Items are the plan's actions, newest first (position); their state moves from pending to running
-- to a result once (dev.warden.rollback.ItemState).
CREATE TABLE rollback_plans (
    id         TEXT    NOT NULL PRIMARY KEY,   -- rbp_...
    agent      TEXT    NOT NULL,
    since      TEXT    NOT NULL,
    until      TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    created_by TEXT    NOT NULL,
    truncated  INTEGER NOT NULL,              -- 0 | 1
    ran_by     TEXT                           -- null until run; a plan runs once
);

CREATE TABLE rollback_items (
    plan_id      TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    decision_id  TEXT    NOT NULL,            -- the original decision
    time         TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    args         TEXT    NOT NULL,            -- canonical JSON object
    outcome      TEXT    NOT NULL,            -- completed | failed | missing
    comp_tool    TEXT,                        -- the compensating tool, null when none
    comp_args    TEXT,                        -- canonical JSON object
    none_reason  TEXT,                        -- why there is no compensation
    state        TEXT    NOT NULL,
    result_decision_id TEXT,                  -- the compensation's decision
    reasons      TEXT    NOT NULL,            -- canonical JSON array of reasons
    result_at    TEXT,
    detail       TEXT,
    PRIMARY KEY (plan_id, decision_id)
);

CREATE INDEX rollback_items_decision ON rollback_items (decision_id, state);

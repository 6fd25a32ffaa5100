-- Behaviour baselines (ATF B-3): one snapshot per agent, written by the behaviour monitor
-- periodically and on close, read when Warden starts (dev.warden.behavior.AgentBaseline#snapshot).
CREATE TABLE behavior_baselines (
    agent      TEXT NOT NULL PRIMARY KEY,
    snapshot   BLOB NOT NULL,                -- versioned binary snapshot, a few KB
    updated_at TEXT NOT NULL
);

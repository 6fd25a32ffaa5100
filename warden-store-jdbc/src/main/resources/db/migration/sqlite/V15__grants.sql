-- Grants (issue 30): pre-approvals. An approver's scoped, time-boxed permission for the calls of one
-- agent that match it to be allowed where they would need a human approval. Each use is counted with
-- the record of the decision that uses it (a conditional UPDATE of uses, so never past max_uses).
CREATE TABLE grants (
    id          TEXT    NOT NULL PRIMARY KEY,  -- grt_...
    agent       TEXT    NOT NULL,
    tool        TEXT    NOT NULL,              -- a tool name, or a prefix pattern ending in *
    resource    TEXT,                          -- the one resource covered, or NULL for any
    session_id  TEXT,                          -- the one session covered, or NULL for any
    conditions  TEXT    NOT NULL,              -- JSON array of {"arg", "op", "value"}
    max_uses    INTEGER,                       -- NULL: any number until it expires
    uses        INTEGER NOT NULL,
    created_by  TEXT    NOT NULL,              -- operator:<name>
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    revoked_at  TEXT,
    revoked_by  TEXT,
    reason      TEXT    NOT NULL
);
CREATE INDEX grants_agent ON grants (agent, created_at);
CREATE INDEX grants_live ON grants (expires_at) WHERE revoked_at IS NULL;

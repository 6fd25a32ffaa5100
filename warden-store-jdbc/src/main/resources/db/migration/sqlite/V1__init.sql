-- Warden schema v1 (SQLite).
-- Kept close to standard SQL so a PostgreSQL variant (db/migration/postgresql) can mirror it:
-- TEXT / BIGINT columns, JSON stored as canonical JSON text, instants stored as fixed-width
-- ISO-8601 UTC text with nine fraction digits (text order = time order, exact round trip).
-- The one SQLite-specific choice: audit_entries.seq is INTEGER PRIMARY KEY (the rowid), which a
-- PostgreSQL variant would declare as BIGINT PRIMARY KEY.

CREATE TABLE agents (
    name          TEXT    NOT NULL PRIMARY KEY,
    trust_domain  TEXT    NOT NULL,
    owner         TEXT,
    purpose       TEXT,
    capabilities  TEXT    NOT NULL,  -- JSON array of strings
    version       TEXT,
    config_digest TEXT,
    project       TEXT,
    environment   TEXT,
    level         TEXT    NOT NULL,  -- intern | junior | senior | principal
    status        TEXT    NOT NULL,  -- active | quarantined | killed | retired
    keys          TEXT    NOT NULL,  -- JSON array of {"kid": ..., "x": ...}
    token_epoch   BIGINT  NOT NULL,
    created_at    TEXT    NOT NULL
);

CREATE TABLE approvals (
    id          TEXT NOT NULL PRIMARY KEY,
    agent       TEXT NOT NULL,
    session_id  TEXT,
    decision_id TEXT,
    action      TEXT NOT NULL,
    resource    TEXT,
    args        TEXT NOT NULL,      -- canonical JSON object
    fingerprint TEXT NOT NULL,
    policy_ids  TEXT NOT NULL,      -- JSON array of strings
    rationale   TEXT,
    state       TEXT NOT NULL,      -- pending | approved | denied | used
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    decided_by  TEXT,
    decided_at  TEXT,
    note        TEXT
);

CREATE INDEX approvals_state_created ON approvals (state, created_at);
CREATE INDEX approvals_created ON approvals (created_at);

CREATE TABLE audit_entries (
    seq         INTEGER NOT NULL PRIMARY KEY,
    time        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    agent       TEXT,
    session_id  TEXT,
    decision_id TEXT,
    decision    TEXT,
    entry       TEXT    NOT NULL,   -- the exact canonical JSON that is hashed
    leaf_hash   TEXT    NOT NULL,
    chain_hash  TEXT    NOT NULL
);

CREATE INDEX audit_entries_decision ON audit_entries (decision_id);
CREATE INDEX audit_entries_agent_seq ON audit_entries (agent, seq);

CREATE TABLE nonces (
    nonce_key  TEXT NOT NULL PRIMARY KEY,
    expires_at TEXT NOT NULL
);

CREATE INDEX nonces_expires ON nonces (expires_at);

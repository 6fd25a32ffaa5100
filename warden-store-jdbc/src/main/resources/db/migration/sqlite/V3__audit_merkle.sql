-- Verifiable audit log: kept Merkle tree nodes, signed checkpoints, public log keys, prune marks.

-- Hashes of complete subtrees of the RFC 9162 tree over audit_entries (leaf index = seq - 1).
-- Kept interior levels are 4, 8, 12, ... (dev.warden.audit.merkle.TreeLayout); other nodes are
-- recomputed from at most 8 kept hashes. Level 0 rows are leaf hashes kept when their entries are
-- pruned (only the partly pruned block of 16). Rows are written in the transaction of the entries
-- that complete them and never change.
CREATE TABLE merkle_nodes (
    level INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    hash  BLOB    NOT NULL,   -- 32 bytes
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

-- Published C2SP checkpoints (signed notes); never removed.
CREATE TABLE audit_checkpoints (
    id         INTEGER NOT NULL PRIMARY KEY,
    size       BIGINT  NOT NULL,
    root_hash  TEXT    NOT NULL,   -- hex
    key_id     TEXT    NOT NULL,   -- 8 hex digits: the signed-note key hash
    created_at TEXT    NOT NULL,
    note       TEXT    NOT NULL
);

CREATE INDEX audit_checkpoints_size ON audit_checkpoints (size, id);

-- Public log keys, current and retired, so old checkpoints stay verifiable.
CREATE TABLE audit_log_keys (
    verifier_key TEXT NOT NULL PRIMARY KEY,   -- <name>+<hash>+<base64(0x01 || key)>
    key_id       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    retired_at   TEXT
);

-- One row per prune; the latest (highest id) is in force.
CREATE TABLE audit_prunes (
    id            INTEGER NOT NULL PRIMARY KEY,
    below         BIGINT  NOT NULL,   -- entries with seq <= below were removed
    anchor_chain  TEXT    NOT NULL,   -- chain hash of seq = below
    exported_size BIGINT  NOT NULL,
    exported_root TEXT    NOT NULL,   -- hex
    pruned_at     TEXT    NOT NULL
);

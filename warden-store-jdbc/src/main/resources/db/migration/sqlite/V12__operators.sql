-- Operators (issue 30, ATF I-3): named humans with roles, their sign-in tokens and API keys, and the
-- sign-offs of approvals that need more than one approver. Secrets are never stored: a password as
-- its PBKDF2 hash, a token or key as the SHA-256 of its value.
CREATE TABLE operators (
    name          TEXT    NOT NULL PRIMARY KEY,
    roles         TEXT    NOT NULL,            -- JSON array of role grants, e.g. ["approver@shop:refund.*"]
    password_hash TEXT,                        -- pbkdf2-sha256$<iterations>$<salt>$<hash>, or NULL (keys only)
    disabled      INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    changed_at    TEXT    NOT NULL
);

CREATE TABLE operator_credentials (
    id         TEXT NOT NULL PRIMARY KEY,      -- otk_... (token) or key_... (API key)
    operator   TEXT NOT NULL,
    kind       TEXT NOT NULL,                  -- token | key
    hash       TEXT NOT NULL UNIQUE,           -- hex SHA-256 of the secret
    roles      TEXT NOT NULL,                  -- JSON array; empty for a token (all of the operator's)
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);
CREATE INDEX operator_credentials_operator ON operator_credentials (operator, kind);
CREATE INDEX operator_credentials_expiry ON operator_credentials (kind, expires_at);

-- One row per approver who approved an approval that needs more than one (two-person rule).
CREATE TABLE approval_signoffs (
    approval_id TEXT NOT NULL,
    operator    TEXT NOT NULL,                 -- operator:<name>
    signed_at   TEXT NOT NULL,
    PRIMARY KEY (approval_id, operator)
);

-- Alerts and their delivery outbox (issue #27). Numbered 6 to leave 4 and 5 to the other
-- containment stores of the same issue; Flyway applies the versions in order, gaps allowed.
CREATE TABLE alerts (
    id          TEXT    NOT NULL PRIMARY KEY,  -- alr_ + 32 hex digits, ordered by time
    raised_at   TEXT    NOT NULL,
    severity    TEXT    NOT NULL,              -- info | warning | critical
    kind        TEXT    NOT NULL,
    agent       TEXT,
    project     TEXT,
    owner       TEXT,
    summary     TEXT    NOT NULL,
    numbers     TEXT    NOT NULL,              -- canonical JSON object
    evidence    TEXT    NOT NULL,              -- JSON array of decision ids
    count       BIGINT  NOT NULL,
    last_at     TEXT    NOT NULL,
    state       TEXT    NOT NULL,              -- open | acked
    acked_by    TEXT,
    acked_at    TEXT,
    routing     TEXT    NOT NULL               -- JSON array of channel or channel:address
);
CREATE INDEX alerts_agent ON alerts (agent, id);

CREATE TABLE alert_outbox (
    delivery_id     TEXT    NOT NULL PRIMARY KEY,  -- dlv_ + 32 hex digits, sent on every attempt
    alert_id        TEXT    NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL,
    recipient       TEXT,                          -- the owner's address for a copy routed to the owner
    attempts        BIGINT  NOT NULL,
    next_attempt_at TEXT    NOT NULL,
    delivered_at    TEXT,
    last_error      TEXT,
    created_at      TEXT    NOT NULL
);
CREATE INDEX alert_outbox_due ON alert_outbox (delivered_at, next_attempt_at);
CREATE INDEX alert_outbox_alert ON alert_outbox (alert_id);

-- The maturity lifecycle (issue 31): promotion evidence operators record for gates 2 (security
-- attestations), 3 (business value, stakeholder sign-off) and 5 (governance sign-offs). An item counts
-- only at the level it was recorded at, from when the agent reached it, until it is withdrawn.
CREATE TABLE promotion_evidence (
    id              TEXT NOT NULL PRIMARY KEY,  -- evd_...
    agent           TEXT NOT NULL,
    level           TEXT NOT NULL,              -- the agent's level when recorded
    target          TEXT NOT NULL,              -- the next level
    kind            TEXT NOT NULL,              -- an attestation kind, business_value or sign_off
    operator        TEXT NOT NULL,              -- the operator name who recorded it
    role            TEXT NOT NULL,              -- the sign-off role it was recorded in
    fields          TEXT NOT NULL,              -- canonical JSON of what was recorded
    recorded_at     TEXT NOT NULL,
    withdrawn_at    TEXT,
    withdrawn_by    TEXT,
    withdraw_reason TEXT
);
CREATE INDEX promotion_evidence_agent ON promotion_evidence (agent, recorded_at);

-- Incidents (ATF R-3, R-5): anomalies of one agent grouped while open or acknowledged, with their
-- responses and operator actions. The full incident (timeline, responses) is the canonical JSON in
-- body; the other columns are copies for filtering (dev.warden.incident.Incident#toMap).
CREATE TABLE incidents (
    id         TEXT    NOT NULL PRIMARY KEY,   -- inc_..., ordered by time
    agent      TEXT    NOT NULL,
    state      TEXT    NOT NULL,               -- open | acknowledged | resolved | false_positive
    opened_at  TEXT    NOT NULL,
    in_force   INTEGER NOT NULL,               -- 1 while a response that can be undone is in force
    body       TEXT    NOT NULL                -- canonical JSON of the incident
);

CREATE INDEX incidents_agent ON incidents (agent, state);
CREATE INDEX incidents_in_force ON incidents (in_force);

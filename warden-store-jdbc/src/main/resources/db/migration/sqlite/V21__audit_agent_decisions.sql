-- An agent's decision records by time with their decision value, and nothing else: the console's
-- activity chart counts them per hour from this index alone, without reading the entries.
CREATE INDEX audit_entries_agent_decisions ON audit_entries (agent, time, decision) WHERE kind = 'decision';

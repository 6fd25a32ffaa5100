-- Indexes of the console's audit explorer (AuditStore.search): newest-first pages of one kind or of
-- one decision value read an index range backwards instead of scanning the log. The agent filter
-- already has audit_entries_agent_seq (V1). Only decision records carry a decision value, so that
-- index holds just them.
CREATE INDEX audit_entries_kind_seq ON audit_entries (kind, seq);
CREATE INDEX audit_entries_decision_seq ON audit_entries (decision, seq) WHERE decision IS NOT NULL;

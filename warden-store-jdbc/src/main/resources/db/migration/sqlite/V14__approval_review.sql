-- Approval review (issue 30): what an approver sees includes whether the same call (the same
-- fingerprint) was approved before; the lookup reads this index instead of the whole table.
CREATE INDEX IF NOT EXISTS approvals_fingerprint ON approvals (fingerprint, created_at);
-- Per-agent approval statistics read one agent's approvals of a window.
CREATE INDEX IF NOT EXISTS approvals_agent_created ON approvals (agent, created_at);

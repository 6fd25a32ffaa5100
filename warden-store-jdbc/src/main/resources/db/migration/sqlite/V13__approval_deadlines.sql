-- Approval deadlines and approver groups (issue 30): the approver groups the policies named
-- (@approvers), and a stored EXPIRED state the sweeper moves approvals past their deadline to
-- (state may now also be 'expired'). The deadline itself stays in expires_at, set from the
-- policy's @approval_ttl or the configured default.
ALTER TABLE approvals ADD COLUMN approver_groups TEXT NOT NULL DEFAULT '[]';  -- JSON array of group names

-- The sweeper asks for open approvals past their deadline.
CREATE INDEX approvals_state_expires ON approvals (state, expires_at);

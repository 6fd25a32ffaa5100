-- The maturity lifecycle (issue 31): when an agent reached its current level, and how (started as
-- intern, granted without gates, promoted through them, demoted). Agents registered before this
-- migration hold their level since registration: intern as started, any other level as granted.
ALTER TABLE agents ADD COLUMN level_since TEXT;
ALTER TABLE agents ADD COLUMN level_basis TEXT;
UPDATE agents SET level_since = created_at,
                  level_basis = CASE WHEN level = 'intern' THEN 'started' ELSE 'granted' END;

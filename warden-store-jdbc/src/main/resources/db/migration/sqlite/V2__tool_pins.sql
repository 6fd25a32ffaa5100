-- Pinned MCP tool definitions (hash of name, description and input schema).
CREATE TABLE tool_pins (
    tool               TEXT PRIMARY KEY,
    hash               TEXT NOT NULL,
    definition         TEXT NOT NULL,
    state              TEXT NOT NULL,
    pending_hash       TEXT,
    pending_definition TEXT,
    updated_at         TEXT NOT NULL,
    approved_by        TEXT NOT NULL
);

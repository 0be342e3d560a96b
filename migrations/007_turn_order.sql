-- Per-conversation turn order (issue 11): a lease on the conversation row. At most one worker holds it
-- (turn_owner, a random token per turn run); it is renewed while the turn runs and expires on its own
-- when the holder dies (no connection or transaction held across model calls).
ALTER TABLE conversations ADD COLUMN turn_owner text;
ALTER TABLE conversations ADD COLUMN turn_lease_until timestamptz;
CREATE INDEX conversations_turn_lease_idx ON conversations (turn_lease_until) WHERE turn_owner IS NOT NULL;

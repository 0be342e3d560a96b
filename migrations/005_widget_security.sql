-- Widget sessions that end (issue 10): sliding expiry, revocation, event-stream tickets.
-- Tokens issued before this migration keep working for one more day, then expire like the rest.
ALTER TABLE widget_sessions ADD COLUMN expires_at timestamptz;
UPDATE widget_sessions SET expires_at = now() + interval '24 hours';
ALTER TABLE widget_sessions ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE widget_sessions ADD COLUMN revoked_at timestamptz;
CREATE INDEX widget_sessions_conversation_idx ON widget_sessions (conversation_id);
CREATE INDEX widget_sessions_expires_idx ON widget_sessions (expires_at);

-- Short-lived tickets for EventSource (which cannot send an Authorization header): only the
-- SHA-256 is stored; a ticket opens the event stream of its session for about a minute.
CREATE TABLE widget_stream_tickets (
  ticket_hash text PRIMARY KEY,
  token_hash text NOT NULL REFERENCES widget_sessions(token_hash) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX widget_stream_tickets_expires_idx ON widget_stream_tickets (expires_at);

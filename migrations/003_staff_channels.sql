-- Staff channels (Slack/Discord): one packet post per escalation and platform (several processes
-- may see the same bus event), how far customer lines were relayed into the packet thread, and
-- platform events already handled (staff replies retried by the platform are no-ops).

CREATE TABLE staff_packet_posts (
  escalation_id uuid NOT NULL REFERENCES escalations(id),
  platform text NOT NULL,
  channel_id text,
  thread_id text,
  last_relayed_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (escalation_id, platform)
);

CREATE TABLE staff_channel_events (
  platform text NOT NULL,
  event_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, event_key)
);
CREATE INDEX staff_channel_events_created_idx ON staff_channel_events (created_at);

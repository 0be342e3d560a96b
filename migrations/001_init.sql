-- Switchboard schema v1: customers, conversations, messages, escalations (+ event log),
-- knowledge base, model calls, deliveries (outbox), staff, feedback, router training data.

CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel text NOT NULL,
  external_id text NOT NULL,
  display_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, external_id)
);

-- status: bot (bots answer), human (an escalation is open or claimed).
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL REFERENCES customers(id),
  channel text NOT NULL,
  external_key text NOT NULL,
  reply_target jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'human')),
  language text,
  -- bots only read history after this point (set when a human resolves an escalation)
  context_since timestamptz NOT NULL DEFAULT '-infinity',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, external_key)
);
CREATE INDEX conversations_created_idx ON conversations (created_at);

-- role: customer | bot | staff | system. external_id: the platform event id of an inbound message.
CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  seq bigserial NOT NULL,
  role text NOT NULL CHECK (role IN ('customer', 'bot', 'staff', 'system')),
  channel text NOT NULL,
  external_id text,
  text text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  author_id text,
  author_name text,
  -- for replies: the customer message this answers (one bot reply per customer message)
  reply_to uuid REFERENCES messages(id),
  routing jsonb,
  qa jsonb,
  meta jsonb NOT NULL DEFAULT '{}',
  -- customer messages: when the pipeline finished the turn (null = still to do; swept on restart)
  processed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_unprocessed_idx ON messages (created_at) WHERE role = 'customer' AND processed_at IS NULL;
CREATE UNIQUE INDEX messages_channel_external_uq ON messages (channel, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX messages_one_bot_reply_uq ON messages (reply_to) WHERE role = 'bot';
CREATE INDEX messages_conversation_seq_idx ON messages (conversation_id, seq);

-- status: open -> claimed -> resolved; cancelled. One active escalation per conversation.
CREATE TABLE escalations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'resolved', 'cancelled')),
  reason text NOT NULL,
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  department text,
  assignee_id uuid,
  summary text NOT NULL DEFAULT '',
  packet jsonb NOT NULL DEFAULT '{}',
  first_response_due_at timestamptz NOT NULL,
  resolution_due_at timestamptz NOT NULL,
  first_response_at timestamptz,
  claimed_at timestamptz,
  resolved_at timestamptz,
  resolution_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX escalations_one_active_uq ON escalations (conversation_id) WHERE status IN ('open', 'claimed');
CREATE INDEX escalations_status_due_idx ON escalations (status, first_response_due_at);

CREATE TABLE escalation_events (
  id bigserial PRIMARY KEY,
  escalation_id uuid NOT NULL REFERENCES escalations(id),
  type text NOT NULL,
  actor_id uuid,
  actor text NOT NULL DEFAULT 'system',
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX escalation_events_escalation_idx ON escalation_events (escalation_id, id);

-- Where an escalation's handoff packet was posted (Slack/Discord staff channels), to relay replies.
CREATE TABLE staff_threads (
  escalation_id uuid NOT NULL REFERENCES escalations(id),
  platform text NOT NULL,
  channel_id text NOT NULL,
  thread_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, channel_id, thread_id)
);
CREATE INDEX staff_threads_escalation_idx ON staff_threads (escalation_id);

CREATE TABLE kb_articles (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  department text NOT NULL DEFAULT 'product',
  tags text[] NOT NULL DEFAULT '{}',
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')
  ) STORED,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kb_articles_tsv_idx ON kb_articles USING gin (tsv);

CREATE TABLE model_calls (
  id bigserial PRIMARY KEY,
  conversation_id uuid,
  message_id uuid,
  agent text NOT NULL,
  tier text NOT NULL,
  model text NOT NULL,
  tokens_in integer NOT NULL DEFAULT 0,
  tokens_out integer NOT NULL DEFAULT 0,
  cost_usd numeric(14, 8) NOT NULL DEFAULT 0,
  latency_ms integer NOT NULL DEFAULT 0,
  cache_hit boolean NOT NULL DEFAULT false,
  outcome text NOT NULL DEFAULT 'ok',
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_calls_conversation_idx ON model_calls (conversation_id);
CREATE INDEX model_calls_created_idx ON model_calls (created_at);

-- Outbox: written in the same transaction as the reply; the delivery worker sends and marks it.
CREATE TABLE deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL UNIQUE REFERENCES messages(id),
  channel text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  platform_message_ids text[] NOT NULL DEFAULT '{}',
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX deliveries_pending_idx ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_platform_ids_idx ON deliveries USING gin (platform_message_ids);

CREATE TABLE staff_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'admin')),
  password_hash text NOT NULL,
  slack_user_id text,
  discord_user_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_sessions (
  token_hash text PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE widget_sessions (
  token_hash text PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  origin text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One rating per message and rater.
CREATE TABLE feedback (
  id bigserial PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES messages(id),
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  channel text NOT NULL,
  rater text NOT NULL,
  rating smallint NOT NULL CHECK (rating IN (-1, 0, 1)),
  raw text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (message_id, rater)
);

-- Operator-labeled history for `switchboard router train`, and the trained router model.
CREATE TABLE router_examples (
  id bigserial PRIMARY KEY,
  text text NOT NULL,
  department text NOT NULL,
  source text NOT NULL DEFAULT 'operator',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE router_models (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  model jsonb NOT NULL,
  examples integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

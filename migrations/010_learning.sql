-- Learning from conversations (issue 14): knowledge gaps, suggested articles from resolved
-- escalations with article version history, learned phrasings, customer memory, the answer cache
-- (L3) and the learner's cursors.

-- One row per customer question that ended uncertain / handoff / declined-in-scope / rated down.
CREATE TABLE kb_gaps (
  message_id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL,
  text text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('uncertain', 'handoff', 'declined', 'not_helpful')),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closed_by text
);
CREATE INDEX kb_gaps_created_idx ON kb_gaps (created_at);
CREATE INDEX kb_gaps_conversation_idx ON kb_gaps (conversation_id);

-- A draft article from a resolved escalation: pending -> published | rejected.
CREATE TABLE kb_suggestions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  escalation_id uuid NOT NULL UNIQUE,
  conversation_id uuid NOT NULL,
  question text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  drafted_by text NOT NULL DEFAULT 'offline',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected')),
  article_id text,
  decided_by uuid,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kb_suggestions_status_idx ON kb_suggestions (status, created_at);

-- Every published state of an article changed from the console (and the state it replaced).
CREATE TABLE kb_article_versions (
  article_id text NOT NULL,
  version int NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  source text NOT NULL,
  changed_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, version)
);

-- A customer's wording that led to a well-rated answer citing the article. score = helpful - unhelpful.
CREATE TABLE kb_phrasings (
  id bigserial PRIMARY KEY,
  article_id text NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  norm text NOT NULL,
  text text NOT NULL,
  customer_id uuid,
  score int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (article_id, norm)
);
CREATE INDEX kb_phrasings_customer_idx ON kb_phrasings (customer_id);

-- Signals already learned from (a feedback row or a bot-resolved reply counts once).
CREATE TABLE learning_signals (
  key text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- How far the learner has read (bot replies by seq, feedback by id).
CREATE TABLE learning_state (
  name text PRIMARY KEY,
  position bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A short record per customer across conversations.
CREATE TABLE customer_memory (
  customer_id uuid PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  topics jsonb NOT NULL DEFAULT '[]',
  preferences jsonb NOT NULL DEFAULT '[]',
  language text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE customers ADD COLUMN forgotten_at timestamptz;

-- L3 of the answer cache: final QA-approved KB-grounded replies.
CREATE TABLE answer_cache (
  key text PRIMARY KEY,
  norm text NOT NULL,
  scope text NOT NULL,
  kb_version bigint NOT NULL,
  article_ids text[] NOT NULL,
  reply jsonb NOT NULL,
  vector real[],
  hits int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answer_cache_scope_idx ON answer_cache (scope, kb_version);
CREATE INDEX answer_cache_articles_idx ON answer_cache USING gin (article_ids);

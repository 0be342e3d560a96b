-- Retrieval over the operator's knowledge base: where an article came from (demo seed or an
-- import), its public link, its passages, sentence vectors cached by text, and a version that
-- every process compares to rebuild its in-memory index after an import or removal.

ALTER TABLE kb_articles ADD COLUMN source text NOT NULL DEFAULT 'import';
ALTER TABLE kb_articles ADD COLUMN url text;

CREATE TABLE kb_passages (
  article_id text NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  idx int NOT NULL,
  heading text NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (article_id, idx)
);

-- Content-addressed: a vector is kept per (model, sha256 of the embedded text).
CREATE TABLE kb_vectors (
  model text NOT NULL,
  text_hash text NOT NULL,
  vector real[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model, text_hash)
);

CREATE TABLE kb_state (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO kb_state DEFAULT VALUES;

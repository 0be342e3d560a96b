/**
 * Single-statement writes of the conversation service: each is one round trip and atomic
 * (data-modifying CTEs), which matters on the hot path (see `switchboard bench`).
 */

/**
 * The one customer upsert (a known customer keeps their name unless a new one is given), used alone
 * and inside {@link RECEIVE_SQL}. Params: channel, external id, display name. Returns the id.
 */
export const UPSERT_CUSTOMER_SQL = `INSERT INTO customers (channel, external_id, display_name) VALUES ($1, $2, $3)
  ON CONFLICT (channel, external_id) DO UPDATE SET display_name = COALESCE(EXCLUDED.display_name, customers.display_name)
  RETURNING id`;

/**
 * Upsert customer + conversation, insert the customer message unless (channel, external_id) exists.
 * Returns the new message, or nothing when it was a duplicate.
 * Params: channel, customer external id, customer name, conversation key, reply target, event id,
 * text, attachments, sent at.
 */
export const RECEIVE_SQL = `
WITH cu AS (
  ${UPSERT_CUSTOMER_SQL}
), cv AS (
  INSERT INTO conversations (customer_id, channel, external_key, reply_target)
  SELECT cu.id, $1, $4, $5 FROM cu
  ON CONFLICT (channel, external_key) DO UPDATE SET updated_at = now()
  RETURNING id
)
INSERT INTO messages (conversation_id, role, channel, external_id, text, attachments, author_id, author_name, created_at)
SELECT cv.id, 'customer', $1, $6, $7, $8, $2, $3, $9 FROM cv
ON CONFLICT (channel, external_id) WHERE external_id IS NOT NULL DO NOTHING
RETURNING id, conversation_id`;

/**
 * Insert a reply (at most one bot reply per customer message) and its delivery row; optionally mark
 * the customer message processed. Params: conversation id, role, text, author id, author name,
 * reply_to, routing, qa, meta, mark processed (boolean), merged burst message ids (uuid[]).
 */
export const POST_REPLY_SQL = `
WITH m AS (
  INSERT INTO messages (conversation_id, role, channel, text, author_id, author_name, reply_to, routing, qa, meta)
  SELECT c.id, $2, c.channel, $3, $4, $5, $6, $7, $8, $9 FROM conversations c WHERE c.id = $1
  ON CONFLICT (reply_to) WHERE role = 'bot' DO NOTHING
  RETURNING id, channel
), d AS (
  INSERT INTO deliveries (message_id, channel) SELECT id, channel FROM m RETURNING id, message_id
), p AS (
  UPDATE messages SET processed_at = now()
  WHERE $10::boolean AND (id = $6 OR id = ANY($11::uuid[])) AND processed_at IS NULL RETURNING id
)
SELECT d.message_id, d.id AS delivery_id, (SELECT count(*) FROM p) AS processed FROM d`;

/** The latest message seq of a conversation (null when it has none). Params: conversation id. */
export const LATEST_SEQ_SQL = 'SELECT max(seq) AS seq FROM messages WHERE conversation_id = $1';

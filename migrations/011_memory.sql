-- Customer memory is computed on read from the customer's conversations (src/learning/memory-store.ts),
-- once per turn: find a customer's conversations by index, newest first.
CREATE INDEX conversations_customer_idx ON conversations (customer_id, updated_at DESC);

/**
 * Customer memory as agents and staff see it: a short record of one customer across conversations
 * (past topics with the articles that answered them, escalations, stated preferences, language),
 * and the pure rule that tells when a new message refers back to it ("same problem as last week",
 * "it's happening again"). I/O-free: the runtime loads the memory (src/learning/memory-store.ts).
 */

/** A past topic: an answer that cited an article, with the question it answered. */
export interface MemoryTopic {
  articleId: string;
  title: string;
  /** The customer's question the answer replied to (empty once the customer is forgotten). */
  question: string;
  conversationId: string;
  /** ISO time of the answer. */
  at: string;
}

/** A past or open escalation of the customer. */
export interface MemoryEscalation {
  id: string;
  conversationId: string;
  status: string;
  reason: string;
  summary: string;
  /** ISO time it was opened. */
  at: string;
}

/** What the assistant remembers of a customer (empty for a new or forgotten customer). */
export interface CustomerMemory {
  /** Newest first, at most 5, one per article. */
  topics: MemoryTopic[];
  escalations: { open: number; resolved: number; lastReason: string | null; recent: MemoryEscalation[] };
  /** Stated preferences, e.g. "contact by email". */
  preferences: string[];
  /** ISO 639-1 code of the customer's latest conversation, when known. */
  language: string | null;
}

const REFERS_BACK =
  /\b(?:same (?:problem|issue|error|thing|question|trouble)|(?:happening|happened|again|back) again|(?:it'?s|its|this|that) (?:happening|broken|back|failing) again|(?:still|again) (?:the same|not working|broken|failing)|like (?:last|the other) (?:time|week|day|month)|as (?:last|before|the other day)|(?:last|previous) (?:week|time|conversation|chat)|(?:i|we) (?:asked|wrote|contacted you|talked|chatted) (?:before|earlier|last)|recurr(?:ing|ed))\b/i;

/** True when a message refers back to something the customer raised in an earlier conversation. */
export function refersBack(text: string): boolean {
  return REFERS_BACK.test(text);
}

/**
 * The remembered topic a message refers back to: the newest past topic of another conversation
 * when the message says so ("same problem as last week") — null otherwise, or when nothing is
 * remembered. A turn that recalls a topic relies on memory (the answer cache bypasses it).
 */
export function recalledTopic(
  text: string,
  memory: CustomerMemory | undefined,
  conversationId?: string,
): MemoryTopic | null {
  if (!memory || !refersBack(text)) return null;
  return memory.topics.find((t) => t.conversationId !== conversationId && t.question.trim() !== '') ?? null;
}

/**
 * The model gateway contract agents talk to. No LangChain types here: agents import this file
 * (and `src/core`) only; the LangChain-backed implementation lives in `gateway.ts`.
 */
import type { z } from 'zod';

/** Tiers served by a model (the `local` tier never reaches the gateway). */
export type ModelTier = 'fast' | 'strong' | 'vision';

/** Fields every gateway request carries for accounting. */
export interface ModelRequestBase {
  /** Agent name recorded with the call (router, technical, qa...). */
  agent: string;
  system: string;
  user: string;
  conversationId?: string;
  messageId?: string;
  /**
   * When true (default) and every model of the tier fails, the gateway tries the other
   * text tier (fast -> strong, strong -> fast) before giving up.
   */
  tierFallback?: boolean;
}

/** A structured-output request: the reply must match `schema` (validated with zod). */
export interface StructuredRequest<T> extends ModelRequestBase {
  schema: z.ZodType<T>;
  /** Name of the JSON schema sent to the provider (default `${agent}_output`). */
  schemaName?: string;
}

/** What a successful structured call returns. */
export interface StructuredResult<T> {
  output: T;
  /** Tier that actually answered (may differ from the one asked for after a fallback). */
  tier: ModelTier;
  model: string;
}

/** A tool the model may call during {@link ModelGateway.chatWithTools}. */
export interface ModelTool<A = unknown> {
  name: string;
  description: string;
  /** Arguments schema (a zod object with every field required). */
  parameters: z.ZodType<A>;
  /** Runs the tool; the returned string is sent back to the model. */
  run(args: A): Promise<string>;
}

/** A tool-using request whose final answer must match `schema`. */
export interface ToolChatRequest<T> extends StructuredRequest<T> {
  // biome-ignore lint/suspicious/noExplicitAny: tools of different argument types live in one list
  tools: ModelTool<any>[];
  /** Tool rounds before the model must answer (default 2). */
  maxToolRounds?: number;
}

/** Result of a tool-using call. */
export interface ToolChatResult<T> extends StructuredResult<T> {
  /** Tool calls the model made, in order. */
  toolCalls: { name: string; args: unknown }[];
}

/** Model access by tier, with fallbacks, retries, timeouts and cost recording built in. */
export interface ModelGateway {
  /** True when at least one model is configured for `tier`. */
  available(tier: ModelTier): boolean;
  /** Configured primary model per tier, for /healthz and describe(). */
  models(): Partial<Record<ModelTier, string>>;
  /**
   * One structured call. Throws `SwitchboardError('models_unavailable')` when every model in the
   * chain failed (provider error, timeout, rate limit, malformed or invalid output).
   */
  structured<T>(tier: ModelTier, request: StructuredRequest<T>): Promise<StructuredResult<T>>;
  /** A tool-calling conversation that ends in a structured answer. Same failure contract. */
  chatWithTools<T>(tier: ModelTier, request: ToolChatRequest<T>): Promise<ToolChatResult<T>>;
}

/** Error code thrown when no model could serve a request. */
export const MODELS_UNAVAILABLE = 'models_unavailable';

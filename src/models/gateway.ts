/**
 * The model gateway: tiers of OpenAI-compatible models with fallbacks, a retry policy of our
 * own (Retry-After honoured, brief backoff, then the next model), explicit timeouts, zod-validated
 * structured output, a tool loop, and a cost record for every call (success or failure).
 */
import { z } from 'zod';
import type { Config } from '../config.js';
import { SwitchboardError } from '../core/errors.js';
import type { ModelCallRecord, ModelCallRecorder } from '../core/models.js';
import { type ChatClient, type ChatMessage, createChatClient, type ToolCallOut } from './chat-client.js';
import { buildModelChains, callCostUsd, type ModelEndpoint } from './endpoints.js';
import { classifyFailure, MalformedOutputError, nextStep, type RetryPolicy } from './failures.js';
import {
  MODELS_UNAVAILABLE,
  type ModelGateway,
  type ModelTier,
  type StructuredRequest,
  type ToolChatRequest,
} from './types.js';

/** Options of {@link createModelGateway} beyond Config (tests and tools). */
export interface GatewayOptions {
  /** Replace the client factory (default: LangChain ChatOpenAI per endpoint). */
  clientFactory?: (endpoint: ModelEndpoint, timeoutMs: number) => ChatClient;
  /** Sleep used between attempts (tests may shorten it). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Checked before a request uses any model (e.g. the daily model budget). Throwing refuses the
   * request with that error, no model is called and nothing is recorded.
   */
  admit?: (req: { agent: string; conversationId?: string }) => Promise<void>;
}

/** JSON schema for a zod schema, in the shape providers accept (no $schema key). */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

function parseOutput<T>(schema: z.ZodType<T>, content: string, tokensIn: number, tokensOut: number): T {
  let json: unknown;
  try {
    json = JSON.parse(content.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    throw new MalformedOutputError(`reply is not JSON: ${content.slice(0, 120)}`, tokensIn, tokensOut);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedOutputError(
      `reply does not match schema: ${parsed.error.message.slice(0, 300)}`,
      tokensIn,
      tokensOut,
    );
  }
  return parsed.data;
}

const OTHER_TIER: Record<ModelTier, ModelTier | undefined> = { fast: 'strong', strong: 'fast', vision: 'strong' };

/**
 * Create the gateway from Config (OPENAI_BASE_URL, MODEL_FAST/STRONG/VISION, MODEL_*_FALLBACKS,
 * FALLBACK_BASE_URL/KEY, PRICE_*, MODEL_PRICES, MODEL_TIMEOUT_MS, MODEL_MAX_RETRIES,
 * MODEL_RETRY_AFTER_MAX_MS, MODEL_BACKOFF_MS). Every attempt is passed to `recorder`.
 */
export function createModelGateway(
  config: Config,
  recorder: ModelCallRecorder,
  options: GatewayOptions = {},
): ModelGateway {
  const chains = buildModelChains(config);
  const timeoutMs = config.MODEL_TIMEOUT_MS;
  const policy: RetryPolicy = {
    maxRetries: config.MODEL_MAX_RETRIES,
    maxRetryAfterMs: config.MODEL_RETRY_AFTER_MAX_MS,
    backoffMs: config.MODEL_BACKOFF_MS,
  };
  const factory = options.clientFactory ?? createChatClient;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const clients = new Map<string, ChatClient>();
  const clientFor = (ep: ModelEndpoint) => {
    const key = `${ep.tier}|${ep.index}`;
    let c = clients.get(key);
    if (!c) {
      c = factory(ep, timeoutMs);
      clients.set(key, c);
    }
    return c;
  };
  const configured = (ep: ModelEndpoint) => Boolean(ep.baseUrl || ep.apiKey);
  const available = (tier: ModelTier) => chains[tier].some(configured);

  const safeRecord: ModelCallRecorder['record'] = (call) => {
    try {
      const r = recorder.record(call);
      if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch(() => {});
    } catch {
      /* recording never breaks a turn */
    }
  };

  /** Run `attempt` over the chain of `tier` (then the other tier) until one succeeds. */
  async function runChain<R extends { tokensIn: number; tokensOut: number; cacheHit: boolean }>(
    tier: ModelTier,
    req: { agent: string; conversationId?: string; messageId?: string; tierFallback?: boolean },
    attempt: (client: ChatClient, ep: ModelEndpoint) => Promise<R>,
  ): Promise<{ value: R; endpoint: ModelEndpoint }> {
    await options.admit?.(req);
    const other = req.tierFallback === false ? undefined : OTHER_TIER[tier];
    const chain = [...chains[tier], ...(other ? chains[other] : [])].filter(configured);
    const errors: string[] = [];
    const record = (
      ep: ModelEndpoint,
      started: number,
      tokensIn: number,
      tokensOut: number,
      result: Pick<ModelCallRecord, 'cacheHit' | 'outcome' | 'error'>,
    ) =>
      safeRecord({
        conversationId: req.conversationId,
        messageId: req.messageId,
        agent: req.agent,
        tier: ep.tier,
        model: ep.model,
        tokensIn,
        tokensOut,
        costUsd: callCostUsd(ep, tokensIn, tokensOut),
        latencyMs: Date.now() - started,
        ...result,
      });
    for (const ep of chain) {
      for (let n = 0; ; n++) {
        const started = Date.now();
        try {
          const value = await attempt(clientFor(ep), ep);
          record(ep, started, value.tokensIn, value.tokensOut, {
            cacheHit: value.cacheHit,
            outcome: ep.tier === tier && ep.index === 0 ? 'ok' : 'fallback',
          });
          return { value, endpoint: ep };
        } catch (err) {
          const failure = classifyFailure(err);
          const tokensIn = failure.tokensIn ?? 0;
          const tokensOut = failure.tokensOut ?? 0;
          const error = `${failure.kind}${failure.status ? ` ${failure.status}` : ''}: ${failure.message}`;
          errors.push(`${ep.model}: ${error}`);
          record(ep, started, tokensIn, tokensOut, { cacheHit: false, outcome: 'error', error: error.slice(0, 1000) });
          const step = nextStep(failure, n, policy);
          if (step.waitMs > 0) await sleep(step.waitMs);
          if (step.action === 'next') break;
        }
      }
    }
    throw new SwitchboardError(
      MODELS_UNAVAILABLE,
      chain.length === 0 ? `no model configured for tier ${tier}` : `every model failed for ${req.agent} (${tier})`,
      { status: 503, details: { agent: req.agent, tier, errors } },
    );
  }

  return {
    available,
    models() {
      const out: Partial<Record<ModelTier, string>> = {};
      for (const tier of ['fast', 'strong', 'vision'] as const) {
        const ep = chains[tier].find(configured);
        if (ep) out[tier] = ep.model;
      }
      return out;
    },

    async structured<T>(tier: ModelTier, req: StructuredRequest<T>) {
      const jsonSchema = { name: req.schemaName ?? `${req.agent}_output`, schema: toJsonSchema(req.schema) };
      const messages: ChatMessage[] = [
        { role: 'system', content: req.system },
        { role: 'user', content: req.user },
      ];
      const { value, endpoint } = await runChain(tier, req, async (client) => {
        const r = await client.call(messages, { jsonSchema, timeoutMs });
        return { ...r, output: parseOutput(req.schema, r.content, r.tokensIn, r.tokensOut) };
      });
      return { output: value.output, tier: endpoint.tier, model: endpoint.model };
    },

    async chatWithTools<T>(tier: ModelTier, req: ToolChatRequest<T>) {
      const jsonSchema = { name: req.schemaName ?? `${req.agent}_output`, schema: toJsonSchema(req.schema) };
      const tools = req.tools.map((t) => ({
        name: t.name,
        description: t.description,
        parameters: toJsonSchema(t.parameters),
      }));
      const maxRounds = req.maxToolRounds ?? 2;
      const toolCalls: { name: string; args: unknown }[] = [];
      const messages: ChatMessage[] = [
        { role: 'system', content: req.system },
        { role: 'user', content: req.user },
      ];
      let last: { endpoint: ModelEndpoint; output?: T } | undefined;
      for (let round = 0; round <= maxRounds; round++) {
        const offerTools = round < maxRounds;
        // Each round is its own recorded call; a round that fails falls back like any call.
        const { value, endpoint } = await runChain(tier, req, async (client) => {
          const r = await client.call(messages, { jsonSchema, tools: offerTools ? tools : undefined, timeoutMs });
          if (r.toolCalls.length > 0 && offerTools) return { ...r, output: undefined as T | undefined };
          return { ...r, output: parseOutput(req.schema, r.content, r.tokensIn, r.tokensOut) as T | undefined };
        });
        last = { endpoint, output: value.output };
        if (value.output !== undefined || value.toolCalls.length === 0) break;
        messages.push({ role: 'assistant', content: value.content, toolCalls: value.toolCalls });
        for (const call of value.toolCalls) messages.push(await runTool(req, call, toolCalls));
      }
      if (!last || last.output === undefined) {
        throw new SwitchboardError(MODELS_UNAVAILABLE, `no final answer from ${req.agent}`, { status: 503 });
      }
      return { output: last.output, tier: last.endpoint.tier, model: last.endpoint.model, toolCalls };
    },
  };
}

async function runTool<T>(
  req: ToolChatRequest<T>,
  call: ToolCallOut,
  log: { name: string; args: unknown }[],
): Promise<ChatMessage> {
  const tool = req.tools.find((t) => t.name === call.name);
  log.push({ name: call.name, args: call.args });
  if (!tool) return { role: 'tool', toolCallId: call.id, content: `error: unknown tool ${call.name}` };
  const args = tool.parameters.safeParse(call.args);
  if (!args.success)
    return { role: 'tool', toolCallId: call.id, content: `error: bad arguments: ${args.error.message}` };
  try {
    return { role: 'tool', toolCallId: call.id, content: await tool.run(args.data) };
  } catch (err) {
    return { role: 'tool', toolCallId: call.id, content: `error: ${(err as Error).message}` };
  }
}

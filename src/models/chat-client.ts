/**
 * One model on one OpenAI-compatible server, through LangChain's ChatOpenAI. The only place
 * (with gateway.ts) that touches LangChain. No retries here (maxRetries: 0): the gateway owns
 * the retry/fallback policy. Never streams, so token counts always come from the server's usage.
 */
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { ModelEndpoint } from './endpoints.js';

/** A provider-neutral chat message. */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCallOut[] }
  | { role: 'tool'; content: string; toolCallId: string };

/** A tool call the model asked for. */
export interface ToolCallOut {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** JSON-schema tool definition sent to the provider. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Options of one call. */
export interface ChatCallOptions {
  /** JSON schema the reply must follow (response_format json_schema, strict). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  tools?: ToolDefinition[];
  timeoutMs: number;
}

/** What one call produced. */
export interface ChatCallResult {
  content: string;
  toolCalls: ToolCallOut[];
  tokensIn: number;
  tokensOut: number;
  cacheHit: boolean;
}

/** A callable model. */
export interface ChatClient {
  call(messages: ChatMessage[], options: ChatCallOptions): Promise<ChatCallResult>;
}

function toLangChain(m: ChatMessage): BaseMessage {
  switch (m.role) {
    case 'system':
      return new SystemMessage(m.content);
    case 'user':
      return new HumanMessage(m.content);
    case 'assistant':
      return new AIMessage({
        content: m.content,
        tool_calls: (m.toolCalls ?? []).map((t) => ({
          id: t.id,
          name: t.name,
          args: t.args,
          type: 'tool_call' as const,
        })),
      });
    case 'tool':
      return new ToolMessage({ content: m.content, tool_call_id: m.toolCallId });
  }
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((c) => (typeof c === 'string' ? c : ((c as { text?: string }).text ?? ''))).join('');
  }
  return '';
}

/** Create the client for one endpoint (explicit timeout, no LangChain retries, no streaming). */
export function createChatClient(endpoint: ModelEndpoint, timeoutMs: number): ChatClient {
  const model = new ChatOpenAI({
    model: endpoint.model,
    apiKey: endpoint.apiKey ?? 'not-needed',
    configuration: endpoint.baseUrl ? { baseURL: endpoint.baseUrl } : undefined,
    timeout: timeoutMs,
    maxRetries: 0,
    streaming: false,
    temperature: 0,
  });
  return {
    async call(messages, options) {
      const callOptions: Record<string, unknown> = { signal: AbortSignal.timeout(options.timeoutMs) };
      if (options.jsonSchema) {
        callOptions.response_format = {
          type: 'json_schema',
          json_schema: { name: options.jsonSchema.name, schema: options.jsonSchema.schema, strict: true },
        };
      }
      if (options.tools?.length) {
        callOptions.tools = options.tools.map((t) => ({
          type: 'function',
          function: { name: t.name, description: t.description, parameters: t.parameters },
        }));
      }
      const reply = await model.invoke(messages.map(toLangChain), callOptions);
      const usage = reply.usage_metadata;
      return {
        content: textOf(reply.content),
        toolCalls: (reply.tool_calls ?? []).map((t, i) => ({
          id: t.id ?? `call_${i}`,
          name: t.name,
          args: (t.args ?? {}) as Record<string, unknown>,
        })),
        tokensIn: usage?.input_tokens ?? 0,
        tokensOut: usage?.output_tokens ?? 0,
        cacheHit: (usage?.input_token_details?.cache_read ?? 0) > 0,
      };
    },
  };
}

/**
 * Abuse limits of the public widget API (OWASP LLM10): sessions per client IP, messages per session
 * and per IP, open event streams per conversation. Over a limit the caller gets a SwitchboardError
 * 429 `rate_limited` with `retryAfterMs`, checked before anything is stored.
 * `WIDGET_RATE_LIMITS=off` turns every check into a no-op.
 */
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { SwitchboardError } from '../core/errors.js';
import type { LimiterStore } from './limiter-store.js';

/** The configured widget limits, as the staff stats show them. */
export interface WidgetLimitsDescription {
  enabled: boolean;
  store: 'redis' | 'memory';
  sessionsPerIpPerHour: number;
  messagesPerSessionPerMinute: number;
  messagesPerIpPerMinute: number;
  streamsPerConversation: number;
}

/** Checks the widget routes run before doing any work. */
export interface WidgetLimits {
  readonly enabled: boolean;
  /** Count a session creation from `ip`; throws 429 over the limit. */
  session(ip: string): Promise<void>;
  /** Count a message on `sessionKey` from `ip`; throws 429 when either is over its limit. */
  message(sessionKey: string, ip: string): Promise<void>;
  /** Open an event stream on `conversationId`; throws 429 over the limit; returns the release. */
  openStream(conversationId: string): Promise<() => void>;
  describe(): WidgetLimitsDescription;
}

/** Is this a rate-limiter-flexible rejection (RateLimiterRes) rather than a store failure? */
function rejection(err: unknown): { msBeforeNext: number } | undefined {
  if (err && typeof err === 'object' && 'msBeforeNext' in err && !(err instanceof Error))
    return err as { msBeforeNext: number };
  return undefined;
}

function tooMany(what: string, msBeforeNext: number): SwitchboardError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new SwitchboardError('rate_limited', `Too many ${what}. Try again in ${seconds} s.`, {
    status: 429,
    retryAfterMs: seconds * 1000,
  });
}

/** Consume one point (or `points`) on `limiter`, turning a rejection into 429 `rate_limited`. */
export async function consumeOrThrow(
  limiter: RateLimiterAbstract,
  key: string,
  what: string,
  points = 1,
): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (err) {
    const r = rejection(err);
    if (r) throw tooMany(what, r.msBeforeNext);
    throw err;
  }
}

/** Create the widget limits from configuration (WIDGET_* variables) on `store`. */
export function createWidgetLimits(config: Config, store: LimiterStore): WidgetLimits {
  const description: WidgetLimitsDescription = {
    enabled: config.WIDGET_RATE_LIMITS !== 'off',
    store: store.kind,
    sessionsPerIpPerHour: config.WIDGET_SESSIONS_PER_IP_PER_HOUR,
    messagesPerSessionPerMinute: config.WIDGET_MESSAGES_PER_SESSION_PER_MINUTE,
    messagesPerIpPerMinute: config.WIDGET_MESSAGES_PER_IP_PER_MINUTE,
    streamsPerConversation: config.WIDGET_STREAMS_PER_CONVERSATION,
  };
  const describe = () => ({ ...description });
  if (!description.enabled) {
    return {
      enabled: false,
      session: async () => {},
      message: async () => {},
      openStream: async () => () => {},
      describe,
    };
  }
  const sessions = store.limiter({ name: 'w-sess-ip', points: description.sessionsPerIpPerHour, durationS: 3600 });
  const perSession = store.limiter({ name: 'w-msg-s', points: description.messagesPerSessionPerMinute, durationS: 60 });
  const perIp = store.limiter({ name: 'w-msg-ip', points: description.messagesPerIpPerMinute, durationS: 60 });
  // Concurrent count: +1 on open, -1 on close; the key expires an hour after the first open so a
  // crashed process cannot leak slots forever.
  const streams = store.limiter({ name: 'w-sse', points: description.streamsPerConversation, durationS: 3600 });
  return {
    enabled: true,
    session: (ip) => consumeOrThrow(sessions, ip, 'new chat sessions from your network'),
    async message(sessionKey, ip) {
      await consumeOrThrow(perSession, sessionKey, 'messages in this chat');
      await consumeOrThrow(perIp, ip, 'messages from your network');
    },
    async openStream(conversationId) {
      const give = () =>
        streams
          .get(conversationId)
          .then((r) => (r && r.consumedPoints > 0 ? streams.reward(conversationId, 1) : undefined))
          .catch(() => {});
      try {
        await consumeOrThrow(streams, conversationId, 'open connections for this conversation');
      } catch (err) {
        // A refused open still incremented the count: give it back (this is a concurrency count).
        await give();
        throw err;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        void give();
      };
    },
    describe,
  };
}

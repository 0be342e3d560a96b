/**
 * The only module that reads process.env. Every variable is optional: unset means the embedded
 * default or the feature off. A bad value stops start-up with a message naming the variable.
 */
import { z } from 'zod';
import { SwitchboardError } from './core/errors.js';
import { parseSupportHours, type SupportHours } from './core/support-hours.js';

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const optionalUrl = z.string().url().optional();
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));
const price = z.coerce.number().nonnegative();
const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: optionalString.pipe(z.string().url().optional()),
  REDIS_URL: optionalString.pipe(z.string().url().optional()),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  PUBLIC_URL: optionalString.pipe(optionalUrl),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(optionalUrl),
  MODEL_FAST: optionalString,
  MODEL_STRONG: optionalString,
  MODEL_VISION: optionalString,
  MODEL_FAST_FALLBACKS: csv,
  MODEL_STRONG_FALLBACKS: csv,
  FALLBACK_BASE_URL: optionalString.pipe(optionalUrl),
  FALLBACK_API_KEY: optionalString,
  PRICE_FAST_INPUT_PER_1M: price.default(0.15),
  PRICE_FAST_OUTPUT_PER_1M: price.default(0.6),
  PRICE_STRONG_INPUT_PER_1M: price.default(2.5),
  PRICE_STRONG_OUTPUT_PER_1M: price.default(10),
  MODEL_TIMEOUT_MS: positiveInt.default(20_000),
  MODEL_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  /** Per-model prices overriding the tier prices: `model=in/out` per 1M tokens, comma separated. */
  MODEL_PRICES: csv,
  /** Longest Retry-After (ms) honoured on a 429 before moving to the next model. */
  MODEL_RETRY_AFTER_MAX_MS: z.coerce.number().int().min(0).default(10_000),
  /** Pause (ms) before retrying a 5xx or moving on after a 429 without Retry-After. */
  MODEL_BACKOFF_MS: z.coerce.number().int().min(0).default(250),
  /** The fast-tier router is asked only when the local router's confidence is below this. */
  ROUTER_MODEL_BELOW_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.6),
  /** Model QA runs only for model answers whose grounding is below this (or without citations). */
  QA_MODEL_BELOW_GROUNDING: z.coerce.number().min(0).max(1).default(0.5),
  /** Knowledge-base match score above which the local tier answers without a model call. */
  LOCAL_ANSWER_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.55),

  /** Who the assistant speaks for: company/product name, assistant name, topics it helps with (csv). */
  BRAND_NAME: optionalString,
  ASSISTANT_NAME: optionalString,
  SUPPORT_TOPICS: csv,
  /** Offline sentence encoder for retrieval: `use-lite` (shipped in npm) or `off` (lexical only). */
  KB_ENCODER: z.enum(['use-lite', 'off']).default('use-lite'),
  /** Override the answer / hint thresholds calibrated on the knowledge base (0..1 fused scores). */
  KB_ANSWER_MIN: z.coerce.number().min(0).max(2).optional(),
  KB_HINT_MIN: z.coerce.number().min(0).max(2).optional(),
  /** Answer cache (issue 14.5): `on` serves repeated questions from cached QA-approved answers. */
  ANSWER_CACHE: z.enum(['on', 'off']).default('on'),
  /** Cosine a reworded question needs to a cached one to reuse its answer (measured: 0 wrong of 29 hits on faq-dev-shop). */
  ANSWER_CACHE_SIMILARITY: z.coerce.number().min(0).max(1).default(0.94),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.pipe(optionalUrl),
  SLACK_SUPPORT_CHANNELS: csv,
  SLACK_STAFF_CHANNEL: optionalString,
  SLACK_STAFF_MODE: z.enum(['relay', 'alerts']).default('relay'),
  /** Slack user ids allowed to act in the staff channel (unset: every full member of the bot's workspace). */
  SLACK_STAFF_USERS: csv,

  DISCORD_BOT_TOKEN: optionalString,
  DISCORD_API_URL: optionalString.pipe(optionalUrl),
  DISCORD_GATEWAY_URL: optionalString,
  DISCORD_SUPPORT_CHANNELS: csv,
  DISCORD_STAFF_CHANNEL: optionalString,
  /** relay: claimer's packet-thread messages go to the customer; alerts: packets only (answer from the console). */
  DISCORD_STAFF_MODE: z.enum(['relay', 'alerts']).default('relay'),
  /** Discord role id whose members may act in the staff channel (unset: staff actions are refused). */
  DISCORD_STAFF_ROLE: optionalString,
  /** Password for `staff add` when `--password` is absent (else standard input). */
  STAFF_PASSWORD: optionalString,

  WIDGET_ALLOWED_ORIGINS: csv,
  MAX_MESSAGE_CHARS: positiveInt.default(4000),
  SLA_FIRST_RESPONSE_MINUTES: positiveInt.default(30),
  SLA_RESOLUTION_MINUTES: positiveInt.default(24 * 60),
  /**
   * Staffed hours, e.g. `Mon-Fri 09:00-17:00 Europe/Berlin` (comma-separated day ranges, then an IANA
   * time zone). Unset = always staffed. SLA clocks count only staffed time; outside hours the
   * hand-off says when someone is back.
   */
  SUPPORT_HOURS: z
    .string()
    .optional()
    .transform((v, ctx): SupportHours | null => {
      try {
        return parseSupportHours(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
        return z.NEVER;
      }
    }),
  WORKER_CONCURRENCY: positiveInt.default(32),
  /** Failed staff logins per email within STAFF_LOGIN_WINDOW_MINUTES before 429 (per client IP: 5×). */
  STAFF_LOGIN_MAX_FAILURES: positiveInt.default(10),
  STAFF_LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  /**
   * SIGTERM/SIGINT: how long in-flight turns may finish before they are handed back to other workers
   * and the process exits anyway (ms).
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** `test` enables the test hooks below (vitest sets it); any other value ignores them. */
  NODE_ENV: optionalString,
  /** Test hook (NODE_ENV=test only): every turn waits this long before writing its reply (fault suite). */
  SWITCHBOARD_TEST_TURN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  /** Test hook (NODE_ENV=test only): `reply_escalation` exits the process between a reply and its escalation. */
  SWITCHBOARD_TEST_CRASH_AT: z.enum(['reply_escalation']).optional(),

  /**
   * Which proxies may set X-Forwarded-For (decides the client IP every per-IP limit uses).
   * Unset/`off` = none (the socket address counts); a hop count (`1`); or a comma list of proxy
   * addresses/subnets (`10.0.0.1, 10.0.0.0/8`, `loopback`).
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx): false | number | string[] => {
      const s = (v ?? '').trim();
      if (s === '' || /^(off|false|no|0)$/i.test(s)) return false;
      if (/^\d+$/.test(s)) return Number(s);
      if (/^(on|true|yes)$/i.test(s)) {
        ctx.addIssue({ code: 'custom', message: 'use a hop count (e.g. 1) or proxy addresses, not "true"' });
        return z.NEVER;
      }
      return s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    }),
  /** Largest request body on any route, in kB (413 before the body is read). */
  MAX_BODY_KB: positiveInt.default(1024),
  /** `off` turns the widget abuse limits off (load tests on a trusted network). */
  WIDGET_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** Widget sessions one client IP may create per hour. */
  WIDGET_SESSIONS_PER_IP_PER_HOUR: positiveInt.default(120),
  /** Widget messages per session per minute. */
  WIDGET_MESSAGES_PER_SESSION_PER_MINUTE: positiveInt.default(10),
  /** Widget messages per client IP per minute (all its sessions together). */
  WIDGET_MESSAGES_PER_IP_PER_MINUTE: positiveInt.default(120),
  /** Event streams open at once per conversation. */
  WIDGET_STREAMS_PER_CONVERSATION: positiveInt.default(5),
  /** Widget tokens expire after this many hours without use (sliding). */
  WIDGET_SESSION_TTL_HOURS: positiveInt.default(24),
  /** When set, sessions may carry `userId` + `userHash` (hex HMAC-SHA256 of userId with this secret). */
  WIDGET_IDENTITY_SECRET: optionalString,
  /** Model tokens (in + out) one customer may use per UTC day (0 = no limit). */
  MODEL_TOKENS_PER_CUSTOMER_PER_DAY: z.coerce.number().int().min(0).default(50_000),
  /** Model tokens (in + out) all customers together may use per UTC day (0 = no limit). */
  MODEL_TOKENS_PER_DAY: z.coerce.number().int().min(0).default(2_000_000),
  /** When set, `/metrics` and the model names in `/healthz` need `Authorization: Bearer <token>`. */
  METRICS_TOKEN: optionalString,
});

/** Validated configuration. */
export type Config = z.infer<typeof envSchema>;

/** Raised when the environment holds a bad value; the message names each variable (code `config_invalid`). */
export class ConfigError extends SwitchboardError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('config_invalid', message, { cause: options.cause });
    this.name = 'ConfigError';
  }
}

/**
 * Parse and validate configuration from `env` (default `process.env`).
 * Throws {@link ConfigError} naming every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Configuration with overrides, for tests and embedded tools. */
export function configWith(overrides: Record<string, string | undefined>): Config {
  return loadConfig({ ...process.env, ...overrides });
}

/** Load `.env` from the working directory into process.env when present (existing variables win). */
export function loadDotEnv(file = '.env'): boolean {
  try {
    const before = { ...process.env };
    process.loadEnvFile(file);
    Object.assign(process.env, before);
    return true;
  } catch {
    return false;
  }
}

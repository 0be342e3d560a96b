/**
 * Which Slack threads are conversations with the bot: threads we answered or were addressed in
 * (remembered in memory), else asked from Slack once (conversations.replies: did the bot post in,
 * or get mentioned in, this thread?). Answers are cached; misses are re-checked after 5 minutes.
 */
import type { webApi } from '@slack/bolt';
import type { SlackIdentity } from './normalize.js';

const NEGATIVE_TTL_MS = 5 * 60_000;

/** Options for {@link createThreadMemory}. */
export interface ThreadMemoryOptions {
  client: webApi.WebClient;
  identity: () => SlackIdentity | undefined;
  /** Remembered threads (default 20,000; oldest forgotten first). */
  max?: number;
}

/** Memory of our threads. */
export interface ThreadMemory {
  remember(channel: string, threadTs: string): void;
  isOurs(channel: string, threadTs: string): Promise<boolean>;
}

/** Create the thread memory. */
export function createThreadMemory(options: ThreadMemoryOptions): ThreadMemory {
  const { client, max = 20_000 } = options;
  const ours = new Map<string, true>();
  const notOurs = new Map<string, number>();

  function remember(channel: string, threadTs: string): void {
    const key = `${channel}:${threadTs}`;
    notOurs.delete(key);
    ours.delete(key);
    ours.set(key, true);
    if (ours.size > max) {
      const oldest = ours.keys().next().value;
      if (oldest !== undefined) ours.delete(oldest);
    }
  }

  async function askSlack(channel: string, threadTs: string): Promise<boolean> {
    const id = options.identity();
    if (!id) return false;
    const r = await client.conversations.replies({ channel, ts: threadTs, limit: 100 });
    return (r.messages ?? []).some(
      (m) =>
        m.user === id.botUserId ||
        (id.botId !== undefined && m.bot_id === id.botId) ||
        (m.text ?? '').includes(`<@${id.botUserId}>`),
    );
  }

  return {
    remember,
    async isOurs(channel, threadTs) {
      const key = `${channel}:${threadTs}`;
      if (ours.has(key)) return true;
      const missAt = notOurs.get(key);
      if (missAt !== undefined && Date.now() - missAt < NEGATIVE_TTL_MS) return false;
      let yes = false;
      try {
        yes = await askSlack(channel, threadTs);
      } catch {
        yes = false;
      }
      if (yes) remember(channel, threadTs);
      else {
        notOurs.set(key, Date.now());
        if (notOurs.size > max) notOurs.clear();
      }
      return yes;
    },
  };
}

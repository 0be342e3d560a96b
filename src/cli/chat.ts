import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { createRuntime } from '../app/create-runtime.js';
import type { Config } from '../config.js';

/**
 * `switchboard chat`: a terminal conversation with the assistant. Messages go in as a widget
 * customer's and are answered by the worker (src/pipeline/turn.ts -> decide.ts), as in production.
 */
export async function runChat(config: Config): Promise<number> {
  const runtime = await createRuntime({
    ...config,
    LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
  });
  await runtime.start({ http: false, workers: true });
  const customer = `cli_${randomUUID()}`;
  const { conversationId } = await runtime.conversations.open({
    channel: 'widget',
    customerExternalId: customer,
    conversationKey: randomUUID(),
  });
  let waiting: (() => void) | undefined;
  runtime.bus.subscribe((e) => {
    if (e.type !== 'message' || e.conversationId !== conversationId) return;
    const who = e.message.role === 'staff' ? (e.message.authorName ?? 'staff') : e.message.role;
    process.stdout.write(`${who}> ${e.message.text}\n`);
    if (e.message.role === 'bot') waiting?.();
  });
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  process.stdout.write('Switchboard chat — type a message, or /quit\n');
  try {
    for (;;) {
      const line = (await rl.question('you> ').catch(() => '/quit')).trim();
      if (line === '/quit' || line === '/exit') break;
      if (!line) continue;
      const replied = new Promise<void>((r) => {
        waiting = r;
        setTimeout(r, 15_000);
      });
      await runtime.conversations.receive({
        channel: 'widget',
        eventId: randomUUID(),
        conversationKey: (await runtime.conversations.get(conversationId))!.externalKey,
        customerId: customer,
        text: line,
        attachments: [],
        sentAt: new Date(),
        replyTarget: {},
      });
      await replied;
    }
  } finally {
    rl.close();
    await runtime.stop();
  }
  return 0;
}

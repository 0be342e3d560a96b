/**
 * The shared ChannelAdapter conformance suite against the widget adapter. The widget's "platform"
 * is the browser client: inbound is what the widget HTTP API hands the adapter for a POST, and
 * what the platform received is what the adapter pushed to the customer's live stream.
 */
import { randomUUID } from 'node:crypto';
import { createWidgetAdapter, type WidgetPush } from '../../adapters/widget/index.js';
import { type Harness, runChannelAdapterConformance } from './channel-adapter-suite.js';

async function makeHarness(): Promise<Harness> {
  const pushed: WidgetPush[] = [];
  const adapter = createWidgetAdapter({ push: async (e) => void pushed.push(e), maxMessageChars: 4000 });
  const conversationId = randomUUID();
  const conversationKey = randomUUID();
  return {
    adapter,
    async inbound(text, opts) {
      const handlers = adapter.handlers;
      if (!handlers) throw new Error('adapter not started');
      await handlers.onMessage(
        adapter.normalize({
          conversationId,
          conversationKey,
          customerId: 'w_conformance',
          text,
          clientMessageId: opts?.eventId,
        }),
      );
    },
    async sent() {
      // The widget renders every text with textContent: nothing is executable, nobody is pinged.
      return pushed.map((p) => ({ text: p.message.text, pings: false, executable: false }));
    },
    async close() {},
  };
}

runChannelAdapterConformance('widget', makeHarness);

// The handoff packet as an agent reads it: customer and channel first, the need in words, ids tucked away.
import { h } from './dom.js';
import { channelLabel, moodLabel, priorityLabel, reasonLabel, routingWords } from './labels.js';

const text = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v));

/** Render the packet of escalation detail `d` (conversation + packet) as labelled rows. */
export function packetView(d) {
  const p = d.packet || {};
  const c = d.conversation || {};
  const rows = [
    ['Customer', c.customerName || 'Anonymous visitor'],
    ['Channel', channelLabel(c.channel || p.channel)],
    ['What they want', text(p.summary) || text(d.escalation?.summary)],
    ['Last message', text(p.lastMessage)],
    ['Why it was handed over', reasonLabel(p.reason ?? d.escalation?.reason)],
    ['Customer mood', moodLabel(p.sentiment)],
    ['Priority', priorityLabel(p.priority ?? d.escalation?.priority)],
    [
      'What the assistant tried',
      Array.isArray(p.tried) && p.tried.length ? p.tried.map(text).join('\n') : 'Nothing yet',
    ],
    ['Routing', routingWords(p.routing) || '—'],
  ];
  const ids = [
    ['Customer id', c.customerId || p.customer?.id || '—'],
    ['Conversation id', c.id || '—'],
    ['Escalation id', d.escalation?.id || '—'],
  ];
  const dl = (list, attrs) =>
    h(
      'dl',
      { class: 'kv', ...attrs },
      list.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v || '—')]),
    );
  return h(
    'div',
    {},
    dl(rows, { 'data-c': 'packet' }),
    h('details', { class: 'ids', 'data-c': 'ids' }, h('summary', {}, 'Technical details'), dl(ids, {})),
  );
}

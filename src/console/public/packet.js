// The handoff packet as an agent reads it: customer and channel first, the need in words, ids tucked away.
import { h } from './dom.js';
import { channelLabel, moodLabel, priorityLabel, reasonLabel, routingWords } from './labels.js';

const text = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v));

/** Lines of the customer's memory (`d.memory`, read live; else the packet's), other conversations only. */
export function memoryLines(d) {
  const m = d.memory;
  if (!m) return Array.isArray(d.packet?.memory) ? d.packet.memory.map(text) : [];
  const lines = (m.topics || [])
    .filter((t) => t.conversationId !== d.conversation?.id)
    .map((t) => `Asked before: ${t.title || t.articleId}${t.question ? ` ("${t.question.slice(0, 120)}")` : ''}`);
  const e = m.escalations || {};
  if ((e.open || 0) + (e.resolved || 0) > 0) lines.push(`Escalations: ${e.open} open, ${e.resolved} resolved`);
  for (const p of m.preferences || []) lines.push(`Prefers: ${p}`);
  if (m.language) lines.push(`Language: ${m.language}`);
  return lines;
}

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
    ['Earlier conversations', memoryLines(d).join('\n') || 'None remembered'],
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

// One escalation: transcript (with routing + QA), handoff packet, event log, and the actions.
import { api, session } from './api.js';
import { dueText, h, mount, toast, when } from './dom.js';
import {
  channelLabel,
  conversationStatusLabel,
  departmentLabel,
  escalationStatusLabel,
  eventLabel,
  moodLabel,
  priorityLabel,
  qaLabel,
  reasonLabel,
  routingWords,
} from './labels.js';
import { packetView } from './packet.js';

let canned = null;
const drafts = new Map(); // escalation id -> unsent reply text (survives live re-renders)

function routingLine(r) {
  if (!r || typeof r !== 'object') return null;
  const mood = r.sentiment ? ` · Mood: ${moodLabel(r.sentiment)}` : '';
  return h('div', { class: 'meta', 'data-c': 'routing' }, `${routingWords(r)}${mood}`);
}

function qaLine(q) {
  if (!q || typeof q !== 'object') return null;
  const issues = Array.isArray(q.issues) && q.issues.length ? ` (${q.issues.join('; ').replace(/_/g, ' ')})` : '';
  return h('div', { class: 'meta', 'data-c': 'qa' }, `Quality check: ${qaLabel(q.action)}${issues}`);
}

function message(m) {
  const who =
    m.role === 'customer'
      ? 'Customer'
      : m.role === 'bot'
        ? 'Assistant'
        : m.role === 'staff'
          ? `Staff${m.authorName ? ` · ${m.authorName}` : ''}`
          : 'Notice';
  return h(
    'div',
    { class: 'msg', 'data-role': m.role, 'data-c': 'message' },
    h('span', { class: 'who' }, `${who} · ${when(m.createdAt)}`),
    h('span', { 'data-c': 'text' }, m.text),
    routingLine(m.routing),
    qaLine(m.qa),
  );
}

async function act(path, body, rerender) {
  try {
    await api(path, { method: 'POST', body: body ?? {} });
    await rerender();
  } catch (err) {
    toast(`${err.message}${err.code ? ` (${err.code})` : ''}`);
    await rerender();
  }
}

/** Render escalation `id` into `root`. */
export async function renderConversation(root, id) {
  const me = session()?.staff;
  const [d, staffList] = await Promise.all([
    api(`/escalations/${encodeURIComponent(id)}`),
    api('/staff').catch(() => ({ staff: [] })),
  ]);
  canned ??= (await api('/canned-replies')).cannedReplies;
  const e = d.escalation;
  const rerender = () => renderConversation(root, id);
  const mine = e.assigneeId === me?.id || me?.role === 'admin';
  const active = e.status === 'open' || e.status === 'claimed';
  const canWrite = e.status === 'claimed' && mine;
  const textarea = h('textarea', {
    'data-c': 'reply-text',
    placeholder: canWrite ? 'Write a reply to the customer…' : 'Claim the escalation to reply',
    disabled: !canWrite,
    oninput: (ev) => drafts.set(id, ev.target.value),
  });
  textarea.value = drafts.get(id) ?? '';
  const sendReply = async () => {
    const text = textarea.value.trim();
    if (!text) return;
    drafts.delete(id);
    await act(`/escalations/${id}/reply`, { text }, rerender);
  };
  const draftBtn = h(
    'button',
    {
      'data-c': 'draft',
      disabled: !canWrite,
      onclick: async (ev) => {
        ev.target.disabled = true;
        try {
          const r = await api(`/escalations/${id}/draft`);
          // A live update may have re-rendered the view while the draft was computed: write the draft
          // into the draft store and into whichever reply box is on screen now, not the one clicked from.
          drafts.set(id, r.draft.text);
          const view = root.querySelector(`[data-c="conversation"][data-id="${id}"]`);
          const box = view?.querySelector('[data-c="reply-text"]');
          if (box) {
            box.value = r.draft.text;
            box.focus();
          }
        } catch (err) {
          toast(err.message);
        } finally {
          ev.target.disabled = false;
        }
      },
    },
    'AI draft',
  );
  const cannedSelect = h(
    'select',
    {
      'data-c': 'canned',
      disabled: !canWrite,
      onchange: (ev) => {
        const c = canned.find((x) => x.id === ev.target.value);
        if (c) textarea.value = textarea.value ? `${textarea.value}\n${c.text}` : c.text;
        drafts.set(id, textarea.value);
        ev.target.value = '';
      },
    },
    h('option', { value: '' }, 'Canned replies…'),
    canned.map((c) => h('option', { value: c.id }, c.title)),
  );
  const reassign = h(
    'select',
    {
      'data-c': 'reassign',
      disabled: !(active && (me?.role === 'admin' || e.assigneeId === me?.id)),
      onchange: (ev) => ev.target.value && act(`/escalations/${id}/reassign`, { staffId: ev.target.value }, rerender),
    },
    h('option', { value: '' }, 'Reassign to…'),
    staffList.staff
      .filter((s) => s.id !== e.assigneeId)
      .map((s) => h('option', { value: s.id }, `${s.name} (${s.role})`)),
  );
  const due = e.firstResponseAt ? null : e.firstResponseDueAt;
  mount(
    root,
    h('p', {}, h('a', { href: '#/inbox' }, '← Inbox')),
    h(
      'div',
      {
        class: 'conv',
        'data-c': 'conversation',
        'data-id': e.id,
        'data-conversation': e.conversationId,
        'data-status': e.status,
      },
      h(
        'section',
        { class: 'card' },
        h(
          'h2',
          {},
          d.conversation.customerName || 'Customer',
          h(
            'span',
            { class: 'meta', 'data-c': 'conv-status', 'data-status': d.conversation.status },
            ` · ${channelLabel(d.conversation.channel)} · ${conversationStatusLabel(d.conversation.status)}`,
          ),
        ),
        h('div', { class: 'transcript', 'data-c': 'transcript' }, d.transcript.map(message)),
        h(
          'div',
          { class: 'reply' },
          h('h3', {}, 'Reply'),
          textarea,
          h(
            'div',
            { class: 'actions' },
            h(
              'button',
              { class: 'primary', 'data-c': 'reply-send', disabled: !canWrite, onclick: sendReply },
              'Send reply',
            ),
            draftBtn,
            cannedSelect,
          ),
        ),
      ),
      h(
        'aside',
        { class: 'card' },
        h(
          'h2',
          {},
          'Hand-off ',
          h(
            'span',
            { class: `pill s-${e.status}`, 'data-c': 'esc-status', 'data-status': e.status },
            escalationStatusLabel(e.status),
          ),
        ),
        h(
          'dl',
          { class: 'kv' },
          h('dt', {}, 'Why'),
          h('dd', {}, reasonLabel(e.reason)),
          h('dt', {}, 'Priority'),
          h('dd', {}, priorityLabel(e.priority)),
          h('dt', {}, 'Department'),
          h('dd', {}, departmentLabel(e.department)),
          h('dt', {}, 'Assignee'),
          h('dd', { 'data-c': 'assignee' }, e.assigneeName || '—'),
          h('dt', {}, 'First reply'),
          h('dd', {}, e.firstResponseAt ? when(e.firstResponseAt) : `due ${dueText(due)}`),
          h('dt', {}, 'Resolution'),
          h('dd', {}, e.resolvedAt ? when(e.resolvedAt) : `due ${dueText(e.resolutionDueAt)}`),
        ),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              class: 'primary',
              'data-c': 'claim',
              disabled: e.status !== 'open',
              onclick: () => act(`/escalations/${id}/claim`, {}, rerender),
            },
            'Claim',
          ),
          h(
            'button',
            {
              'data-c': 'release',
              disabled: !(e.status === 'claimed' && mine),
              onclick: () => act(`/escalations/${id}/release`, {}, rerender),
            },
            'Release',
          ),
          h(
            'button',
            {
              'data-c': 'resolve',
              disabled: !(e.status === 'claimed' && mine),
              onclick: () => act(`/escalations/${id}/resolve`, {}, rerender),
            },
            'Resolve',
          ),
          h(
            'button',
            {
              'data-c': 'cancel',
              disabled: !active,
              onclick: () =>
                confirm('Cancel this escalation and hand the conversation back to the bots?') &&
                act(`/escalations/${id}/cancel`, {}, rerender),
            },
            'Cancel',
          ),
          reassign,
        ),
        h('h3', {}, 'Hand-off summary'),
        packetView(d),
        h('h3', {}, 'History'),
        h(
          'ol',
          { class: 'events', 'data-c': 'events' },
          d.events.map((ev) =>
            h('li', {}, `${when(ev.createdAt)} — ${eventLabel(ev.type)}${ev.data?.name ? ` (${ev.data.name})` : ''}`),
          ),
        ),
      ),
    ),
  );
}

// Inbox: escalations sorted by SLA urgency (server side), with status/priority/reason filters.
import { api } from './api.js';
import { dueText, h, mount, when } from './dom.js';
import { departmentLabel, escalationStatusLabel, priorityLabel, reasonLabel } from './labels.js';

const REASONS = [
  'customer_request',
  'qa_escalated',
  'low_confidence',
  'angry_customer',
  'security_incident',
  'model_failure',
  'legal_threat',
  'other',
];
const filters = { status: 'active', priority: '', reason: '' };

function select(name, options, label) {
  return h(
    'label',
    {},
    `${label} `,
    h(
      'select',
      {
        'data-c': `filter-${name}`,
        onchange: (e) => {
          filters[name] = e.target.value;
          window.dispatchEvent(new Event('sb-refresh'));
        },
      },
      options.map(([value, text]) => h('option', { value, selected: filters[name] === value }, text)),
    ),
  );
}

function nextDue(e) {
  if (e.status !== 'open' && e.status !== 'claimed') return null;
  return e.firstResponseAt
    ? { at: e.resolutionDueAt, what: 'resolution' }
    : { at: e.firstResponseDueAt, what: 'first response' };
}

/** Staffed hours (SUPPORT_HOURS): "Staffed now" or "Outside support hours; back Mon 09:00". */
function hoursLine(hours) {
  if (!hours) return h('p', { class: 'meta', 'data-c': 'support-hours' }, 'Support hours: always staffed');
  const now = hours.staffedNow ? 'staffed now' : `outside support hours, back ${hours.backAt}`;
  return h(
    'p',
    { class: hours.staffedNow ? 'meta' : 'meta overdue', 'data-c': 'support-hours' },
    `Support hours: ${hours.schedule} — ${now}. SLA clocks count staffed time only.`,
  );
}

function row(e) {
  const due = nextDue(e);
  const overdue = due && new Date(due.at).getTime() < Date.now();
  return h(
    'tr',
    { 'data-c': 'inbox-row', 'data-id': e.id, 'data-status': e.status, onclick: () => (location.hash = `#/e/${e.id}`) },
    h('td', {}, h('span', { class: `pill p-${e.priority}` }, priorityLabel(e.priority))),
    h('td', {}, h('span', { class: `pill s-${e.status}` }, escalationStatusLabel(e.status))),
    h('td', {}, reasonLabel(e.reason)),
    h(
      'td',
      { 'data-c': 'summary' },
      e.summary || '(no summary)',
      e.department ? h('div', { class: 'meta' }, departmentLabel(e.department)) : null,
    ),
    h('td', {}, e.assigneeName || '—'),
    h('td', { class: overdue ? 'overdue' : '' }, due ? `${due.what} ${dueText(due.at)}` : when(e.resolvedAt)),
    h('td', {}, when(e.createdAt)),
  );
}

/** Render the inbox into `root`. */
export async function renderInbox(root) {
  const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const data = await api(`/escalations?${q}`);
  mount(
    root,
    h('h2', {}, 'Hand-offs'),
    hoursLine(data.supportHours),
    h(
      'div',
      { class: 'filters' },
      select(
        'status',
        [
          ['active', 'Open + claimed'],
          ['open', 'Open'],
          ['claimed', 'Claimed'],
          ['resolved', 'Resolved'],
          ['cancelled', 'Cancelled'],
          ['', 'All'],
        ],
        'Status',
      ),
      select(
        'priority',
        [
          ['', 'Any'],
          ['urgent', 'Urgent'],
          ['high', 'High'],
          ['normal', 'Normal'],
          ['low', 'Low'],
        ],
        'Priority',
      ),
      select('reason', [['', 'Any'], ...REASONS.map((r) => [r, reasonLabel(r)])], 'Reason'),
      h('span', { class: 'meta', 'data-c': 'inbox-count' }, `${data.escalations.length} shown`),
    ),
    data.escalations.length
      ? h(
          'table',
          { 'data-c': 'inbox' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Priority', 'Status', 'Reason', 'Summary', 'Assignee', 'SLA', 'Opened'].map((t) => h('th', {}, t)),
            ),
          ),
          h('tbody', {}, data.escalations.map(row)),
        )
      : h('div', { class: 'card empty', 'data-c': 'inbox-empty' }, 'Nothing waiting. The bots have it covered.'),
  );
}

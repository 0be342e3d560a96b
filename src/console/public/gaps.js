// Knowledge gaps page: suggested articles from resolved escalations (edit, publish, reject) and
// the questions the bot could not answer, grouped, counted and ranked (GET /v1/staff/gaps).
import { api } from './api.js';
import { h, mount, toast, when } from './dom.js';

function suggestionCard(s, rerender) {
  const title = h('input', { 'data-c': 'suggestion-title', value: s.title, 'aria-label': 'Title' });
  const body = h('textarea', { 'data-c': 'suggestion-body', rows: 6, 'aria-label': 'Article body' });
  body.value = s.body;
  const act = (path, payload, done) => async () => {
    try {
      const r = await api(`/suggestions/${s.id}/${path}`, {
        method: 'POST',
        body: typeof payload === 'function' ? payload() : payload,
      });
      toast(done(r));
      rerender(true);
    } catch (err) {
      toast(err.message);
    }
  };
  return h(
    'div',
    { class: 'card suggestion', 'data-c': 'suggestion', 'data-id': s.id },
    h('div', { class: 'muted' }, `From a resolved conversation · ${when(s.createdAt)} · ${s.draftedBy} draft`),
    h('div', { class: 'muted', 'data-c': 'suggestion-question' }, `Customer asked: “${s.question}”`),
    title,
    body,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          class: 'primary',
          type: 'button',
          'data-c': 'suggestion-publish',
          onclick: act(
            'publish',
            () => ({ title: title.value, body: body.value }),
            (r) => `Published as ${r.articleId}`,
          ),
        },
        'Publish to the knowledge base',
      ),
      h(
        'button',
        { type: 'button', 'data-c': 'suggestion-reject', onclick: act('reject', {}, () => 'Suggestion rejected') },
        'Reject',
      ),
    ),
  );
}

function gapRow(g) {
  const trend = g.trend.last7 > g.trend.previous7 ? '↑' : g.trend.last7 < g.trend.previous7 ? '↓' : '→';
  return h(
    'div',
    { class: `card gap ${g.status}`, 'data-c': 'gap', 'data-status': g.status, 'data-id': g.id },
    h(
      'div',
      { class: 'gap-head' },
      h('strong', { 'data-c': 'gap-label' }, g.label),
      h('span', { class: 'pill', 'data-c': 'gap-count', title: 'Times asked' }, `${g.count}×`),
      h('span', { class: 'pill', title: 'Last 7 days vs the 7 before' }, `${trend} ${g.trend.last7} this week`),
      h('span', { class: 'pill', 'data-c': 'gap-status' }, g.status === 'closed' ? `closed by ${g.closedBy}` : 'open'),
    ),
    h(
      'div',
      { class: 'muted' },
      `Last seen ${when(g.lastSeenAt)} · ${Object.entries(g.reasons)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    ),
    h(
      'ul',
      {},
      g.examples.map((t) => h('li', { 'data-c': 'gap-example' }, t)),
    ),
    h('div', { class: 'muted' }, `Conversations: ${g.conversationIds.map((id) => id.slice(0, 8)).join(', ')}`),
  );
}

/** Render the page into `main` (kept as it is while staff edit a draft, unless `force`). */
export async function renderGaps(main, force = false) {
  const page = main.querySelector('[data-c="gaps-page"]');
  if (!force && page?.contains(document.activeElement) && document.activeElement?.matches('input, textarea')) return;
  const [s, g] = await Promise.all([api('/suggestions?status=pending'), api('/gaps')]);
  const rerender = (f) => renderGaps(main, f);
  mount(
    main,
    h(
      'section',
      { 'data-c': 'gaps-page' },
      h('h2', {}, 'Suggested articles'),
      s.suggestions.length
        ? s.suggestions.map((x) => suggestionCard(x, rerender))
        : h(
            'p',
            { class: 'muted', 'data-c': 'no-suggestions' },
            'No suggestions: they appear when staff resolve escalations.',
          ),
      h('h2', {}, 'Knowledge gaps'),
      h(
        'p',
        { class: 'muted' },
        'Questions the assistant could not answer (uncertain, handed off, declined though in scope, rated “Not helpful”), grouped by meaning, most frequent and recent first.',
      ),
      g.gaps.length
        ? g.gaps.map(gapRow)
        : h('p', { class: 'muted', 'data-c': 'no-gaps' }, 'No gaps recorded in the last 30 days.'),
    ),
  );
}

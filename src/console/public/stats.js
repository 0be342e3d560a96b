// Stats page: KPI cards and inline-SVG charts (no chart library, no CDN).
import { api } from './api.js';
import { duration, h, mount, svg } from './dom.js';
import { reasonLabel } from './labels.js';

const pct = (v) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);

/** Dollars with sensible precision: $12.34, $0.42, $0.031, $0.0031, "< $0.0001", $0. */
export function usd(v) {
  if (v === null || v === undefined) return '—';
  if (v === 0) return '$0';
  if (v < 0.0001) return '< $0.0001';
  if (v >= 0.1) return `$${v.toFixed(2)}`;
  return `$${Number(v.toPrecision(2))}`;
}

/** One KPI tile; `definition` is shown as a tooltip and under the label. */
function kpi(label, value, key, definition) {
  return h(
    'div',
    { class: 'card kpi', 'data-c': `kpi-${key}`, title: definition, tabindex: '0' },
    h('div', { class: 'v' }, value),
    h('div', { class: 'l' }, label),
    h('div', { class: 'def', 'data-c': 'kpi-definition' }, definition),
  );
}

/** The answer-cache tile: hit rate, model calls saved, wrong hits prevented. */
function cacheTile(c) {
  if (!c) return null;
  return kpi(
    `Answer cache (${c.exactHits + c.semanticHits} of ${c.lookups} lookups · ${c.modelCallsSaved} model calls saved · ${c.wrongHitsPrevented} wrong hits prevented)`,
    pct(c.hitRate),
    'cache',
    'Hit rate: first questions (no earlier context) answered from a cached QA-approved answer, exactly or as a close rewording, / every such question looked up. Model calls saved: paid model calls the original answers made that the hits did not repeat. Wrong hits prevented: close rewordings not served because retrieval now leads to another article. Counted by every process, written every few seconds.',
  );
}

/** Vertical bar chart of `points` [{label, value}] as an SVG element. */
function barChart(points, { width = 560, height = 200, color = '#2f5bea', format = String } = {}) {
  const pad = { l: 34, r: 8, t: 12, b: 36 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const w = (width - pad.l - pad.r) / Math.max(points.length, 1);
  const y = (v) => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  for (const t of [0, 0.5, 1]) {
    const v = max * t;
    root.appendChild(svg('line', { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), stroke: '#e2e5ea' }));
    root.appendChild(
      svg(
        'text',
        { x: pad.l - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#6b7280' },
        format(Math.round(v * 100) / 100),
      ),
    );
  }
  points.forEach((p, i) => {
    const x = pad.l + i * w;
    const bar = svg('rect', {
      x: x + w * 0.15,
      y: y(p.value),
      width: w * 0.7,
      height: Math.max(0, height - pad.b - y(p.value)),
      fill: color,
      rx: 2,
    });
    bar.appendChild(svg('title', {}, `${p.label}: ${format(p.value)}`));
    root.appendChild(bar);
    if (points.length <= 16 || i % Math.ceil(points.length / 12) === 0) {
      root.appendChild(
        svg(
          'text',
          { x: x + w / 2, y: height - pad.b + 14, 'text-anchor': 'middle', 'font-size': 10, fill: '#6b7280' },
          p.label,
        ),
      );
    }
  });
  return root;
}

/** Horizontal bars for categorical data (escalations by reason). */
function hBars(points, { width = 560, color = '#b26a00', format = String } = {}) {
  const rowH = 24;
  const height = Math.max(rowH, points.length * rowH) + 8;
  const labelW = 250;
  const max = Math.max(1, ...points.map((p) => p.value));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  points.forEach((p, i) => {
    const y = 4 + i * rowH;
    const bw = ((width - labelW - 70) * p.value) / max;
    root.appendChild(
      svg('text', { x: labelW - 6, y: y + 15, 'text-anchor': 'end', 'font-size': 11, fill: '#1d2330' }, p.label),
    );
    root.appendChild(
      svg('rect', { x: labelW, y: y + 4, width: Math.max(bw, 1), height: rowH - 8, fill: color, rx: 2 }),
    );
    root.appendChild(svg('text', { x: labelW + bw + 6, y: y + 15, 'font-size': 11, fill: '#6b7280' }, format(p)));
  });
  if (!points.length)
    root.appendChild(svg('text', { x: 10, y: 18, 'font-size': 12, fill: '#6b7280' }, 'No escalations in this period.'));
  return root;
}

/** Render the stats page into `root`. */
export async function renderStats(root) {
  const s = await api('/stats?days=14');
  mount(
    root,
    h('h2', {}, `Last ${s.days} days`),
    h(
      'div',
      { class: 'stats', 'data-c': 'stats' },
      kpi(
        'Conversations',
        String(s.conversations),
        'conversations',
        'Conversations started in the period in which the customer wrote at least once.',
      ),
      kpi(
        `Resolved by the bot (${s.botResolved})`,
        pct(s.botResolutionRate),
        'bot-resolution',
        `Share of conversations whose last bot reply was a grounded answer, never handed to a person, not rated "Not helpful", and the customer did not write again or come back within ${s.returnWindowHours} h. Declined and uncertain replies never count.`,
      ),
      kpi(
        'Handed to a person',
        pct(s.escalationRate),
        'escalation-rate',
        'Share of conversations with at least one hand-off to the support team (any outcome).',
      ),
      kpi(
        `Customer satisfaction (${s.csat.positive} helpful / ${s.csat.negative} not helpful)`,
        pct(s.csat.score),
        'csat',
        'Helpful ratings / (Helpful + Not helpful ratings) given in the period, on bot and staff replies.',
      ),
      kpi(
        'Median time to first human reply',
        duration(s.medianFirstResponseSeconds),
        'first-response',
        'Median time from a hand-off to the first reply written by a person (hand-offs with a reply).',
      ),
      kpi(
        'Median time to resolution',
        duration(s.medianResolutionSeconds),
        'resolution',
        'Median time from a hand-off to "Resolve" (resolved hand-offs only).',
      ),
      kpi(
        'Model cost per resolved conversation',
        usd(s.cost.perResolvedConversationUsd),
        'cost',
        'All model spend in the period divided by conversations resolved (by the bot, as defined above, or by a person). Spend on unresolved conversations counts against the resolved ones.',
      ),
      kpi(
        `Model spend (${s.cost.calls} calls)`,
        usd(s.cost.totalUsd),
        'spend',
        'Total cost of every model call in the period, failed attempts and staff AI drafts included. The offline (local) tier costs $0.',
      ),
      cacheTile(s.cache),
      h(
        'div',
        { class: 'card chart', 'data-c': 'chart-conversations' },
        h('h3', {}, 'Conversations per day'),
        barChart(s.conversationsPerDay.map((d) => ({ label: d.day.slice(5), value: d.count }))),
      ),
      h(
        'div',
        { class: 'card chart', 'data-c': 'chart-reasons' },
        h('h3', {}, 'Escalations by reason (share of conversations)'),
        hBars(
          s.escalationsByReason.map((r) => ({ label: reasonLabel(r.reason), value: r.count, rate: r.rate })),
          { format: (p) => `${p.value} · ${pct(p.rate)}` },
        ),
      ),
    ),
  );
}

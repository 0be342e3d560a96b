// Stats page: KPI cards and inline-SVG charts (no chart library, no CDN).
import { api } from './api.js';
import { duration, h, mount, svg } from './dom.js';

const pct = (v) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);
const usd = (v) => (v === null || v === undefined ? '—' : `$${v < 0.01 ? v.toFixed(5) : v.toFixed(3)}`);

function kpi(label, value, key) {
  return h(
    'div',
    { class: 'card kpi', 'data-c': `kpi-${key}` },
    h('div', { class: 'v' }, value),
    h('div', { class: 'l' }, label),
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
  const labelW = 140;
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
      kpi('Conversations', String(s.conversations), 'conversations'),
      kpi('Bot resolution rate', pct(s.botResolutionRate), 'bot-resolution'),
      kpi('Escalation rate', pct(s.escalationRate), 'escalation-rate'),
      kpi(`CSAT (${s.csat.positive} positive / ${s.csat.negative} negative)`, pct(s.csat.score), 'csat'),
      kpi('Median time to first human reply', duration(s.medianFirstResponseSeconds), 'first-response'),
      kpi('Median time to resolution', duration(s.medianResolutionSeconds), 'resolution'),
      kpi('Model cost per resolved conversation', usd(s.cost.perResolvedConversationUsd), 'cost'),
      kpi(`Model spend (${s.cost.calls} calls)`, usd(s.cost.totalUsd), 'spend'),
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
          s.escalationsByReason.map((r) => ({ label: r.reason.replace(/_/g, ' '), value: r.count, rate: r.rate })),
          { format: (p) => `${p.value} · ${pct(p.rate)}` },
        ),
      ),
    ),
  );
}

// Overview: what was spent today and this month, where it is heading, who and what spends it, and what was wasted
// or saved. Every number comes from /admin/spend (roll-ups), the same report as `bursar spend`. Grouping by cache
// outcome is left out on purpose: the roll-ups do not keep it, so it would scan the month's raw rows (30 s at 10M).
import {h} from '../dom.js';
import {get, utcDay, monthStart, lastDayOf, monthLabel} from '../api.js';
import {pico, usd, pct, dollars, count, plain} from '../money.js';
import {card, panel, table} from './common.js';
import {spendBars, doughnut} from '../charts.js';
import {routeLink} from '../dom.js';

export async function render(root) {
  const now = new Date();
  const today = utcDay(now);
  const m0 = monthStart(now);
  const p0 = monthStart(now, -1);
  const month = {from: utcDay(m0), to: utcDay(lastDayOf(m0))};
  const last = {from: utcDay(p0), to: utcDay(lastDayOf(p0))};
  const dayFrom = utcDay(new Date(now.getTime() - 29 * 86400000));
  const hourFrom = new Date(Math.floor(now.getTime() / 3600000) * 3600000 - 47 * 3600000).toISOString().replace('.000', '');

  const [t, m, l, daily, byCustomer, byFeature, byModel] = await Promise.all([
    get('/admin/spend', {from: today, to: today}),
    get('/admin/spend', month),
    get('/admin/spend', last),
    get('/admin/spend', {group_by: 'day', from: dayFrom, to: today}),
    get('/admin/spend', {group_by: 'customer', ...month}),
    get('/admin/spend', {group_by: 'feature', ...month}),
    get('/admin/spend', {group_by: 'model', ...month}),
  ]);
  const todayRow = t.rows[0];
  const monthRow = m.rows[0];
  const lastRow = l.rows[0];
  const mtd = pico(monthRow.cost_usd);
  const lastTotal = pico(lastRow.cost_usd);

  // Forecast: this month's spend so far, at the same pace to the month's end (exact ratio of elapsed seconds).
  const monthEnd = monthStart(now, 1);
  const elapsed = BigInt(Math.max(1, Math.floor((now - m0) / 1000)));
  const whole = BigInt(Math.floor((monthEnd - m0) / 1000));
  const forecast = mtd * whole / elapsed;

  const failed = pico(monthRow.failed_cost_usd);
  const saved = pico(monthRow.saved_usd);
  const vsLast = lastTotal === 0n ? 'no spend last month' : pct(forecast - lastTotal, lastTotal) + ' vs last month';

  const cards = h('div', {class: 'kpis'},
    card('Spend today', usd(todayRow.cost_usd), {metric: 'today', exact: todayRow.cost_usd,
      note: count(todayRow.requests) + ' requests'}),
    card('This month', usd(mtd), {metric: 'month', exact: monthRow.cost_usd,
      note: count(monthRow.requests) + ' requests · ' + monthLabel(m0)}),
    card('Last month', usd(lastTotal), {metric: 'last_month', exact: lastRow.cost_usd, note: monthLabel(p0)}),
    card('Forecast to month end', usd(forecast), {metric: 'forecast', exact: plain(forecast), note: vsLast,
      tone: lastTotal > 0n && forecast > lastTotal ? 'up' : ''}),
    card('Wasted (failed attempts)', usd(failed), {metric: 'wasted', exact: monthRow.failed_cost_usd,
      note: count(monthRow.failed_attempts) + ' failed attempts · ' + pct(failed, mtd === 0n ? 0n : mtd) + ' of spend',
      tone: failed > 0n ? 'bad' : ''}),
    card('Saved by the cache', usd(saved), {metric: 'saved', exact: monthRow.saved_usd,
      note: saved === 0n ? 'no cache hits this month' : pct(saved, mtd + saved) + ' of what the calls would have cost',
      tone: saved > 0n ? 'good' : ''}));

  const canvas = h('canvas', {id: 'spend-chart', 'aria-label': 'Spend over time'});
  const toggle = h('div', {class: 'seg'},
    h('button', {type: 'button', class: 'on', 'data-grain': 'day', onclick: (e) => draw('day', e.target)}, 'Daily · 30 days'),
    h('button', {type: 'button', 'data-grain': 'hour', onclick: (e) => draw('hour', e.target)}, 'Hourly · 48 h'));
  let current;
  let hourly; // fetched on first use: hourly roll-ups over 48 h are the slowest read of the page (~0.6 s at 10M rows)
  async function draw(grain, button) {
    for (const b of toggle.children) b.classList.toggle('on', b === button);
    if (grain === 'hour' && !hourly) {
      hourly = await get('/admin/spend', {group_by: 'hour', from: hourFrom, to: today});
    }
    const series = grain === 'day' ? fillDays(daily.rows, dayFrom, 30) : fillHours(hourly.rows, hourFrom, 48);
    if (current) current.destroy();
    current = spendBars(canvas, series.labels, series.values);
  }

  const top = (rows, dim, link) => table([
    {label: dim[0].toUpperCase() + dim.slice(1), value: r => link ? routeLink(r[dim], link, r[dim]) : r[dim]},
    {label: 'Spend', cls: 'num', value: r => usd(r.cost_usd)},
    {label: 'Requests', cls: 'num', value: r => count(r.requests)},
    {label: 'Share', cls: 'num', value: r => pct(pico(r.cost_usd), mtd)},
  ], rows.slice(0, 8), {id: 'top-' + dim});

  root.replaceChildren(
    cards,
    h('div', {class: 'grid-2-1'},
      panel('Spend over time', toggle, h('div', {class: 'chart'}, canvas)),
      panel('Spend by model', h('div', {class: 'chart'}, h('canvas', {id: 'model-chart'})))),
    h('div', {class: 'grid-3'},
      panel('Top customers', top(byCustomer.rows, 'customer', 'customer')),
      panel('Top features', top(byFeature.rows, 'feature')),
      panel('Top models', top(byModel.rows, 'model'))));
  await draw('day', toggle.children[0]);
  const models = byModel.rows.slice(0, 8);
  doughnut(document.getElementById('model-chart'), models.map(r => r.model), models.map(r => dollars(r.cost_usd)));
  return {title: 'Overview', subtitle: 'Month to date ' + monthLabel(m0) + ' · from the ledger roll-ups'};
}

/** Every day of the window, zero where nothing was spent, so gaps show as gaps. */
function fillDays(rows, from, days) {
  const by = new Map(rows.map(r => [r.day, r.cost_usd]));
  const labels = [], values = [];
  const start = Date.parse(from + 'T00:00:00Z');
  for (let i = 0; i < days; i++) {
    const d = new Date(start + i * 86400000).toISOString().slice(0, 10);
    labels.push(d.slice(5));
    values.push(dollars(by.get(d) || '0'));
  }
  return {labels, values};
}

function fillHours(rows, from, hours) {
  const by = new Map(rows.map(r => [r.hour, r.cost_usd]));
  const labels = [], values = [];
  const start = Date.parse(from);
  for (let i = 0; i < hours; i++) {
    const t = new Date(start + i * 3600000).toISOString().replace('.000', '');
    labels.push(t.slice(11, 13) === '00' ? t.slice(5, 10) : t.slice(11, 16));
    values.push(dollars(by.get(t) || '0'));
  }
  return {labels, values};
}

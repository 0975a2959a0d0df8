// One customer: 30-day trend, its features and models this month, and a link to its latest requests.
import {h, routeLink} from '../dom.js';
import {get, utcDay, monthStart, lastDayOf, monthLabel} from '../api.js';
import {pico, usd, usdSmall, count, dollars, pct} from '../money.js';
import {panel, table, card} from './common.js';
import {spendBars} from '../charts.js';

export async function render(root, [id]) {
  const now = new Date();
  const m0 = monthStart(now);
  const month = {from: utcDay(m0), to: utcDay(lastDayOf(m0))};
  const from = utcDay(new Date(now.getTime() - 29 * 86400000));
  const [days, features, models] = await Promise.all([
    get('/admin/spend', {group_by: 'customer,day', from, to: utcDay(now)}),
    get('/admin/spend', {group_by: 'customer,feature', ...month}),
    get('/admin/spend', {group_by: 'customer,model', ...month}),
  ]);
  const mine = (rows) => rows.filter(r => r.customer === id);
  const f = mine(features.rows);
  const total = f.reduce((a, r) => a + pico(r.cost_usd), 0n);
  const requests = f.reduce((a, r) => a + r.requests, 0);
  const failed = f.reduce((a, r) => a + pico(r.failed_cost_usd), 0n);
  const byDay = new Map(mine(days.rows).map(r => [r.day, r.cost_usd]));
  const labels = [], values = [];
  const start = Date.parse(from + 'T00:00:00Z');
  for (let i = 0; i < 30; i++) {
    const d = new Date(start + i * 86400000).toISOString().slice(0, 10);
    labels.push(d.slice(5));
    values.push(dollars(byDay.get(d) || '0'));
  }
  const canvas = h('canvas', {id: 'customer-chart'});
  const cols = (dim) => [
    {label: dim[0].toUpperCase() + dim.slice(1), value: r => r[dim], sort: r => r[dim]},
    {label: 'Spend', cls: 'num', value: r => usd(r.cost_usd), sort: r => pico(r.cost_usd), defaultAsc: false},
    {label: 'Requests', cls: 'num', value: r => count(r.requests), sort: r => r.requests, defaultAsc: false},
    {label: 'Cost / request', cls: 'num', value: r => r.requests ? usdSmall(pico(r.cost_usd) / BigInt(r.requests)) : '—'},
    {label: 'Share', cls: 'num', value: r => pct(pico(r.cost_usd), total)},
  ];
  root.replaceChildren(
    h('p', {class: 'crumbs'}, routeLink('← All customers', 'customers'), ' · ',
      h('a', {href: '#/requests?customer=' + encodeURIComponent(id)}, 'Latest requests')),
    h('div', {class: 'kpis'},
      card('Spend this month', usd(total), {metric: 'customer_month'}),
      card('Requests', count(requests), {metric: 'customer_requests'}),
      card('Cost per request', requests ? usdSmall(total / BigInt(requests)) : '—', {metric: 'customer_cpr'}),
      card('Wasted', usd(failed), {metric: 'customer_wasted', tone: failed > 0n ? 'bad' : ''})),
    panel('Daily spend · 30 days', h('div', {class: 'chart'}, canvas)),
    h('div', {class: 'grid-2'},
      panel('Features · ' + monthLabel(m0), table(cols('feature'), f, {initial: [1, false], id: 'customer-features'})),
      panel('Models · ' + monthLabel(m0), table(cols('model'), mine(models.rows), {initial: [1, false], id: 'customer-models'}))));
  spendBars(canvas, labels, values);
  return {title: id, subtitle: 'Customer'};
}

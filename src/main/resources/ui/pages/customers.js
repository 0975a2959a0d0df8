// Customers: spend, requests, cost per request and budget from /admin/spend and /admin/budgets; revenue, cost to
// serve and margin from /admin/margin (the books). Negative margins first.
import {h, routeLink} from '../dom.js';
import {get, utcDay, monthStart, lastDayOf, monthLabel} from '../api.js';
import {pico, usd, usdSmall, count} from '../money.js';
import {panel, table, bar, badge, card} from './common.js';

export async function render(root) {
  const now = new Date();
  const m0 = monthStart(now);
  const month = {from: utcDay(m0), to: utcDay(lastDayOf(m0))};
  const [spend, margin, budgets] = await Promise.all([
    get('/admin/spend', {group_by: 'customer', ...month}),
    get('/admin/margin', {month: monthLabel(m0), group_by: 'customer'}),
    get('/admin/budgets'),
  ]);
  const rows = new Map();
  const row = (id) => rows.get(id) || rows.set(id, {customer: id, cost: 0n, requests: 0, margin: null}).get(id);
  for (const s of spend.rows) {
    Object.assign(row(s.customer), {cost: pico(s.cost_usd), cost_usd: s.cost_usd, requests: s.requests});
  }
  for (const m of margin.rows) {
    Object.assign(row(m.customer), {margin: m, revenue: pico(m.revenue_usd), cts: pico(m.cost_to_serve_usd),
      marginUsd: pico(m.margin_usd)});
  }
  for (const b of budgets.status.filter(s => s.scope === 'customer')) {
    const r = row(b.value);
    const limit = pico(b.limit_usd);
    const used = limit === 0n ? 0 : Number((pico(b.spent_usd) + pico(b.reserved_usd)) * 1000n / limit);
    if (!r.budget || used > r.budget.used) r.budget = {used, status: b};
  }
  const list = [...rows.values()];
  const losing = list.filter(r => r.margin && r.marginUsd < 0n);
  const revenue = list.reduce((a, r) => a + (r.revenue || 0n), 0n);
  const cts = list.reduce((a, r) => a + (r.cts || 0n), 0n);
  const NONE = 10n ** 30n; // customers without books sort after every real margin

  const columns = [
    {label: 'Customer', value: r => routeLink(r.customer, 'customer', r.customer), sort: r => r.customer, key: 'customer'},
    {label: 'Spend', cls: 'num', value: r => usd(r.cost), sort: r => r.cost, key: 'spend', defaultAsc: false},
    {label: 'Requests', cls: 'num', value: r => count(r.requests), sort: r => r.requests, key: 'requests', defaultAsc: false},
    {label: 'Cost / request', cls: 'num', value: r => r.requests ? usdSmall(r.cost / BigInt(r.requests)) : '—',
      sort: r => r.requests ? r.cost / BigInt(r.requests) : 0n, key: 'cpr', defaultAsc: false},
    {label: 'Budget', value: r => r.budget ? bar(r.budget.used, usdSmall(r.budget.status.spent_usd) + ' of ' + usdSmall(r.budget.status.limit_usd))
      : h('span', {class: 'muted'}, 'none'), sort: r => r.budget ? r.budget.used : -1, key: 'budget', defaultAsc: false},
    {label: 'Revenue', cls: 'num', value: r => r.margin ? usd(r.revenue) : '—', sort: r => r.revenue ?? -1n, key: 'revenue'},
    {label: 'Cost to serve', cls: 'num', value: r => r.margin ? usd(r.cts) : '—', sort: r => r.cts ?? -1n, key: 'cts'},
    {label: 'Margin', cls: 'num', value: r => r.margin ? h('span', {class: r.marginUsd < 0n ? 'neg' : 'pos'}, usd(r.marginUsd)) : '—',
      sort: r => r.margin ? r.marginUsd : NONE, key: 'margin'},
    {label: 'Margin %', cls: 'num', value: r => r.margin && r.margin.margin_pct !== null ? r.margin.margin_pct + '%' : '—',
      sort: r => r.margin ? r.marginUsd : NONE, key: 'margin_pct'},
    {label: 'Status', value: r => r.margin ? badge(r.margin.status, r.marginUsd < 0n ? 'bad' : r.margin.status === 'ok' ? 'good' : 'warn') : '',
      sort: r => r.margin ? r.margin.status : '', key: 'status'},
  ];
  root.replaceChildren(
    h('div', {class: 'kpis'},
      card('Customers with spend', count(spend.rows.length), {metric: 'customers'}),
      card('Revenue', usd(revenue), {metric: 'revenue'}),
      card('Cost to serve', usd(cts), {metric: 'cost_to_serve'}),
      card('Losing money', count(losing.length), {metric: 'losing', tone: losing.length ? 'bad' : 'good',
        note: losing.length ? 'negative margin this month' : 'every customer above cost'})),
    panel('Customers · ' + monthLabel(m0), table(columns, list, {initial: [7, true], id: 'customers',
      rowAttrs: r => ({'data-customer': r.customer})})));
  return {title: 'Customers', subtitle: 'Month to date ' + monthLabel(m0) + ' · revenue and cost to serve from the books'};
}

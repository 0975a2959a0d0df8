// Budgets and alerts: each budget value's current window as a bar of spent + reserved against its limit, and the
// alert history (/admin/budgets, /admin/alerts).
import {h} from '../dom.js';
import {get} from '../api.js';
import {pico, usdSmall as usd} from '../money.js';
import {panel, table, bar, badge} from './common.js';

export async function render(root) {
  const [budgets, alerts] = await Promise.all([get('/admin/budgets'), get('/admin/alerts', {limit: 200})]);
  const defs = new Map(budgets.budgets.map(b => [b.name, b]));
  const used = (s) => {
    const limit = pico(s.limit_usd);
    return limit === 0n ? 0 : Number((pico(s.spent_usd) + pico(s.reserved_usd)) * 1000n / limit);
  };
  const when = (t) => t ? t.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '—';
  const status = table([
    {label: 'Budget', value: s => s.budget, sort: s => s.budget},
    {label: 'Scope', value: s => s.scope + (s.value ? ' = ' + s.value : ''), sort: s => s.scope + s.value},
    {label: 'Window', value: s => s.window + ' · resets ' + when(s.resets_at), sort: s => s.resets_at},
    {label: 'Used', value: s => bar(used(s), usd(s.spent_usd) + (pico(s.reserved_usd) > 0n ? ' + ' + usd(s.reserved_usd) + ' held' : '')
      + ' of ' + usd(s.limit_usd)), sort: s => used(s), defaultAsc: false},
    {label: 'Remaining', cls: 'num', value: s => usd(s.remaining_usd), sort: s => pico(s.remaining_usd)},
    {label: 'Enforce', value: s => badge(s.hard ? 'hard' : 'soft', s.hard ? 'warn' : ''),
      sort: s => s.hard ? 1 : 0},
  ], budgets.status, {initial: [3, false], id: 'budget-status', empty: 'No budget has a window yet: no spend in its scope.'});
  const defined = table([
    {label: 'Name', value: b => b.name},
    {label: 'Scope', value: b => b.scope + (b.match ? ' ' + b.match : '')},
    {label: 'Window', value: b => b.window + (b.time_zone ? ' (' + b.time_zone + ')' : '')},
    {label: 'Limit', cls: 'num', value: b => usd(b.limit_usd)},
    {label: 'Alerts at', value: b => (b.alert_at || []).join(', ')},
    {label: 'Enforce', value: b => b.enforce},
    {label: 'From', value: b => b.from_config ? 'bursar.yaml' : 'admin API'},
  ], [...defs.values()], {id: 'budgets', empty: 'No budgets. Add them in bursar.yaml or with bursar budgets set.'});
  const history = table([
    {label: 'Fired', value: a => when(a.fired_at), sort: a => a.fired_at, defaultAsc: false},
    {label: 'Severity', value: a => badge(a.severity, a.severity === 'critical' ? 'bad' : a.severity === 'warning' ? 'warn' : ''),
      sort: a => a.severity},
    {label: 'Rule', value: a => a.rule, sort: a => a.rule},
    {label: 'Scope', value: a => a.scope + (a.scope_value ? ' = ' + a.scope_value : '')},
    {label: 'Message', value: a => a.message},
    {label: 'Resolved', value: a => a.resolved_at ? when(a.resolved_at) : badge('open', 'bad'), sort: a => a.resolved_at || ''},
  ], alerts.alerts, {initial: [0, false], id: 'alerts', empty: 'No alerts have fired.'});
  root.replaceChildren(
    panel('Budgets in force · current windows', status),
    panel('Alert history', history),
    panel('Budget definitions', defined));
  return {title: 'Budgets & alerts', subtitle: budgets.budgets.length + ' budgets · ' + alerts.alerts.length + ' recent alerts'};
}

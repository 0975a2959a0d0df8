// Requests: the newest ledger rows (/admin/requests), filtered by customer, feature, model and status; each with its
// token classes and exact cost. "Older" pages back from the last row shown.
import {h, fill} from '../dom.js';
import {get} from '../api.js';
import {usdSmall, count, plain, pico} from '../money.js';
import {panel, badge} from './common.js';

const STATUSES = ['', 'ok', 'error', 'client_cancelled'];

export async function render(root, _params, query) {
  const filters = {};
  for (const k of ['customer', 'feature', 'model', 'status']) filters[k] = query.get(k) || '';
  const input = (name, placeholder) => h('input', {name, id: 'filter-' + name, placeholder, value: filters[name]});
  const status = h('select', {name: 'status', id: 'filter-status'},
    STATUSES.map(s => h('option', {value: s, selected: s === filters.status ? 'selected' : null}, s || 'any status')));
  const form = h('form', {class: 'filters', id: 'request-filters', onsubmit: (e) => {
    e.preventDefault();
    const q = new URLSearchParams([...new FormData(form)].filter(([, v]) => v !== ''));
    location.hash = '#/requests' + (q.toString() ? '?' + q : '');
  }}, input('customer', 'customer'), input('feature', 'feature'), input('model', 'served model'), status,
  h('button', {type: 'submit', class: 'primary'}, 'Filter'),
  h('a', {href: '#/requests', class: 'button'}, 'Clear'));
  const body = h('tbody');
  const more = h('button', {type: 'button', id: 'older', class: 'button'}, 'Older');
  let before;
  async function load() {
    const page = await get('/admin/requests', {...filters, before, limit: 100});
    for (const r of page.rows) body.appendChild(row(r));
    if (page.rows.length) before = page.rows[page.rows.length - 1].time;
    more.hidden = page.rows.length < 100;
    if (!body.children.length) fill(body, h('tr', {}, h('td', {colspan: 10, class: 'empty'}, 'No requests match.')));
  }
  more.addEventListener('click', load);
  await load();
  const heads = ['Time', 'Customer', 'Feature', 'Model', 'Status', 'Input', 'Cached', 'Output', 'Reasoning', 'Cost (USD)'];
  root.replaceChildren(panel('Latest requests', form,
    h('div', {class: 'table-wrap'}, h('table', {id: 'requests'},
      h('thead', {}, h('tr', {}, heads.map((t, i) => h('th', {class: i >= 5 ? 'num' : ''}, t)))), body)),
    h('div', {class: 'pager'}, more)));
  return {title: 'Requests', subtitle: 'Newest first · one row per upstream attempt'};
}

function row(r) {
  const tone = r.status === 'ok' ? 'good' : r.status === 'client_cancelled' ? 'warn' : 'bad';
  const tokens = (n) => count(n);
  const writes = (r.cache_write_5m_tokens || 0) + (r.cache_write_1h_tokens || 0);
  return h('tr', {'data-event': r.event_id, 'data-cost': r.cost_usd},
    h('td', {class: 'mono', title: r.request_id}, r.time.replace('T', ' ').replace(/(\.\d+)?Z$/, '')),
    h('td', {}, r.customer ?? h('span', {class: 'muted'}, '—')),
    h('td', {}, r.feature ?? h('span', {class: 'muted'}, '—')),
    h('td', {title: r.provider ? 'via ' + r.provider : null}, r.served_model ?? r.requested_model ?? '—'),
    h('td', {}, badge(r.status + (r.http_status ? ' ' + r.http_status : ''), tone),
      r.cache && r.cache.startsWith('hit') ? badge(r.cache, 'good') : null),
    h('td', {class: 'num'}, tokens(r.input_tokens)),
    h('td', {class: 'num', title: writes ? count(writes) + ' tokens written to the cache' : null}, tokens(r.cached_input_tokens)),
    h('td', {class: 'num'}, tokens(r.output_tokens)),
    h('td', {class: 'num'}, tokens(r.reasoning_tokens)),
    h('td', {class: 'num mono', title: usdSmall(r.cost_usd)}, plain(pico(r.cost_usd))));
}

// Prices: the catalog the gateway prices with (/admin/prices), searchable; a model's row opens its price history.
import {h, fill} from '../dom.js';
import {get} from '../api.js';
import {panel, badge} from './common.js';

const CLASSES = ['input', 'cached_input', 'cache_write_5m', 'output', 'batch_input', 'batch_output'];

export async function render(root) {
  const catalog = await get('/admin/prices');
  const search = h('input', {type: 'search', id: 'price-search', placeholder: 'Search model, alias or provider', autocomplete: 'off'});
  const body = h('tbody');
  const open = new Set();
  function draw() {
    const q = search.value.trim().toLowerCase();
    const models = catalog.models.filter(m => !q || m.id.toLowerCase().includes(q) || m.provider.toLowerCase().includes(q)
      || m.aliases.some(a => a.toLowerCase().includes(q)));
    fill(body, models.length ? models.flatMap(m => rows(m)) : h('tr', {}, h('td', {colspan: 9, class: 'empty'}, 'No model matches.')));
  }
  function rows(m) {
    const now = m.history.find(v => v.version === m.current) || {usd_per_million: {}};
    const p = (c) => now.usd_per_million[c] ?? '—';
    const main = h('tr', {class: 'clickable', 'data-model': m.id, onclick: () => { open.has(m.id) ? open.delete(m.id) : open.add(m.id); draw(); }},
      h('td', {}, h('span', {class: 'caret'}, open.has(m.id) ? '▾' : '▸'), ' ', h('strong', {}, m.id),
        m.aliases.length ? h('div', {class: 'muted small'}, m.aliases.join(', ')) : null),
      h('td', {}, m.provider), h('td', {}, m.mode),
      h('td', {class: 'num'}, m.context_window ? Number(m.context_window).toLocaleString('en-US') : '—'),
      h('td', {class: 'num'}, p('input')), h('td', {class: 'num'}, p('cached_input')), h('td', {class: 'num'}, p('output')),
      h('td', {}, m.current ? badge(m.current.split('@')[1] || m.current) : badge('no price yet', 'warn')),
      h('td', {class: 'num'}, String(m.history.length)));
    if (!open.has(m.id)) return [main];
    const hist = h('table', {class: 'inner'},
      h('thead', {}, h('tr', {}, h('th', {}, 'From'), CLASSES.map(c => h('th', {class: 'num'}, c.replace(/_/g, ' '))), h('th', {}, 'Tiers'), h('th', {}, 'Source'))),
      h('tbody', {}, [...m.history].reverse().map(v => h('tr', {class: v.version === m.current ? 'current' : ''},
        h('td', {}, v.effective_from),
        CLASSES.map(c => h('td', {class: 'num'}, v.usd_per_million[c] ?? '—')),
        h('td', {}, v.tiers.map(t => '> ' + Number(t.above_input_tokens).toLocaleString('en-US') + ' tokens: '
          + (t.usd_per_million.input ?? '—') + ' / ' + (t.usd_per_million.output ?? '—')).join('; ') || '—'),
        h('td', {class: 'muted small'}, v.source || '')))));
    return [main, h('tr', {class: 'history'}, h('td', {colspan: 9}, hist))];
  }
  search.addEventListener('input', draw);
  draw();
  root.replaceChildren(panel('Price catalog', h('div', {class: 'filters'}, search,
    h('span', {class: 'muted small'}, 'USD per million tokens · click a model for its history')),
  h('div', {class: 'table-wrap'}, h('table', {id: 'prices'}, h('thead', {}, h('tr', {},
    ['Model', 'Provider', 'Mode', 'Context', 'Input', 'Cached input', 'Output', 'In force since', 'Versions']
      .map((t, i) => h('th', {class: i >= 3 && i <= 6 || i === 8 ? 'num' : ''}, t)))), body))));
  return {title: 'Prices', subtitle: catalog.models.length + ' models in the catalog'};
}

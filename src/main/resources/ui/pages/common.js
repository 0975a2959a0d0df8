// Pieces several pages share: cards, tables with sortable headers, bars.
import {h, fill} from '../dom.js';

/** A metric card; data-metric and data-exact let the browser tests compare it with the API's exact value. */
export function card(label, value, {metric, exact, note, tone} = {}) {
  return h('div', {class: 'card kpi' + (tone ? ' ' + tone : ''), 'data-metric': metric, 'data-exact': exact},
    h('div', {class: 'kpi-label'}, label),
    h('div', {class: 'kpi-value', title: exact ? '$' + exact : null}, value),
    note ? h('div', {class: 'kpi-note'}, note) : null);
}

export function panel(title, ...body) {
  return h('div', {class: 'card panel'}, h('div', {class: 'panel-head'}, h('h2', {}, title)), ...body);
}

/**
 * A table over rows: columns are {label, value(row) -> node|text, sort(row) -> comparable, cls}. Clicking a header sorts
 * by it (again: reverses). `initial` is [columnIndex, ascending].
 */
export function table(columns, rows, {initial, id, empty = 'Nothing yet.', rowAttrs} = {}) {
  let [by, asc] = initial || [-1, true];
  const body = h('tbody');
  const heads = columns.map((c, i) => h('th', {
    class: (c.cls || '') + (c.sort ? ' sortable' : ''), 'data-col': c.key || null,
    onclick: c.sort ? () => { asc = by === i ? !asc : c.defaultAsc !== false; by = i; draw(); } : null,
  }, c.label));
  function draw() {
    const sorted = [...rows];
    if (by >= 0 && columns[by].sort) {
      const key = columns[by].sort;
      sorted.sort((a, b) => {
        const x = key(a), y = key(b);
        const d = x < y ? -1 : x > y ? 1 : 0;
        return asc ? d : -d;
      });
    }
    heads.forEach((th, i) => th.dataset.sorted = i === by ? (asc ? 'asc' : 'desc') : '');
    fill(body, sorted.length === 0
      ? h('tr', {}, h('td', {colspan: columns.length, class: 'empty'}, empty))
      : sorted.map(r => h('tr', rowAttrs ? rowAttrs(r) : {}, columns.map(c => h('td', {class: c.cls || ''}, c.value(r))))));
  }
  draw();
  return h('div', {class: 'table-wrap'}, h('table', {id}, h('thead', {}, h('tr', {}, heads)), body));
}

/** A filled bar for "how much of the limit is used"; tone turns amber at 80 % and red at 100 %. */
export function bar(usedPermille, label) {
  const w = Math.max(0, Math.min(1000, usedPermille));
  const tone = usedPermille >= 1000 ? 'over' : usedPermille >= 800 ? 'warn' : 'ok';
  return h('div', {class: 'bar ' + tone, title: label},
    h('div', {class: 'bar-fill', style: {width: (w / 10) + '%'}}),
    h('span', {class: 'bar-label'}, label));
}

export function badge(text, tone) {
  return h('span', {class: 'badge ' + (tone || '')}, text);
}

// Building the page without HTML strings: every value goes in as a text node, so a customer called
// <img src=x onerror=alert(1)> is shown as those characters and never parsed as markup.

/** h('td', {class: 'num', title: '…'}, 'text', childNode, …): attributes are set one by one, children appended. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'style') {
      for (const [p, val] of Object.entries(v)) el.style.setProperty(p, val); // CSSOM, allowed by the CSP
    } else {
      el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces everything inside el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A link inside the app (hash route); the id is encoded, never pasted raw into the URL. */
export function routeLink(text, route, ...parts) {
  const href = '#/' + route + parts.map(p => '/' + encodeURIComponent(p)).join('');
  return h('a', {href}, text);
}

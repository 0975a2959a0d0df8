// Every page reads the admin JSON the CLI reads. The session cookie (HttpOnly) rides along; no key is ever held here.

export class NotLoggedIn extends Error {}

export async function get(path, params) {
  const qs = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')) : '';
  const res = await fetch(path + qs, {credentials: 'same-origin', headers: {'Accept': 'application/json'}});
  if (res.status === 401) {
    throw new NotLoggedIn('session expired');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : res.status + ' ' + res.statusText;
    throw new Error(msg);
  }
  return body;
}

export async function post(path, body) {
  return fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
    body: JSON.stringify(body || {}),
  });
}

/** UTC calendar helpers: the ledger's days and months are UTC. */
export function utcDay(d) {
  return d.toISOString().slice(0, 10);
}

export function monthStart(d, offset = 0) {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
}

export function lastDayOf(d) {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
}

export function monthLabel(d) {
  return d.toISOString().slice(0, 7);
}

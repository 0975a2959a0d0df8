// The dashboard shell: hash routes to pages, one error banner, log out. Pages live in pages/*.js.
import {h, fill} from './dom.js';
import {NotLoggedIn, post} from './api.js';
import {destroyCharts} from './charts.js';
import * as overview from './pages/overview.js';
import * as customers from './pages/customers.js';
import * as customer from './pages/customer.js';
import * as budgets from './pages/budgets.js';
import * as requests from './pages/requests.js';
import * as prices from './pages/prices.js';

const PAGES = {overview, customers, customer, budgets, requests, prices};
const NAV_OF = {customer: 'customers'};

const page = document.getElementById('page');
const title = document.getElementById('title');
const subtitle = document.getElementById('subtitle');
const error = document.getElementById('error');


async function show() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [first, ...params] = path.split('/').map(decodeURIComponent);
  const name = first || 'overview';
  const p = PAGES[name] || overview;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.page === (NAV_OF[name] || name));
  }
  destroyCharts();
  error.hidden = true;
  fill(page, h('div', {class: 'loading'}, 'Loading…'));
  document.body.dataset.page = name;
  document.body.dataset.ready = 'false';
  const started = performance.now();
  try {
    const head = await p.render(page, params, new URLSearchParams(query));
    title.textContent = head.title;
    subtitle.textContent = head.subtitle || '';
    document.title = 'Bursar · ' + head.title;
  } catch (e) {
    if (e instanceof NotLoggedIn) {
      location.replace('/ui/login.html');
      return;
    }
    fill(page);
    error.textContent = 'Could not load this page: ' + e.message;
    error.hidden = false;
  }
  // For the browser tests and for anyone timing the page: when it finished and how long it took.
  document.body.dataset.renderMs = String(Math.round(performance.now() - started));
  document.body.dataset.ready = 'true';
}

document.getElementById('logout').addEventListener('click', async () => {
  await post('/ui/logout');
  location.replace('/ui/login.html');
});

window.addEventListener('hashchange', show);
show();

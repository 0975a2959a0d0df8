import {post} from './api.js';

const form = document.getElementById('login');
const error = document.getElementById('login-error');

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  error.hidden = true;
  const key = document.getElementById('key');
  const res = await post('/ui/login', {master_key: key.value});
  key.value = '';
  if (res.status === 204) {
    location.replace('/ui/');
    return;
  }
  const body = await res.json().catch(() => null);
  error.textContent = res.status === 401 ? 'That is not the master key.'
    : (body && body.error ? body.error.message : 'Login failed (' + res.status + ').');
  error.hidden = false;
});

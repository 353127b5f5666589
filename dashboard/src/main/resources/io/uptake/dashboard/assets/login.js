'use strict';

/** Where to go after signing in: a path on this site only, never another origin. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/overview';
}

/** The CSRF token the server set in the uptake_csrf cookie; every POST must echo it in X-CSRF-Token. */
function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('uptake_csrf='));
  return cookie ? cookie.substring('uptake_csrf='.length) : '';
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.hidden = true;
  const response = await fetch('/api/v1/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() },
    body: JSON.stringify({
      username: document.getElementById('username').value,
      password: document.getElementById('password').value,
    }),
  });
  if (response.ok) {
    location.assign(nextPage());
    return;
  }
  const body = await response.json().catch(() => ({}));
  error.textContent = body.message || 'Sign-in failed';
  error.hidden = false;
});

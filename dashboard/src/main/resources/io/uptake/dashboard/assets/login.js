'use strict';

/** Where to go after signing in: a path on this site only, never another origin. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/overview';
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.hidden = true;
  const response = await fetch('/api/v1/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
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

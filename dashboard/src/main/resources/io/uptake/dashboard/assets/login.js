/** The sign-in page: its labels in the visitor's language, the form, and where to go next. */
import { addMessages, lang, t } from './i18n.js';

addMessages({
  en: {
    'login.title': 'Uptake · Sign in',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.failed': 'Sign-in failed',
  },
  'zh-CN': {
    'login.title': 'Uptake · 登录',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.failed': '登录失败',
  },
});

/** The sign-in page in the visitor's language (?lang=, else the last choice, else the browser's). */
document.documentElement.lang = lang();
document.title = t('login.title');
document.querySelectorAll('[data-i18n]').forEach((element) => { element.textContent = t(element.dataset.i18n); });

/** Where to go after signing in: a path on this site only, never another origin. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next');
  const page = next && next.startsWith('/') && !next.startsWith('//') ? next : '/overview';
  const url = new URL(page, location.origin);
  if (!url.searchParams.has('lang')) url.searchParams.set('lang', lang());
  return url.pathname + url.search;
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
  // ?lang= makes the server answer a wrong password in the page's language.
  const response = await fetch(`/api/v1/login?lang=${encodeURIComponent(lang())}`, {
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
  error.textContent = body.message || t('login.failed');
  error.hidden = false;
});

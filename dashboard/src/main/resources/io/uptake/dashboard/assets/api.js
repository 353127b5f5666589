/**
 * Owns the talk with the server: GETs of the JSON API, POSTs with the session's CSRF token, and what
 * an answer means for the page: 401 sends the viewer to sign in again (then back here), 503
 * no_snapshot is a NoSnapshot (nothing published yet), any other failure an Error with the server's
 * message.
 */
import { lang } from './i18n.js';

const CSRF_COOKIE = 'uptake_csrf';
const CSRF_HEADER = 'X-CSRF-Token';

/** The server has no published snapshot yet: the page shows its empty state, not an error. */
export class NoSnapshot extends Error {}

function signInAgain() {
  location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
  return new Error('not signed in');
}

/** The path with ?lang=: the server answers its messages in the page's language. */
function inLanguage(path) {
  const url = new URL(path, location.origin);
  if (!url.searchParams.has('lang')) url.searchParams.set('lang', lang());
  return url.pathname + url.search;
}

/** GETs the JSON at path with the params that have a value as query string, and the language. */
export async function api(path, params) {
  const query = new URLSearchParams();
  Object.entries(params || {}).forEach(([key, value]) => { if (value) query.set(key, value); });
  const url = inLanguage(query.toString() ? `${path}?${query}` : path);
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (response.status === 401) throw signInAgain();
  const body = await response.json().catch(() => ({}));
  if (response.status === 503 && body.error === 'no_snapshot') {
    throw new NoSnapshot(body.message);
  }
  if (!response.ok) {
    throw new Error(body.message || `${response.status} ${response.statusText}`);
  }
  return body;
}

function cookie(name) {
  const found = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : null;
}

/**
 * POSTs JSON (body optional), in the page's language, with the session's CSRF token (cookie uptake_csrf, header X-CSRF-Token)
 * and returns the parsed answer, or null for an empty one; throws with the server's message.
 */
export async function post(path, body) {
  const headers = { Accept: 'application/json' };
  const token = cookie(CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  const init = { method: 'POST', headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(inLanguage(path), init);
  if (response.status === 401) throw signInAgain();
  const text = await response.text();
  let answer = null;
  try { answer = text ? JSON.parse(text) : null; } catch (e) { answer = null; }
  if (!response.ok) {
    throw new Error((answer && answer.message) || `${response.status} ${response.statusText}`);
  }
  return answer;
}

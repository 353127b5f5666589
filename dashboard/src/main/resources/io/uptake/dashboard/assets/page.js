/**
 * Owns the page cycle that every dashboard page shares. A page script calls start(path, render) with
 * its own drawing code: start fills the header (account, navigation, language), then reload() fetches
 * path with the URL's filters and draws: filter bar, as-of line, then render(data, me). It runs again
 * after every filter change and history step; a language change draws the last data again at once
 * (redraw), then fetches it in the new language (the server writes some sentences). No data shows the
 * empty state (#empty) instead of #content.
 * body[data-ready] marks the page settled (drawn or empty).
 */
import { chooseLanguage, label, lang, supported, t } from './i18n.js';
import { fmtDate, fmtDateTime, fmtRelative } from './format.js';
import { NoSnapshot, api, post } from './api.js';
import { applyDefinition, definition, loadDefinitions } from './definitions.js';
import { bindFilters, bindReset, filters, setFilter, setFilters, showGroup, syncLinks } from './filters.js';
import { disposeCharts, setAsOf } from './charts.js';

let me = null;
let page = { path: null, render: null };
let current = null;
let lastError = null;
let loads = 0;

/** What the filter bar needs of the cycle: reload on a change, the data on screen to narrow teams. */
const cycle = { reload: () => reload(), data: () => current };

// ---- static text --------------------------------------------------------------------------------

/** Fills data-i18n (text), data-i18n-title, data-i18n-aria-label and data-def (hover text). */
function translate(root) {
  const scope = root || document;
  scope.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  scope.querySelectorAll('[data-i18n-title]').forEach((e) => { e.title = t(e.dataset.i18nTitle); });
  scope.querySelectorAll('[data-i18n-aria-label]').forEach((e) => { e.setAttribute('aria-label', t(e.dataset.i18nAriaLabel)); });
  scope.querySelectorAll('[data-def]').forEach(applyDefinition);
}

function translatePage() {
  document.documentElement.lang = lang();
  const name = document.body.dataset.page;
  if (name) document.title = t('title.document', { title: t(`title.${name}`) });
  translate(document);
  const select = document.getElementById('lang');
  if (select) select.value = lang();
  if (me) {
    document.getElementById('who').textContent = t('header.account', { user: me.username, role: label('role', me.role) });
  }
}

/**
 * Switches the language: URL, remembered choice, <html lang>, every label, charts redrawn at once; then
 * the data is asked for again, since answers carry sentences the server wrote in the language asked for
 * (the Overview's "What changed", the ROI verdict).
 */
export function setLanguage(value) {
  const changed = chooseLanguage(value);
  setFilters({ lang: lang() });
  if (!changed) return;
  disposeCharts();
  translatePage();
  redraw();
  reload();
}

// ---- header, as-of, empty state -----------------------------------------------------------------

function header() {
  translatePage();
  document.getElementById('signout').addEventListener('click', async () => {
    try {
      await post('/api/v1/logout');
    } catch (e) {
      console.warn('Uptake: sign-out failed', e);
    }
    location.assign('/login');
  });
  const name = document.body.dataset.page;
  document.querySelectorAll('[data-nav]').forEach((a) => {
    const active = a.dataset.nav === name;
    a.classList.toggle('active', active);
    // Pages the role may not open are left out when /api/v1/me lists the allowed ones.
    a.hidden = Array.isArray(me.pages) && !me.pages.includes(a.dataset.nav);
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const select = document.getElementById('lang');
  if (select) {
    select.value = lang();
    select.addEventListener('change', () => setLanguage(select.value));
  }
  syncLinks();
}

/** "Data as of 31 Dec 2025 · published 3 hours ago"; the hover says what as-of means and the exact time. */
function showAsOf() {
  const element = document.getElementById('asof');
  if (!current || !current.as_of) {
    element.textContent = '';
    element.removeAttribute('title');
    return;
  }
  const date = fmtDate(current.as_of);
  element.textContent = current.created_at
    ? t('asof.published', { date, age: fmtRelative(current.created_at) })
    : t('asof.only', { date });
  const hover = [definition('as_of')];
  if (current.created_at) hover.push(t('asof.published_at', { time: fmtDateTime(current.created_at) }));
  element.title = hover.filter(Boolean).join('\n');
  element.classList.toggle('has-def', Boolean(definition('as_of')));
}

function showEmpty(error) {
  const empty = document.getElementById('empty');
  const main = document.createElement('span');
  main.className = 'empty-title';
  main.textContent = error instanceof NoSnapshot ? t('empty.no_snapshot') : t('empty.error');
  empty.replaceChildren(main);
  if (error.message) {
    const detail = document.createElement('span');
    detail.className = 'empty-detail';
    detail.textContent = error.message;
    empty.append(detail);
  }
  // A filter naming something unknown ends here: the way back to the whole picture is at hand.
  if (Object.values(filters()).some(Boolean)) {
    const reset = document.createElement('a');
    reset.className = 'empty-reset';
    reset.textContent = t('filter.reset');
    const language = new URLSearchParams(location.search).get('lang');
    reset.href = location.pathname + (language ? `?lang=${encodeURIComponent(language)}` : '');
    empty.append(reset);
  }
  empty.hidden = false;
  document.getElementById('content').hidden = true;
  showGroup(null);
  syncLinks();
  showAsOf();
}

// ---- the page cycle -----------------------------------------------------------------------------

/** The data on screen from now on (null after an error); chart image names end with its as-of. */
function show(data) {
  current = data;
  setAsOf(data && data.as_of);
}

function draw() {
  document.getElementById('empty').hidden = true;
  document.getElementById('content').hidden = false;
  bindFilters(current, me, cycle);
  showAsOf();
  page.render(current, me);
  document.body.dataset.ready = 'true';
}

/** Draws the last data again (after a language change) without asking the server. */
function redraw() {
  try {
    if (current) draw();
    else if (lastError) showEmpty(lastError);
  } catch (error) {
    console.error(error);
    showEmpty(error);
  }
  document.body.dataset.ready = 'true';
}

/** Fetches the page's data with every filter of the URL and draws it. */
async function reload() {
  const load = ++loads;
  delete document.body.dataset.ready;
  try {
    const data = await api(page.path, Object.assign(filters(), { lang: lang() }));
    if (load !== loads) return;
    show(data);
    lastError = null;
    draw();
  } catch (error) {
    if (load !== loads) return;
    if (!(error instanceof NoSnapshot)) console.error(error);
    show(null);
    lastError = error;
    showEmpty(error);
  }
  document.body.dataset.ready = 'true';
}

/** Drill-down: the page's team filter set to the team (kept in the URL), and the page reloaded. */
export function selectTeam(team) {
  setFilter('team', team);
  reload();
}

/** Runs a page: header, then fetch + draw, again on every filter change and history step. */
export async function start(path, render) {
  page = { path, render };
  translatePage();
  try {
    const [account] = await Promise.all([api('/api/v1/me'), loadDefinitions()]);
    me = account;
  } catch (error) {
    lastError = error;
    showEmpty(error);
    document.body.dataset.ready = 'true';
    return;
  }
  document.getElementById('team').dataset.scope = me.role;
  header();
  bindReset(reload);
  window.addEventListener('popstate', () => {
    const fromUrl = supported(new URLSearchParams(location.search).get('lang'));
    if (fromUrl && fromUrl !== lang()) {
      chooseLanguage(fromUrl);
      disposeCharts();
      translatePage();
    }
    syncLinks();
    reload();
  });
  // "published 3 hours ago" stays true while the page stays open.
  setInterval(showAsOf, 60000);
  await reload();
}

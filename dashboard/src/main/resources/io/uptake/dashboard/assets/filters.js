/**
 * Owns the filters kept in the URL (team, department, wave, from, to; plus lang): reading and setting
 * them as history entries, links that carry them from page to page, and the filter bar (#team,
 * #department, #wave, #from, #to) filled from the API's selection and team directory.
 */
import { lang, t } from './i18n.js';
import { ALL, fmtInt, teamName } from './format.js';

const FILTERS = ['team', 'department', 'wave', 'from', 'to'];

/** The filters of the URL: team, department, wave, from, to ('' when absent). */
export function filters() {
  const query = new URLSearchParams(location.search);
  const values = {};
  FILTERS.forEach((name) => { values[name] = query.get(name) || ''; });
  return values;
}

/** Sets URL parameters ('' or null removes one) as a new history entry; links follow. */
export function setFilters(changes) {
  const query = new URLSearchParams(location.search);
  Object.entries(changes).forEach(([name, value]) => { if (value) query.set(name, value); else query.delete(name); });
  const search = query.toString() ? '?' + query : '';
  if (search !== location.search) history.pushState(null, '', `${location.pathname}${search}`);
  syncLinks();
}

export function setFilter(name, value) { setFilters({ [name]: value }); }

/**
 * Navigation keeps the filters and the language: every link carries the current query string. The
 * reset link (#reset-filters) shows while any filter is in the URL and leads to this page with only
 * its language.
 */
export function syncLinks() {
  document.querySelectorAll('a[data-nav], a.brand').forEach((a) => {
    if (!a.dataset.base) a.dataset.base = a.getAttribute('href');
    a.setAttribute('href', a.dataset.base + location.search);
  });
  const reset = document.getElementById('reset-filters');
  if (reset) {
    const language = new URLSearchParams(location.search).get('lang');
    reset.setAttribute('href', location.pathname + (language ? `?lang=${encodeURIComponent(language)}` : ''));
    reset.hidden = !Object.values(filters()).some(Boolean);
  }
}

/**
 * Binds the reset link once: a click clears every filter of the URL (a history entry, as any filter
 * change) and calls reload(); it works on the empty state too, where a filter named something unknown.
 */
export function bindReset(reload) {
  const reset = document.getElementById('reset-filters');
  if (!reset || reset.dataset.bound) return;
  reset.dataset.bound = 'true';
  reset.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    setFilters(Object.fromEntries(FILTERS.map((name) => [name, ''])));
    reload();
  });
}

/**
 * Says which group the figures answer for (#group-caption), when a department or wave narrows them:
 * "Sales: 3 teams, 78 licensed people". Hidden otherwise, and with no data (null).
 */
export function showGroup(data) {
  const caption = document.getElementById('group-caption');
  if (!caption) return;
  const group = data && data.group;
  if (!group || !group.narrowed) {
    caption.textContent = '';
    caption.hidden = true;
    return;
  }
  const selection = selectionOf(data);
  const teams = group.teams || [];
  const named = [selection.department, selection.wave].filter(Boolean);
  const names = named.length ? named.join(' · ') : teams.map(teamName).join(' · ');
  const counts = { names, teams: fmtInt(teams.length) };
  const hasLicensed = group.licensed_users !== null && group.licensed_users !== undefined;
  if (hasLicensed) counts.licensed = fmtInt(group.licensed_users);
  const key = `filter.group${teams.length === 1 ? '_one' : ''}${hasLicensed ? '' : '_teams_only'}`;
  caption.textContent = t(key, counts);
  caption.hidden = false;
}

function fill(select, options, value) {
  select.replaceChildren(...options.map(([optionValue, text]) => new Option(text, optionValue)));
  select.value = options.some(([optionValue]) => optionValue === value) ? value : (options.length ? options[0][0] : '');
}

function unique(values) { return [...new Set(values.filter((v) => v !== null && v !== undefined && v !== ''))]; }

/** The teams of the directory in the department and wave ('' for any). */
export function matchingTeams(directory, department, wave) {
  return directory
    .filter((entry) => !department || entry.department === department)
    .filter((entry) => !wave || (entry.waves || []).includes(wave))
    .map((entry) => entry.team);
}

/** The scope's selection: the server's answer, the URL where the server did not say. */
function selectionOf(data) {
  const fromUrl = filters();
  const selection = Object.assign({}, fromUrl);
  Object.entries(data.selection || {}).forEach(([key, value]) => {
    if (value !== null && value !== undefined) selection[key] = String(value);
  });
  return selection;
}

/**
 * Fills the filter bar from the data's selection and directory (or its teams without one); me is the
 * signed-in account (a lead gets no "all teams"). The first call also binds the bar: a change sets
 * the URL and calls cycle.reload(); a department or wave that leaves the chosen team out, by the
 * directory of cycle.data() (the data on screen, null after an error), clears the team.
 */
export function bindFilters(data, me, cycle) {
  const selection = selectionOf(data);
  const team = document.getElementById('team');
  const department = document.getElementById('department');
  const wave = document.getElementById('wave');
  const directory = Array.isArray(data.directory) ? data.directory : null;
  let teams;
  if (directory) {
    const departments = unique(directory.map((entry) => entry.department)).sort((a, b) => a.localeCompare(b, lang()));
    const waves = unique(directory.flatMap((entry) => entry.waves || [])).sort((a, b) => a.localeCompare(b, lang(), { numeric: true }));
    fill(department, [['', t('filter.all_departments')], ...departments.map((d) => [d, d])], selection.department);
    fill(wave, [['', t('filter.all_waves')], ...waves.map((w) => [w, w])], selection.wave);
    department.closest('label').hidden = departments.length === 0;
    wave.closest('label').hidden = waves.length === 0;
    teams = matchingTeams(directory, department.value, wave.value);
  } else {
    department.closest('label').hidden = true;
    wave.closest('label').hidden = true;
    teams = (data.teams || []).map((entry) => entry.team);
  }
  const narrowed = Boolean(directory && (department.value || wave.value));
  const values = me && me.role === 'lead' ? teams.slice() : [ALL, ...teams];
  // The server's selection always shows, even when a narrower filter would leave it out.
  if (selection.team && !values.includes(selection.team)) values.push(selection.team);
  fill(team, values.map((value) => [value, value === ALL && narrowed ? t('team.all_matching') : teamName(value)]), selection.team);
  ['from', 'to'].forEach((name) => {
    const input = document.getElementById(name);
    input.value = selection[name] || '';
    if (data.as_of) input.max = data.as_of;
  });
  showGroup(data);
  syncLinks();

  if (team.dataset.bound) return;
  team.dataset.bound = 'true';
  team.addEventListener('change', () => { setFilter('team', team.value); cycle.reload(); });
  [department, wave].forEach((select) => select.addEventListener('change', () => {
    const changes = { [select.id]: select.value };
    const chosen = filters().team || team.value;
    const shown = cycle.data();
    const directoryNow = shown && Array.isArray(shown.directory) ? shown.directory : null;
    if (directoryNow && chosen && chosen !== ALL) {
      const dep = select.id === 'department' ? select.value : department.value;
      const wav = select.id === 'wave' ? select.value : wave.value;
      if (!matchingTeams(directoryNow, dep, wav).includes(chosen)) changes.team = '';
    }
    setFilters(changes);
    cycle.reload();
  }));
  ['from', 'to'].forEach((name) => {
    document.getElementById(name).addEventListener('change', (event) => { setFilter(name, event.target.value); cycle.reload(); });
  });
}

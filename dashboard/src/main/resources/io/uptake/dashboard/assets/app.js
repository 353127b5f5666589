'use strict';

/**
 * What every page shares: the signed-in account, the language, the filters kept in the URL, the API
 * calls, number and date formats, definitions on hover, tables with their CSV download and ECharts
 * set-up. Each page script calls Uptake.start(path, render) with its own drawing code; render(data, me)
 * runs again after every filter or language change. Needs i18n.js (UptakeMessages) loaded first.
 */
const Uptake = (() => {
  const ALL = '__all__';
  const UNKNOWN_TEAM = 'unknown';
  const LANGUAGES = ['en', 'zh-CN'];
  const LANG_STORAGE = 'uptake.lang';
  const FILTERS = ['team', 'department', 'wave', 'from', 'to'];
  const CSRF_COOKIE = 'uptake_csrf';
  const CSRF_HEADER = 'X-CSRF-Token';
  const NONE = '–';

  const messages = { en: Object.assign({}, UptakeMessages.en), 'zh-CN': Object.assign({}, UptakeMessages['zh-CN']) };
  const charts = new Map();
  const tableState = new WeakMap();
  const warned = new Set();
  let definitions = {};
  let lang = initialLanguage();
  let formats = formatsFor(lang);
  let me = null;
  let page = { path: null, render: null };
  let current = null;
  let lastError = null;
  let loads = 0;

  class NoSnapshot extends Error {}

  // ---- language ---------------------------------------------------------------------------------

  /** 'zh', 'zh-cn', 'zh-Hans' read as 'zh-CN'; anything else unsupported gives null. */
  function supported(value) {
    if (!value) return null;
    const exact = LANGUAGES.find((l) => l.toLowerCase() === value.toLowerCase());
    if (exact) return exact;
    if (/^zh($|-(hans|cn|sg)\b)/i.test(value)) return 'zh-CN';
    if (/^en\b/i.test(value)) return 'en';
    return null;
  }

  function storage(value) {
    try {
      if (value === undefined) return localStorage.getItem(LANG_STORAGE);
      localStorage.setItem(LANG_STORAGE, value);
    } catch (e) {
      // Storage may be off (private mode, policy): the URL still carries the language.
    }
    return null;
  }

  /** The URL's ?lang= first, then the last choice on this browser, then the browser's languages. */
  function initialLanguage() {
    const fromUrl = supported(new URLSearchParams(location.search).get('lang'));
    if (fromUrl) {
      storage(fromUrl);
      return fromUrl;
    }
    const stored = supported(storage());
    if (stored) return stored;
    const browser = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language])
      .map(supported).find(Boolean);
    return browser || 'en';
  }

  /**
   * The message of the key in the current language, {name} placeholders filled from params.
   * Falls back to English, then to the key itself.
   */
  function t(key, params) {
    let text = messages[lang][key];
    if (text === undefined) text = messages.en[key];
    if (text === undefined) {
      if (!warned.has(key)) {
        warned.add(key);
        console.warn(`Uptake: no message for '${key}'`);
      }
      return key;
    }
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name) => (params[name] === undefined || params[name] === null ? match : String(params[name])));
  }

  /** Whether a message exists for the key (in English at least). */
  function has(key) { return messages.en[key] !== undefined || messages[lang][key] !== undefined; }

  /** The translated `prefix.value` if there is one, else the value itself: statuses, modules, licence types. */
  function label(prefix, value) {
    if (value === null || value === undefined || value === '') return NONE;
    return has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : String(value).replace(/_/g, ' ');
  }

  /** Adds messages of a page: { en: {...}, 'zh-CN': {...} }. Prefer adding them to i18n.js. */
  function addMessages(dictionary) {
    LANGUAGES.forEach((l) => Object.assign(messages[l], (dictionary && dictionary[l]) || {}));
  }

  // ---- formats ----------------------------------------------------------------------------------

  function formatsFor(locale) {
    return {
      integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
      numbers: new Map(),
      money: new Map(),
      // Dates are UTC days in the marts: formatted in UTC so no time zone moves them a day.
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }),
      dateTime: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
      relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
    };
  }

  function missing(value) { return value === null || value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value)); }

  function fmtInt(value) { return missing(value) ? NONE : formats.integer.format(value); }
  function fmtPct(value) { return missing(value) ? NONE : formats.percent.format(value); }

  /** A number with at most `digits` decimals (default 1). */
  function fmtNum(value, digits) {
    if (missing(value)) return NONE;
    const max = digits === undefined ? 1 : digits;
    if (!formats.numbers.has(max)) formats.numbers.set(max, new Intl.NumberFormat(lang, { maximumFractionDigits: max }));
    return formats.numbers.get(max).format(value);
  }

  /**
   * An amount in an ISO 4217 currency; whole units from 100 up (dashboard figures, not invoices),
   * else the currency's usual decimals. options.digits forces the number of decimals.
   */
  function fmtMoney(value, currency, options) {
    if (missing(value)) return NONE;
    const code = currency || 'USD';
    let digits = options && options.digits !== undefined ? options.digits : (Math.abs(value) >= 100 ? 0 : undefined);
    const key = `${code}:${digits}`;
    if (!formats.money.has(key)) {
      const settings = { style: 'currency', currency: code };
      if (digits !== undefined) Object.assign(settings, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      try {
        formats.money.set(key, new Intl.NumberFormat(lang, settings));
      } catch (e) {
        // An unknown currency code: show the number and the code rather than nothing.
        formats.money.set(key, { format: (v) => `${fmtNum(v, 2)} ${code}` });
        digits = undefined;
      }
    }
    return formats.money.get(key).format(value);
  }

  function toDate(value) {
    if (value instanceof Date) return value;
    const text = String(value);
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (day) return new Date(Date.UTC(+day[1], +day[2] - 1, +day[3]));
    const month = /^(\d{4})-(\d{2})$/.exec(text);
    if (month) return new Date(Date.UTC(+month[1], +month[2] - 1, 1));
    return new Date(text);
  }

  function formatWith(formatter, value) {
    if (missing(value)) return NONE;
    const date = toDate(value);
    return Number.isNaN(date.getTime()) ? String(value) : formatter.format(date);
  }

  /** An ISO day (2025-12-31) in the chosen locale. */
  function fmtDate(value) { return formatWith(formats.date, value); }
  /** An ISO month (2025-12) or day as month and year. */
  function fmtMonth(value) { return formatWith(formats.month, value); }
  /** An ISO instant in the viewer's time zone, named; a bare ISO day is shown as a day. */
  function fmtDateTime(value) {
    return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? fmtDate(value) : formatWith(formats.dateTime, value);
  }

  /** How long ago (or ahead) an ISO instant is: "3 hours ago", "3小时前". */
  function fmtRelative(value, now) {
    if (missing(value)) return NONE;
    const then = toDate(value).getTime();
    if (Number.isNaN(then)) return String(value);
    const seconds = (then - (now === undefined ? Date.now() : now)) / 1000;
    const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return formats.relative.format(Math.round(seconds / size), unit);
    }
    return formats.relative.format(Math.round(seconds), 'second');
  }

  function teamName(team) {
    if (team === ALL) return t('team.all');
    if (team === UNKNOWN_TEAM) return t('team.unknown');
    return team;
  }
  function statusName(status) { return label('status', status); }
  function moduleName(module) { return label('module', module); }

  // ---- HTTP -------------------------------------------------------------------------------------

  function signInAgain() {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
    return new Error('not signed in');
  }

  async function api(path, params) {
    const query = new URLSearchParams();
    Object.entries(params || {}).forEach(([key, value]) => { if (value) query.set(key, value); });
    const url = query.toString() ? `${path}?${query}` : path;
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
   * POSTs JSON (body optional) with the session's CSRF token (cookie uptake_csrf, header X-CSRF-Token)
   * and returns the parsed answer, or null for an empty one; throws with the server's message.
   */
  async function post(path, body) {
    const headers = { Accept: 'application/json' };
    const token = cookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
    const init = { method: 'POST', headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    if (response.status === 401) throw signInAgain();
    const text = await response.text();
    let answer = null;
    try { answer = text ? JSON.parse(text) : null; } catch (e) { answer = null; }
    if (!response.ok) {
      throw new Error((answer && answer.message) || `${response.status} ${response.statusText}`);
    }
    return answer;
  }

  // ---- URL: filters and language ------------------------------------------------------------------

  /** The filters of the URL: team, department, wave, from, to ('' when absent). */
  function filters() {
    const query = new URLSearchParams(location.search);
    const values = {};
    FILTERS.forEach((name) => { values[name] = query.get(name) || ''; });
    return values;
  }

  /** Sets URL parameters ('' or null removes one) as a new history entry; links follow. */
  function setFilters(changes) {
    const query = new URLSearchParams(location.search);
    Object.entries(changes).forEach(([name, value]) => { if (value) query.set(name, value); else query.delete(name); });
    const search = query.toString() ? '?' + query : '';
    if (search !== location.search) history.pushState(null, '', `${location.pathname}${search}`);
    syncLinks();
  }

  function setFilter(name, value) { setFilters({ [name]: value }); }

  /** Navigation keeps the filters and the language: every link carries the current query string. */
  function syncLinks() {
    document.querySelectorAll('a[data-nav], a.brand').forEach((a) => {
      if (!a.dataset.base) a.dataset.base = a.getAttribute('href');
      a.setAttribute('href', a.dataset.base + location.search);
    });
  }

  // ---- definitions on hover -------------------------------------------------------------------

  async function loadDefinitions() {
    try {
      const response = await fetch('/assets/definitions.json', { headers: { Accept: 'application/json' } });
      if (response.ok) definitions = await response.json();
    } catch (e) {
      console.warn('Uptake: cannot load definitions.json', e);
    }
  }

  /** The definition of a figure in the current language, or '' if there is none. */
  function definition(key) {
    const entry = definitions[key];
    if (!entry) return '';
    return entry[lang] || entry.en || '';
  }

  function applyDefinition(element) {
    const text = definition(element.dataset.def);
    if (text) {
      element.title = text;
      element.classList.add('has-def');
    }
  }

  /** Gives an element built in JS the hover definition of a figure (as data-def="key" does in HTML). */
  function define(element, key) {
    if (!element || !key) return element;
    element.dataset.def = key;
    applyDefinition(element);
    return element;
  }

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
    document.documentElement.lang = lang;
    const name = document.body.dataset.page;
    if (name) document.title = t('title.document', { title: t(`title.${name}`) });
    translate(document);
    const select = document.getElementById('lang');
    if (select) select.value = lang;
    if (me) {
      document.getElementById('who').textContent = t('header.account', { user: me.username, role: label('role', me.role) });
    }
  }

  /** Switches the language: URL, remembered choice, <html lang>, every label, charts redrawn. */
  function setLanguage(value) {
    const next = supported(value) || 'en';
    storage(next);
    setFilters({ lang: next });
    if (next === lang) return;
    lang = next;
    formats = formatsFor(lang);
    disposeCharts();
    translatePage();
    redraw();
  }

  // ---- tiles and tables ---------------------------------------------------------------------------

  /** Headline figures: items {id, label, value, detail, def}; def names the figure's definition. */
  function tiles(element, items) {
    element.replaceChildren(...items.map((item) => {
      const tile = document.createElement('div');
      tile.className = 'tile';
      tile.dataset.tile = item.id;
      const name = document.createElement('div');
      name.className = 'label';
      name.textContent = item.label;
      if (item.def) define(name, item.def);
      const value = document.createElement('div');
      value.className = 'value';
      value.textContent = item.value;
      tile.append(name, value);
      if (item.detail) {
        const detail = document.createElement('div');
        detail.className = 'detail';
        detail.textContent = item.detail;
        tile.append(detail);
      }
      return tile;
    }));
  }

  /** The text a cell shows. */
  function cellText(column, row) {
    const value = row[column.key];
    if (column.format) return column.format(value, row);
    if (missing(value)) return NONE;
    if (column.date) return fmtDate(value);
    if (column.datetime) return fmtDateTime(value);
    if (Array.isArray(value)) return value.join('; ');
    if (typeof value === 'number') return fmtNum(value, 2);
    return String(value);
  }

  /** The value a cell gives the CSV: raw numbers and ISO dates, else the text shown. */
  function csvValue(column, row) {
    const value = row[column.key];
    if (column.csv) return column.csv(value, row);
    if (value === null || value === undefined) return '';
    if (column.num || column.date || column.datetime || typeof value === 'number' || typeof value === 'boolean') return value;
    if (column.format) return column.format(value, row);
    return value;
  }

  function csvField(value) {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return csvField(value.join('; '));
    if (typeof value === 'number' && !Number.isFinite(value)) return '';
    let text = String(value);
    // A text starting like a formula would run as one in a spreadsheet (CSV injection): quote it out.
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  /**
   * The CSV text of a table (RFC 4180), without the byte-order mark that downloadCsv adds.
   *
   * Contract:
   * - First line: the columns' `label`s (already translated), in column order.
   * - Then one line per row, in row order, one field per column: `column.csv(value, row)` if the
   *   column has one; else empty for null/undefined; else the raw value for numbers, booleans and
   *   columns flagged `num`, `date` or `datetime` (String(n), never locale-formatted; dates stay
   *   the ISO text the API sent); else `column.format(value, row)` if there is one (e.g. a
   *   translated status); else the value. Arrays are joined with '; '.
   * - A field containing a comma, a double quote, CR or LF is wrapped in double quotes with inner
   *   quotes doubled; other fields are bare. A text field (not a number) starting with = + - @ tab
   *   or CR gets a leading apostrophe so spreadsheets do not run it as a formula.
   * - Every line, the last included, ends with CRLF.
   *
   * Example: csv([{key: 'name', label: 'Name'}, {key: 'n', label: 'Users', num: true}],
   *              [{name: 'Ops, "EU"', n: 1234.5}])
   *   === 'Name,Users\r\n"Ops, ""EU""",1234.5\r\n'
   *
   * @param {Array<{key: string, label: string, num?: boolean, date?: boolean, datetime?: boolean,
   *   format?: function(*, Object): string, csv?: function(*, Object): *}>} columns
   * @param {Array<Object>} rows
   * @returns {string}
   */
  function csv(columns, rows) {
    const lines = [columns.map((column) => column.label)]
      .concat(rows.map((row) => columns.map((column) => csvValue(column, row))));
    return lines.map((fields) => fields.map(csvField).join(',') + '\r\n').join('');
  }

  /** Downloads CSV text as file (".csv" added if missing), UTF-8 with a BOM so Excel reads Chinese. */
  function downloadCsv(file, text) {
    const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = /\.csv$/i.test(file) ? file : `${file}.csv`;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** Wraps the table once: a tool row (CSV button) above a box that scrolls sideways. */
  function tableFrame(element) {
    if (element.parentElement && element.parentElement.classList.contains('table-scroll')) {
      return element.parentElement.parentElement;
    }
    const frame = document.createElement('div');
    frame.className = 'table-frame';
    const tools = document.createElement('div');
    tools.className = 'table-tools';
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    element.replaceWith(frame);
    scroll.append(element);
    frame.append(tools, scroll);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'csv-download';
    if (element.id) button.id = `${element.id}-csv`;
    button.dataset.i18n = 'action.download_csv';
    button.textContent = t('action.download_csv');
    button.hidden = true;
    button.addEventListener('click', () => {
      const state = tableState.get(element);
      if (state && state.file) downloadCsv(state.file, csv(state.columns, state.rows));
    });
    tools.append(button);
    return frame;
  }

  /**
   * A table from columns {key, label, num, date, datetime, format, csv, def} and rows; options.csv
   * ('file-name') adds a Download CSV button for exactly these rows and columns; options.empty
   * (default true) shows a "no rows" line when rows is empty.
   */
  function table(element, columns, rows, options) {
    const settings = Object.assign({ csv: null, empty: true }, options);
    const frame = tableFrame(element);
    tableState.set(element, { columns, rows, file: settings.csv });
    const button = frame.querySelector('.csv-download');
    button.hidden = !settings.csv;
    button.parentElement.hidden = !settings.csv;
    if (settings.csv) button.title = t('action.download_csv_of', { file: /\.csv$/i.test(settings.csv) ? settings.csv : `${settings.csv}.csv` });

    const head = document.createElement('tr');
    columns.forEach((column) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column.label;
      if (column.num) th.className = 'num';
      if (column.def) define(th, column.def);
      head.append(th);
    });
    const body = rows.map((row) => {
      const tr = document.createElement('tr');
      columns.forEach((column) => {
        const td = document.createElement('td');
        td.textContent = cellText(column, row);
        if (column.num) td.className = 'num';
        tr.append(td);
      });
      return tr;
    });
    if (!rows.length && settings.empty) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = Math.max(columns.length, 1);
      td.className = 'table-empty';
      td.textContent = t('empty.table');
      tr.append(td);
      body.push(tr);
    }
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...body);
    element.replaceChildren(thead, tbody);
  }

  // ---- charts -------------------------------------------------------------------------------------

  function disposeCharts() {
    charts.forEach((entry) => {
      entry.observer.disconnect();
      entry.instance.dispose();
      delete entry.element.dataset.drawn;
    });
    charts.clear();
  }

  /** Value axes without their own label formatter show locale numbers. */
  function localeAxes(axes) {
    if (!axes) return axes;
    const list = Array.isArray(axes) ? axes : [axes];
    const out = list.map((axis) => {
      if (axis.type !== 'value' || (axis.axisLabel && axis.axisLabel.formatter)) return axis;
      return Object.assign({}, axis, { axisLabel: Object.assign({}, axis.axisLabel, { formatter: (v) => fmtNum(v, 2) }) });
    });
    return Array.isArray(axes) ? out : out[0];
  }

  function isEmpty(option) {
    if (option.dataset) return false;
    const series = [].concat(option.series || []);
    return series.length === 0 || series.every((s) => Array.isArray(s.data) && s.data.length === 0);
  }

  /**
   * Draws (or redraws) the chart in the element with the id; the element's data-drawn marks it
   * drawn. Every chart gets a translated "Save as image" whose file is settings.file or
   * uptake-<page>-<id>-<as-of>.png. A chart with no data says so.
   */
  function chart(id, option, settings) {
    const element = document.getElementById(id);
    let entry = charts.get(id);
    if (!entry) {
      const instance = echarts.init(element, null, { locale: lang === 'zh-CN' ? 'ZH' : 'EN' });
      instance.on('finished', () => {
        // drawnAt: milliseconds from navigation to the first complete drawing (the benchmark reads it).
        if (!element.dataset.drawnAt) element.dataset.drawnAt = String(Math.round(performance.now()));
        element.dataset.drawn = 'true';
      });
      // Cards change width when the grid reflows, not only when the window does.
      const observer = new ResizeObserver(() => instance.resize());
      observer.observe(element);
      entry = { instance, observer, element };
      charts.set(id, entry);
    }
    const asOf = current && current.as_of ? `-${current.as_of}` : '';
    const file = (settings && settings.file) || `uptake-${document.body.dataset.page}-${id.replace(/^chart-/, '')}${asOf}`;
    const saveAsImage = { title: t('action.save_image'), name: file, backgroundColor: '#ffffff', pixelRatio: 2 };
    const merged = Object.assign({
      animation: false,
      // A legend sits above the plot, so the plot starts lower.
      grid: { left: 56, right: 24, top: option.legend ? 60 : 36, bottom: 40, containLabel: false },
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmtNum(v, 2) },
    }, option);
    merged.toolbox = Object.assign({}, option.toolbox, {
      feature: Object.assign({ saveAsImage }, option.toolbox && option.toolbox.feature),
    });
    merged.xAxis = localeAxes(option.xAxis);
    merged.yAxis = localeAxes(option.yAxis);
    if (isEmpty(option) && !option.title) {
      merged.title = { text: t('empty.chart'), left: 'center', top: 'middle',
        textStyle: { color: '#6b7280', fontSize: 14, fontWeight: 'normal' } };
    }
    entry.instance.setOption(merged, true);
    return entry.instance;
  }

  /** A category axis of ISO days labelled in the chosen locale. */
  function dateAxis(dates, extra) {
    return Object.assign({ type: 'category', data: dates, axisLabel: { formatter: (v) => fmtDate(v) } }, extra);
  }

  window.addEventListener('resize', () => charts.forEach((entry) => entry.instance.resize()));

  // ---- header, filters, as-of ---------------------------------------------------------------------

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
      select.value = lang;
      select.addEventListener('change', () => setLanguage(select.value));
    }
    syncLinks();
  }

  function fill(select, options, value) {
    select.replaceChildren(...options.map(([optionValue, text]) => new Option(text, optionValue)));
    select.value = options.some(([optionValue]) => optionValue === value) ? value : (options.length ? options[0][0] : '');
  }

  function unique(values) { return [...new Set(values.filter((v) => v !== null && v !== undefined && v !== ''))]; }

  /** The teams of the directory in the department and wave ('' for any). */
  function matchingTeams(directory, department, wave) {
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

  /** Fills the filter bar from the data's selection and directory (or its teams without one). */
  function bindFilters(data) {
    const selection = selectionOf(data);
    const team = document.getElementById('team');
    const department = document.getElementById('department');
    const wave = document.getElementById('wave');
    const directory = Array.isArray(data.directory) ? data.directory : null;
    let teams;
    if (directory) {
      const departments = unique(directory.map((entry) => entry.department)).sort((a, b) => a.localeCompare(b, lang));
      const waves = unique(directory.flatMap((entry) => entry.waves || [])).sort((a, b) => a.localeCompare(b, lang, { numeric: true }));
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

    if (team.dataset.bound) return;
    team.dataset.bound = 'true';
    team.addEventListener('change', () => { setFilter('team', team.value); reload(); });
    [department, wave].forEach((select) => select.addEventListener('change', () => {
      const changes = { [select.id]: select.value };
      const chosen = filters().team || team.value;
      const directoryNow = current && Array.isArray(current.directory) ? current.directory : null;
      if (directoryNow && chosen && chosen !== ALL) {
        const dep = select.id === 'department' ? select.value : department.value;
        const wav = select.id === 'wave' ? select.value : wave.value;
        if (!matchingTeams(directoryNow, dep, wav).includes(chosen)) changes.team = '';
      }
      setFilters(changes);
      reload();
    }));
    ['from', 'to'].forEach((name) => {
      document.getElementById(name).addEventListener('change', (event) => { setFilter(name, event.target.value); reload(); });
    });
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
    empty.hidden = false;
    document.getElementById('content').hidden = true;
    showAsOf();
  }

  // ---- the page cycle -----------------------------------------------------------------------------

  function draw() {
    document.getElementById('empty').hidden = true;
    document.getElementById('content').hidden = false;
    bindFilters(current);
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
      const data = await api(page.path, Object.assign(filters(), { lang }));
      if (load !== loads) return;
      current = data;
      lastError = null;
      draw();
    } catch (error) {
      if (load !== loads) return;
      if (!(error instanceof NoSnapshot)) console.error(error);
      current = null;
      lastError = error;
      showEmpty(error);
    }
    document.body.dataset.ready = 'true';
  }

  /** Drill-down: the page's team filter set to the team (kept in the URL), and the page reloaded. */
  function selectTeam(team) {
    setFilter('team', team);
    reload();
  }

  /** Runs a page: header, then fetch + draw, again on every filter change and history step. */
  async function start(path, render) {
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
    window.addEventListener('popstate', () => {
      const fromUrl = supported(new URLSearchParams(location.search).get('lang'));
      if (fromUrl && fromUrl !== lang) {
        lang = fromUrl;
        storage(lang);
        formats = formatsFor(lang);
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

  return {
    ALL, NoSnapshot,
    start, api, post, filters, setFilter, setFilters, selectTeam,
    t, has, label, addMessages, lang: () => lang, languages: () => LANGUAGES.slice(), setLanguage,
    define, definition,
    fmtInt, fmtPct, fmtNum, fmtMoney, fmtDate, fmtMonth, fmtDateTime, fmtRelative,
    teamName, statusName, moduleName,
    tiles, table, csv, downloadCsv, chart, dateAxis,
  };
})();

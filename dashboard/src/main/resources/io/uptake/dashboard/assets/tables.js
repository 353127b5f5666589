/**
 * Owns tables and headline tiles: drawing them from column descriptions and rows, and the CSV of a
 * table (RFC 4180, raw numbers and ISO dates) behind its Download CSV button (#<table id>-csv).
 */
import { NONE, t } from './i18n.js';
import { fmtDate, fmtDateTime, fmtNum, missing } from './format.js';
import { define } from './definitions.js';

const tableState = new WeakMap();

/**
 * The figures of a page's answer that do not follow its filters (the server's {@code not_narrowed}:
 * organisation-wide money, sources, or a median that cannot be summed over teams).
 */
export function notNarrowed(data, id) {
  return Boolean(data && Array.isArray(data.not_narrowed) && data.not_narrowed.includes(id));
}

/**
 * Says beside a figure (a card's heading, a tile) that it answers for the whole organisation, or is
 * not summed over the chosen teams, when the page's filters ask about less; removes the note otherwise.
 */
export function scopeNote(element, data, id, key = 'note.not_narrowed') {
  if (!element) return;
  let note = element.querySelector(`:scope > .scope-note[data-for="${id}"]`);
  if (!notNarrowed(data, id)) {
    if (note) note.remove();
    return;
  }
  if (!note) {
    note = document.createElement('p');
    note.className = 'scope-note';
    note.dataset.for = id;
    element.append(note);
  }
  note.textContent = t(key);
}

/**
 * Headline figures: items {id, label, value, detail, def, scope}; def names the figure's definition;
 * scope, the page's data, marks a tile whose figure the filters do not narrow ({@link scopeNote}).
 */
export function tiles(element, items) {
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
    if (item.scope) scopeNote(tile, item.scope, item.id);
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
export function csv(columns, rows) {
  const lines = [columns.map((column) => column.label)]
    .concat(rows.map((row) => columns.map((column) => csvValue(column, row))));
  return lines.map((fields) => fields.map(csvField).join(',') + '\r\n').join('');
}

/** Downloads CSV text as file (".csv" added if missing), UTF-8 with a BOM so Excel reads Chinese. */
export function downloadCsv(file, text) {
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
export function table(element, columns, rows, options) {
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

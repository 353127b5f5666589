/**
 * Owns how values read in the chosen language: integers, percentages, numbers, money, days, months,
 * instants and relative ages (Intl formats, rebuilt when the language changes), and the names of
 * teams, statuses and modules. A missing value shows as NONE.
 */
import { NONE, label, lang, t } from './i18n.js';

/** The team value meaning every team the viewer may see (the API's scope). */
export const ALL = '__all__';
const UNKNOWN_TEAM = 'unknown';

let formats = null;

function formatsFor(locale) {
  return {
    locale,
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

/** The formats of the current language, built again after a language change. */
function current() {
  if (!formats || formats.locale !== lang()) formats = formatsFor(lang());
  return formats;
}

/** Whether a value shows as NONE: null, undefined, '' or a number that is not finite. */
export function missing(value) { return value === null || value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value)); }

export function fmtInt(value) { return missing(value) ? NONE : current().integer.format(value); }
export function fmtPct(value) { return missing(value) ? NONE : current().percent.format(value); }

/** A number with at most `digits` decimals (default 1). */
export function fmtNum(value, digits) {
  if (missing(value)) return NONE;
  const max = digits === undefined ? 1 : digits;
  const numbers = current().numbers;
  if (!numbers.has(max)) numbers.set(max, new Intl.NumberFormat(lang(), { maximumFractionDigits: max }));
  return numbers.get(max).format(value);
}

/**
 * An amount in an ISO 4217 currency; whole units from 100 up (dashboard figures, not invoices),
 * else the currency's usual decimals. options.digits forces the number of decimals.
 */
export function fmtMoney(value, currency, options) {
  if (missing(value)) return NONE;
  const code = currency || 'USD';
  const digits = options && options.digits !== undefined ? options.digits : (Math.abs(value) >= 100 ? 0 : undefined);
  const key = `${code}:${digits}`;
  const money = current().money;
  if (!money.has(key)) {
    const settings = { style: 'currency', currency: code };
    if (digits !== undefined) Object.assign(settings, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    try {
      money.set(key, new Intl.NumberFormat(lang(), settings));
    } catch (e) {
      // An unknown currency code: show the number and the code rather than nothing.
      money.set(key, { format: (v) => `${fmtNum(v, 2)} ${code}` });
    }
  }
  return money.get(key).format(value);
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
export function fmtDate(value) { return formatWith(current().date, value); }
/** An ISO month (2025-12) or day as month and year. */
export function fmtMonth(value) { return formatWith(current().month, value); }
/** An ISO instant in the viewer's time zone, named; a bare ISO day is shown as a day. */
export function fmtDateTime(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? fmtDate(value) : formatWith(current().dateTime, value);
}

/** How long ago (or ahead) an ISO instant is: "3 hours ago", "3小时前". */
export function fmtRelative(value, now) {
  if (missing(value)) return NONE;
  const then = toDate(value).getTime();
  if (Number.isNaN(then)) return String(value);
  const seconds = (then - (now === undefined ? Date.now() : now)) / 1000;
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
  const relative = current().relative;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds), 'second');
}

export function teamName(team) {
  if (team === ALL) return t('team.all');
  if (team === UNKNOWN_TEAM) return t('team.unknown');
  return team;
}
export function statusName(status) { return label('status', status); }
export function moduleName(module) { return label('module', module); }

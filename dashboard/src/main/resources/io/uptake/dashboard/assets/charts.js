/**
 * Owns the ECharts charts (echarts.min.js, a classic script loaded before the modules): drawing one
 * into an element by id with the dashboard's defaults (locale numbers on value axes, a translated
 * "Save as image", an empty-chart title), resizing them with their card, and disposing of them all
 * when the language changes (ECharts takes its locale at init).
 */
import { lang, t } from './i18n.js';
import { fmtDate, fmtNum } from './format.js';

const charts = new Map();
let asOf = null;

/** The as-of date of the data on screen (null for none): it ends the default image file names. */
export function setAsOf(date) { asOf = date || null; }

/** Removes every chart; the next chart() call builds it again (in the language of that moment). */
export function disposeCharts() {
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

/**
 * Axis names stay inside the chart: a name at the end of a horizontal axis moves under its middle
 * (the end sits on the card's right edge, where it was cut); a name atop a vertical axis starts at the
 * axis line and runs right, instead of centring on it and running off the card's left edge.
 */
function namedAxes(axes, horizontal) {
  if (!axes) return axes;
  const list = Array.isArray(axes) ? axes : [axes];
  const out = list.map((axis) => {
    if (!axis.name || (axis.nameLocation && axis.nameLocation !== 'end')) return axis;
    if (horizontal) return Object.assign({ nameLocation: 'middle', nameGap: 28 }, axis, { nameLocation: 'middle' });
    const style = Object.assign({ align: axis.position === 'right' ? 'right' : 'left' }, axis.nameTextStyle);
    return Object.assign({}, axis, { nameTextStyle: style });
  });
  return Array.isArray(axes) ? out : out[0];
}

/** A horizontal axis name under the axis needs room below the tick labels. */
function roomForAxisName(grid, xAxis) {
  const named = [].concat(xAxis || []).some((axis) => axis.name && axis.nameLocation === 'middle');
  if (!named || !grid || Array.isArray(grid) || typeof grid.bottom !== 'number') return grid;
  return Object.assign({}, grid, { bottom: Math.max(grid.bottom, 48) });
}

// The "Save as image" icon sits in the top right corner; a legend keeps clear of it.
const TOOLBOX_ROOM = 44;

/** Legends stop short of the toolbox's corner, so a paged legend's arrows never cover the icon. */
function clearOfToolbox(legend) {
  if (!legend) return legend;
  const list = Array.isArray(legend) ? legend : [legend];
  const out = list.map((item) => {
    if (item.bottom !== undefined && item.top === undefined) return item;
    if (item.right === undefined || (typeof item.right === 'number' && item.right < TOOLBOX_ROOM)) {
      return Object.assign({}, item, { right: TOOLBOX_ROOM });
    }
    return item;
  });
  return Array.isArray(legend) ? out : out[0];
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
export function chart(id, option, settings) {
  const element = document.getElementById(id);
  let entry = charts.get(id);
  if (!entry) {
    const instance = echarts.init(element, null, { locale: lang() === 'zh-CN' ? 'ZH' : 'EN' });
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
  const suffix = asOf ? `-${asOf}` : '';
  const file = (settings && settings.file) || `uptake-${document.body.dataset.page}-${id.replace(/^chart-/, '')}${suffix}`;
  const saveAsImage = { title: t('action.save_image'), name: file, backgroundColor: '#ffffff', pixelRatio: 2 };
  const merged = Object.assign({
    animation: false,
    // A legend sits above the plot, so the plot starts lower; the tick labels are measured
    // (containLabel) so long numbers never run off the left edge, and the margin beside them holds
    // half of the first date label, centred under the axis line.
    grid: { left: 36, right: 24, top: option.legend ? 60 : 36, bottom: 40, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmtNum(v, 2) },
  }, option);
  merged.toolbox = Object.assign({ top: 0, right: 8 }, option.toolbox, {
    feature: Object.assign({ saveAsImage }, option.toolbox && option.toolbox.feature),
  });
  merged.xAxis = namedAxes(localeAxes(option.xAxis), true);
  merged.yAxis = namedAxes(localeAxes(option.yAxis), false);
  merged.grid = roomForAxisName(merged.grid, merged.xAxis);
  merged.legend = clearOfToolbox(option.legend);
  if (isEmpty(option) && !option.title) {
    merged.title = { text: t('empty.chart'), left: 'center', top: 'middle',
      textStyle: { color: '#6b7280', fontSize: 14, fontWeight: 'normal' } };
  }
  entry.instance.setOption(merged, true);
  return entry.instance;
}

/**
 * Shows or hides the card around the element with the id; returns shown. A chart with nothing to
 * compare (no data, or one bar beside a table holding the same row) is left out rather than drawn.
 */
export function cardShown(id, shown) {
  const card = document.getElementById(id).closest('.card');
  if (card) card.hidden = !shown;
  return shown;
}

/** A category axis of ISO days labelled in the chosen locale. */
export function dateAxis(dates, extra) {
  return Object.assign({ type: 'category', data: dates, axisLabel: { formatter: (v) => fmtDate(v) } }, extra);
}

window.addEventListener('resize', () => charts.forEach((entry) => entry.instance.resize()));

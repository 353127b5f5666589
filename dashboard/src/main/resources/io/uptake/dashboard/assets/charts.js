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
export function dateAxis(dates, extra) {
  return Object.assign({ type: 'category', data: dates, axisLabel: { formatter: (v) => fmtDate(v) } }, extra);
}

window.addEventListener('resize', () => charts.forEach((entry) => entry.instance.resize()));

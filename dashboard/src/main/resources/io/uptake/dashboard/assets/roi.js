/**
 * The ROI page (/api/v1/roi): the verdict in one sentence, money tiles, costs and benefits by month, the
 * cumulative curve, the scenarios, how the ROI moves with the two assumptions a reader doubts most (hourly
 * rate, revenue attribution) with a calculator for their own figures, and the months and assumptions tables.
 */
import { addMessages, label, t } from './i18n.js';
import { fmtDate, fmtInt, fmtMoney, fmtMonth, fmtNum, fmtPct } from './format.js';
import { scopeNote, table, tiles } from './tables.js';
import { chart } from './charts.js';
import { start } from './page.js';

addMessages({
  en: {
    'roi.unavailable': 'No ROI figures in this run: {reason}',
    'roi.tile.roi_to_date': 'ROI to date',
    'roi.tile.roi_to_date_detail': 'base scenario',
    'roi.tile.payback_month': 'Payback month',
    'roi.tile.payback_none': 'not yet',
    'roi.tile.payback_detail': 'base scenario',
    'roi.tile.cost_to_date': 'Cost to date',
    'roi.tile.benefit_to_date': 'Benefit to date',
    'roi.tile.idle_seat_cost': 'Idle-seat spend',
    'roi.tile.idle_seat_detail': 'in {month}',
    'roi.costs.title': 'Monthly cost by category',
    'roi.benefits.title': 'Benefits by kind',
    'roi.cumulative.title': 'Cumulative ROI',
    'roi.scenarios.title': 'Scenarios',
    'roi.months.title': 'Month by month',
    'roi.assumptions.title': 'What the benefits rest on',
    'roi.assumptions.file': 'These assumptions come from {file}.',
    'roi.assumptions.defaults': 'No assumptions file has been loaded: these are the documented defaults.',
    'roi.assumptions.none': 'This run carries no assumptions.',
    'roi.assumptions.how_to_edit': 'Edit them in roi_assumptions.json and load it with ./uptake ingest; the next job run applies them.',
    'roi.assumptions.currency': 'Currency',
    'roi.assumptions.hourly_rate': 'Hourly rate of a person\'s time',
    'roi.assumptions.revenue_attribution': 'Share of won opportunity amounts credited to the CRM',
    'roi.assumptions.scenario': 'Benefit factor, {scenario} scenario',
    'roi.assumptions.minutes_saved': 'Minutes saved per event: {event}',
    'roi.assumptions.per_hour': '{amount} per hour',
    'roi.assumptions.factor': '× {factor}',
    'roi.assumptions.minutes': '{minutes} min',
    'roi.column.assumption': 'Assumption',
    'roi.column.value': 'Value',
    'roi.column.scenario': 'Scenario',
    'roi.column.factor': 'Benefit factor',
    'roi.column.cost_to_date': 'Cost to date',
    'roi.column.benefit_to_date': 'Benefit to date',
    'roi.column.roi_to_date': 'ROI to date',
    'roi.column.payback_month': 'Payback month',
    'roi.column.month': 'Month',
    'roi.column.cost_total': 'Total cost',
    'roi.column.idle_seat_cost': 'Idle-seat spend',
    'roi.column.mau': 'Active people',
    'roi.column.cost_per_active_user': 'Cost per active person',
    'roi.column.hours_saved': 'Hours saved',
    'roi.column.benefit_time': 'Time benefit',
    'roi.column.won_amount': 'Won amount',
    'roi.column.benefit_revenue': 'Revenue benefit',
    'roi.column.benefit_total': 'Total benefit',
    'roi.column.cum_cost': 'Cumulative cost',
    'roi.column.cum_benefit': 'Cumulative benefit',
    'roi.column.roi_cum': 'Cumulative ROI',
    'roi.category.license': 'Licences',
    'roi.category.implementation': 'Implementation',
    'roi.category.training': 'Training',
    'roi.category.support': 'Support',
    'roi.category.customization': 'Customisation',
    'roi.category.infrastructure': 'Infrastructure',
    'roi.series.benefit_time': 'Time saved',
    'roi.series.benefit_revenue': 'Revenue credited',
    'roi.series.cum_cost': 'Cumulative cost',
    'roi.series.cum_benefit': 'Cumulative benefit',
    'roi.series.roi_cum': 'Cumulative ROI',
    'roi.axis.amount': 'amount ({currency})',
    'roi.axis.roi': 'ROI',
    'roi.scenario.low': 'Low',
    'roi.scenario.base': 'Base',
    'roi.scenario.high': 'High',
    'roi.event.record_create': 'record created',
    'roi.event.record_update': 'record updated',
    'roi.event.record_view': 'record viewed',
    'roi.event.page_view': 'page viewed',
    'roi.event.search': 'search',
    'roi.event.report_run': 'report run',
    'roi.event.dashboard_view': 'dashboard viewed',
    'roi.event.knowledge_view': 'knowledge article viewed',
    'roi.event.help_view': 'help viewed',
    'roi.sensitivity.title': 'Sensitivity: hourly rate × revenue attribution',
    'roi.sensitivity.intro': 'ROI to date over every month up to {date} had the hourly rate (rows) or the share of won amounts credited to the CRM (columns) been different; every other assumption stays as it is.',
    'roi.sensitivity.corner': 'Hourly rate ↓ · attribution →',
    'roi.sensitivity.assumed': 'the assumptions',
    'roi.what_if.title': 'Try your own figures',
    'roi.what_if.hourly_rate': 'Hourly rate',
    'roi.what_if.attribution': 'Revenue attribution (%)',
    'roi.what_if.reset': 'Back to the assumptions',
    'roi.what_if.cost': 'Cost',
    'roi.what_if.benefit': 'Benefit',
    'roi.what_if.roi': 'ROI',
    'roi.what_if.payback': 'Payback month',
    'roi.what_if.invalid': 'Enter an hourly rate of at least 0 and an attribution between 0 and 100%.',
    'roi.what_if.months': 'Computed here from the {count} months shown ({from} to {to}: the date range), with the base scenario\'s benefit factor {factor}; it starts at the assumptions above.',
    'roi.what_if.no_months': 'No month of the date range has ROI figures.',
  },
  'zh-CN': {
    'roi.unavailable': '本次运行没有投资回报数据：{reason}',
    'roi.tile.roi_to_date': '迄今投资回报率',
    'roi.tile.roi_to_date_detail': '基准情景',
    'roi.tile.payback_month': '回本月份',
    'roi.tile.payback_none': '尚未回本',
    'roi.tile.payback_detail': '基准情景',
    'roi.tile.cost_to_date': '迄今成本',
    'roi.tile.benefit_to_date': '迄今收益',
    'roi.tile.idle_seat_cost': '闲置席位支出',
    'roi.tile.idle_seat_detail': '{month}',
    'roi.costs.title': '各类别月度成本',
    'roi.benefits.title': '各类收益',
    'roi.cumulative.title': '累计投资回报率',
    'roi.scenarios.title': '情景',
    'roi.months.title': '逐月明细',
    'roi.assumptions.title': '收益所依据的假设',
    'roi.assumptions.file': '这些假设来自 {file}。',
    'roi.assumptions.defaults': '尚未加载假设文件：以下为文档规定的默认值。',
    'roi.assumptions.none': '本次运行不含假设。',
    'roi.assumptions.how_to_edit': '请在 roi_assumptions.json 中修改，并用 ./uptake ingest 加载；下一次作业运行时生效。',
    'roi.assumptions.currency': '货币',
    'roi.assumptions.hourly_rate': '人员每小时成本',
    'roi.assumptions.revenue_attribution': '计入 CRM 的赢单金额比例',
    'roi.assumptions.scenario': '收益系数：{scenario}情景',
    'roi.assumptions.minutes_saved': '每个事件节省的分钟数：{event}',
    'roi.assumptions.per_hour': '每小时 {amount}',
    'roi.assumptions.factor': '× {factor}',
    'roi.assumptions.minutes': '{minutes} 分钟',
    'roi.column.assumption': '假设',
    'roi.column.value': '取值',
    'roi.column.scenario': '情景',
    'roi.column.factor': '收益系数',
    'roi.column.cost_to_date': '迄今成本',
    'roi.column.benefit_to_date': '迄今收益',
    'roi.column.roi_to_date': '迄今投资回报率',
    'roi.column.payback_month': '回本月份',
    'roi.column.month': '月份',
    'roi.column.cost_total': '总成本',
    'roi.column.idle_seat_cost': '闲置席位支出',
    'roi.column.mau': '活跃人数',
    'roi.column.cost_per_active_user': '每位活跃用户成本',
    'roi.column.hours_saved': '节省小时数',
    'roi.column.benefit_time': '时间收益',
    'roi.column.won_amount': '赢单金额',
    'roi.column.benefit_revenue': '收入收益',
    'roi.column.benefit_total': '总收益',
    'roi.column.cum_cost': '累计成本',
    'roi.column.cum_benefit': '累计收益',
    'roi.column.roi_cum': '累计投资回报率',
    'roi.category.license': '许可证',
    'roi.category.implementation': '实施',
    'roi.category.training': '培训',
    'roi.category.support': '支持',
    'roi.category.customization': '定制',
    'roi.category.infrastructure': '基础设施',
    'roi.series.benefit_time': '节省的时间',
    'roi.series.benefit_revenue': '计入的收入',
    'roi.series.cum_cost': '累计成本',
    'roi.series.cum_benefit': '累计收益',
    'roi.series.roi_cum': '累计投资回报率',
    'roi.axis.amount': '金额（{currency}）',
    'roi.axis.roi': '投资回报率',
    'roi.scenario.low': '低',
    'roi.scenario.base': '基准',
    'roi.scenario.high': '高',
    'roi.event.record_create': '创建记录',
    'roi.event.record_update': '更新记录',
    'roi.event.record_view': '查看记录',
    'roi.event.page_view': '查看页面',
    'roi.event.search': '搜索',
    'roi.event.report_run': '运行报表',
    'roi.event.dashboard_view': '查看仪表板',
    'roi.event.knowledge_view': '查看知识文章',
    'roi.event.help_view': '查看帮助',
    'roi.sensitivity.title': '敏感性：每小时成本 × 收入归因比例',
    'roi.sensitivity.intro': '若每小时成本（行）或计入 CRM 的赢单金额比例（列）取不同的值，截至 {date} 所有月份的迄今投资回报率；其他假设保持不变。',
    'roi.sensitivity.corner': '每小时成本 ↓ · 归因比例 →',
    'roi.sensitivity.assumed': '当前假设',
    'roi.what_if.title': '试算您自己的数值',
    'roi.what_if.hourly_rate': '每小时成本',
    'roi.what_if.attribution': '收入归因比例（%）',
    'roi.what_if.reset': '恢复为当前假设',
    'roi.what_if.cost': '成本',
    'roi.what_if.benefit': '收益',
    'roi.what_if.roi': '投资回报率',
    'roi.what_if.payback': '回本月份',
    'roi.what_if.invalid': '请输入不小于 0 的每小时成本，以及 0 到 100% 之间的归因比例。',
    'roi.what_if.months': '按当前显示的 {count} 个月（{from} 至 {to}，即所选日期范围）在页面中计算，收益系数取基准情景的 {factor}；初始值为上方的假设。',
    'roi.what_if.no_months': '所选日期范围内没有投资回报数据。',
  },
});

const SCENARIOS = ['low', 'base', 'high'];
const CATEGORIES = ['license', 'implementation', 'training', 'support', 'customization', 'infrastructure'];

/** The reader's own hourly rate and attribution (a share), kept across redraws of the same run. */
let whatIfInputs = null;

/**
 * Cost, benefit, ROI and payback month of the months given at another hourly rate and revenue attribution,
 * in the mart's own arithmetic (as the server's sensitivity grid): a month's benefit is hours_saved × rate +
 * won_amount × attribution, times the base scenario's factor; its cost is cost_total; payback is the first
 * month whose cumulative benefit reaches its cumulative cost. At the assumptions, over every month up to the
 * as-of date, these are the base scenario's figures and the verdict's.
 */
function whatIf(months, rate, attribution, factor) {
  let cost = 0;
  let benefit = 0;
  let payback = null;
  months.forEach((m) => {
    cost += m.cost_total || 0;
    benefit += (m.hours_saved || 0) * rate + (m.won_amount || 0) * attribution;
    if (payback === null && benefit * factor >= cost) payback = m.month;
  });
  const benefitToDate = benefit * factor;
  return { cost, benefit: benefitToDate, roi: cost > 0 ? (benefitToDate - cost) / cost : null, payback };
}

/** Whether two shares or rates are the same figure (the grid's rates are products of the assumed one). */
function same(a, b) { return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)); }

/** The grid of ROI to date by hourly rate (rows) and revenue attribution (columns), the assumptions marked. */
function sensitivityTable(element, grid, money) {
  const rates = grid.hourly_rates || [];
  const attributions = grid.revenue_attributions || [];
  const assumedRate = rates.findIndex((r) => same(r, grid.assumed_hourly_rate));
  const assumedAttribution = attributions.findIndex((a) => same(a, grid.assumed_revenue_attribution));
  const head = document.createElement('tr');
  const corner = document.createElement('th');
  corner.scope = 'col';
  corner.textContent = t('roi.sensitivity.corner');
  head.append(corner, ...attributions.map((a, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.className = i === assumedAttribution ? 'num assumed-column' : 'num';
    th.textContent = fmtPct(a);
    return th;
  }));
  const rows = rates.map((rate, r) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    if (r === assumedRate) th.className = 'assumed-row';
    th.textContent = t('roi.assumptions.per_hour', { amount: money(rate) });
    tr.append(th, ...attributions.map((a, i) => {
      const td = document.createElement('td');
      td.className = 'num';
      const value = ((grid.roi_to_date || [])[r] || [])[i];
      td.textContent = value === null || value === undefined ? '–' : fmtPct(value);
      if (r === assumedRate && i === assumedAttribution) {
        td.classList.add('assumed');
        const note = document.createElement('span');
        note.className = 'assumed-label';
        note.textContent = t('roi.sensitivity.assumed');
        td.append(note);
      }
      return td;
    }));
    return tr;
  });
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  tbody.append(...rows);
  element.replaceChildren(thead, tbody);
}

/** The calculator under the grid: the reader's rate and attribution over the months shown. */
function whatIfCalculator(data, assumptions, monthly, money) {
  const rateInput = document.getElementById('what-if-rate');
  const attributionInput = document.getElementById('what-if-attribution');
  const result = document.getElementById('what-if-result');
  const factor = assumptions.scenarios && typeof assumptions.scenarios.base === 'number' ? assumptions.scenarios.base : 1;
  const defaults = () => ({ run: data.run_id, rate: assumptions.hourly_rate, attribution: assumptions.revenue_attribution });
  if (!whatIfInputs || whatIfInputs.run !== data.run_id) whatIfInputs = defaults();
  const fill = () => {
    rateInput.value = String(whatIfInputs.rate);
    // A share shows as a percentage; rounding keeps 0.07 from reading 7.000000000000001.
    attributionInput.value = String(Number((whatIfInputs.attribution * 100).toFixed(6)));
  };
  const pair = (key, value) => {
    const term = document.createElement('dt');
    term.textContent = t(`roi.what_if.${key}`);
    const figure = document.createElement('dd');
    figure.dataset.figure = key;
    figure.textContent = value;
    const box = document.createElement('div');
    box.append(term, figure);
    return box;
  };
  const show = () => {
    const { rate, attribution } = whatIfInputs;
    const valid = Number.isFinite(rate) && rate >= 0 && Number.isFinite(attribution) && attribution >= 0 && attribution <= 1;
    if (!valid || !monthly.length) {
      const note = document.createElement('p');
      note.className = 'note';
      note.textContent = valid ? t('roi.what_if.no_months') : t('roi.what_if.invalid');
      result.replaceChildren(note);
      return;
    }
    const figures = whatIf(monthly, rate, attribution, factor);
    result.replaceChildren(
      pair('cost', money(figures.cost)),
      pair('benefit', money(figures.benefit)),
      pair('roi', fmtPct(figures.roi)),
      pair('payback', figures.payback ? fmtMonth(figures.payback) : t('roi.tile.payback_none')));
  };
  // Properties, not listeners: the page draws again on every language or filter change.
  rateInput.oninput = () => { whatIfInputs.rate = rateInput.value === '' ? NaN : Number(rateInput.value); show(); };
  attributionInput.oninput = () => {
    whatIfInputs.attribution = attributionInput.value === '' ? NaN : Number(attributionInput.value) / 100;
    show();
  };
  document.getElementById('what-if-reset').onclick = () => { whatIfInputs = defaults(); fill(); show(); };
  fill();
  show();
  document.getElementById('what-if-months').textContent = monthly.length ? t('roi.what_if.months', {
    count: fmtInt(monthly.length), from: fmtMonth(monthly[0].month), to: fmtMonth(monthly[monthly.length - 1].month),
    factor: fmtNum(factor, 2) }) : '';
}

/** The sensitivity card: hidden when the run has no ROI to move. */
function sensitivity(data, assumptions, monthly, money) {
  const card = document.getElementById('card-sensitivity');
  const grid = data.sensitivity;
  card.hidden = !grid || !assumptions;
  if (card.hidden) return;
  document.getElementById('sensitivity-intro').textContent = t('roi.sensitivity.intro', { date: fmtDate(data.as_of) });
  sensitivityTable(document.getElementById('table-sensitivity'), grid, money);
  whatIfCalculator(data, assumptions, monthly, money);
}

start('/api/v1/roi', (data) => {
  const asOf = data.as_of;
  const assumptions = data.assumptions || null;
  const currency = (assumptions && assumptions.currency) || data.currency || null;
  // A month without a cost shows as a whole 0, not 0.00.
  const money = (v) => (currency ? fmtMoney(v, currency, v === 0 ? { digits: 0 } : undefined) : fmtNum(v, 0));
  const pct = (v) => fmtPct(v);
  const month = (v) => fmtMonth(v);
  const monthly = data.monthly || [];
  const summary = data.summary || [];
  const categories = Array.isArray(data.categories) && data.categories.length ? data.categories : CATEGORIES;
  const scenarioName = (v) => label('roi.scenario', v);
  const payback = (v) => (v ? fmtMonth(v) : t('roi.tile.payback_none'));

  const unavailable = document.getElementById('unavailable');
  unavailable.textContent = data.unavailable ? t('roi.unavailable', { reason: data.unavailable }) : '';
  unavailable.hidden = !data.unavailable;

  document.getElementById('roi-verdict-box').hidden = !data.verdict_text;
  document.getElementById('roi-verdict').textContent = data.verdict_text || '';

  const base = summary.find((s) => s.scenario === 'base') || {};
  const last = monthly.length ? monthly[monthly.length - 1] : {};
  tiles(document.getElementById('tiles'), [
    { id: 'roi_to_date', label: t('roi.tile.roi_to_date'), def: 'roi_to_date', value: pct(base.roi_to_date),
      detail: t('roi.tile.roi_to_date_detail') },
    { id: 'payback_month', label: t('roi.tile.payback_month'), def: 'payback_month',
      value: base.scenario ? payback(base.payback_month) : fmtMonth(null), detail: t('roi.tile.payback_detail') },
    { id: 'cost_to_date', label: t('roi.tile.cost_to_date'), def: 'cost_to_date', value: money(base.cost_to_date) },
    { id: 'benefit_to_date', label: t('roi.tile.benefit_to_date'), def: 'benefit_to_date', value: money(base.benefit_to_date),
      detail: t('roi.tile.roi_to_date_detail') },
    { id: 'idle_seat_cost', label: t('roi.tile.idle_seat_cost'), def: 'idle_seat_cost', value: money(last.idle_seat_cost),
      detail: last.month ? t('roi.tile.idle_seat_detail', { month: month(last.month) }) : '' },
  ]);
  // ROI is the organisation's: under a team, department or wave filter every figure says so.
  document.querySelectorAll('#tiles .tile').forEach((tile) => scopeNote(tile, data,
    tile.dataset.tile === 'idle_seat_cost' ? 'monthly' : 'summary'));
  document.querySelectorAll('[data-scope]').forEach((element) => scopeNote(element, data, element.dataset.scope));

  const months = monthly.map((m) => m.month);
  const monthAxis = { type: 'category', data: months, axisLabel: { formatter: month } };
  // Axis names read inwards from their axis, so the card's edge never clips them.
  const amountAxis = { type: 'value', name: currency ? t('roi.axis.amount', { currency }) : '',
    nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v) => fmtNum(v, 0) } };
  // Half-width cards: the legend goes under the plot, paged if it must be, far from the "Save as image"
  // icon at the top right, which a paged legend at the top ran into.
  const legend = { bottom: 0, left: 0, right: 0, type: 'scroll' };
  const grid = { left: 80, right: 24, top: 48, bottom: 64 };
  const moneyTooltip = { trigger: 'axis', valueFormatter: money };

  chart('chart-costs', {
    legend,
    grid,
    tooltip: moneyTooltip,
    xAxis: monthAxis,
    yAxis: amountAxis,
    series: categories.map((category) => ({ name: label('roi.category', category), type: 'bar', stack: 'cost',
      data: monthly.map((m) => m[`cost_${category}`]) })),
  }, { file: `uptake-roi-costs-${asOf}` });

  chart('chart-benefits', {
    legend,
    grid,
    tooltip: moneyTooltip,
    xAxis: monthAxis,
    yAxis: amountAxis,
    series: ['benefit_time', 'benefit_revenue'].map((key) => ({ name: t(`roi.series.${key}`), type: 'bar', stack: 'benefit',
      data: monthly.map((m) => m[key]) })),
  }, { file: `uptake-roi-benefits-${asOf}` });

  chart('chart-cumulative', {
    legend,
    grid: Object.assign({}, grid, { right: 56 }),
    tooltip: moneyTooltip,
    xAxis: monthAxis,
    yAxis: [amountAxis, { type: 'value', name: t('roi.axis.roi'), nameTextStyle: { align: 'right' },
      axisLabel: { formatter: pct }, splitLine: { show: false } }],
    series: [
      { name: t('roi.series.cum_cost'), type: 'line', data: monthly.map((m) => m.cum_cost) },
      { name: t('roi.series.cum_benefit'), type: 'line', areaStyle: { opacity: 0.12 }, data: monthly.map((m) => m.cum_benefit) },
      { name: t('roi.series.roi_cum'), type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' },
        tooltip: { valueFormatter: pct }, data: monthly.map((m) => m.roi_cum),
        markLine: monthly.length ? { silent: true, symbol: 'none', lineStyle: { color: '#9ca3af' }, label: { show: false },
          data: [{ yAxis: 0 }] } : undefined },
    ],
  }, { file: `uptake-roi-cumulative-${asOf}` });

  const factors = (assumptions && assumptions.scenarios) || {};
  const scenarios = summary.slice().sort((a, b) => SCENARIOS.indexOf(a.scenario) - SCENARIOS.indexOf(b.scenario))
    .map((s) => Object.assign({ factor: factors[s.scenario] === undefined ? null : factors[s.scenario] }, s));
  table(document.getElementById('table-scenarios'), [
    { key: 'scenario', label: t('roi.column.scenario'), format: scenarioName, csv: (v) => v, def: 'scenario' },
    { key: 'factor', label: t('roi.column.factor'), num: true, format: (v) => (v === null ? '–' : t('roi.assumptions.factor', { factor: fmtNum(v, 2) })) },
    { key: 'cost_to_date', label: t('roi.column.cost_to_date'), num: true, format: money, def: 'cost_to_date' },
    { key: 'benefit_to_date', label: t('roi.column.benefit_to_date'), num: true, format: money, def: 'benefit_to_date' },
    { key: 'roi_to_date', label: t('roi.column.roi_to_date'), num: true, format: pct, def: 'roi_to_date' },
    { key: 'payback_month', label: t('roi.column.payback_month'), format: payback, csv: (v) => v || '', def: 'payback_month' },
  ], scenarios, { csv: `uptake-roi-scenarios-${asOf}` });

  sensitivity(data, assumptions, monthly, money);

  const moneyColumn = (key, def) => ({ key, label: t(`roi.column.${key}`), num: true, format: money, def: def || key });
  table(document.getElementById('table-months'), [
    { key: 'month', label: t('roi.column.month'), format: month, csv: (v) => v, def: 'month' },
    ...categories.map((category) => ({ key: `cost_${category}`, label: label('roi.category', category), num: true,
      format: money, def: `cost_${category}` })),
    moneyColumn('cost_total'),
    moneyColumn('idle_seat_cost'),
    { key: 'mau', label: t('roi.column.mau'), num: true, format: fmtInt, def: 'roi_mau' },
    moneyColumn('cost_per_active_user'),
    { key: 'hours_saved', label: t('roi.column.hours_saved'), num: true, format: (v) => fmtNum(v, 0), def: 'hours_saved' },
    moneyColumn('benefit_time'),
    moneyColumn('won_amount'),
    moneyColumn('benefit_revenue'),
    moneyColumn('benefit_total'),
    moneyColumn('cum_cost'),
    moneyColumn('cum_benefit'),
    { key: 'roi_cum', label: t('roi.column.roi_cum'), num: true, format: pct, def: 'roi_cum' },
  ], monthly, { csv: `uptake-roi-monthly-${asOf}` });

  const source = document.getElementById('assumptions-source');
  const rows = [];
  if (assumptions) {
    const origin = assumptions.source && assumptions.source !== 'defaults'
      ? t('roi.assumptions.file', { file: assumptions.source })
      : t('roi.assumptions.defaults');
    source.textContent = origin;
    rows.push({ name: t('roi.assumptions.currency'), value: assumptions.currency, text: assumptions.currency || '–' });
    rows.push({ name: t('roi.assumptions.hourly_rate'), value: assumptions.hourly_rate,
      text: t('roi.assumptions.per_hour', { amount: fmtMoney(assumptions.hourly_rate, currency, { digits: 2 }) }) });
    rows.push({ name: t('roi.assumptions.revenue_attribution'), value: assumptions.revenue_attribution,
      text: pct(assumptions.revenue_attribution) });
    SCENARIOS.filter((s) => factors[s] !== undefined).forEach((s) => rows.push({
      name: t('roi.assumptions.scenario', { scenario: scenarioName(s) }), value: factors[s],
      text: t('roi.assumptions.factor', { factor: fmtNum(factors[s], 2) }) }));
    Object.entries(assumptions.minutes_saved || {}).forEach(([event, minutes]) => rows.push({
      name: t('roi.assumptions.minutes_saved', { event: label('roi.event', event) }), value: minutes,
      text: t('roi.assumptions.minutes', { minutes: fmtNum(minutes, 2) }) }));
  } else {
    source.textContent = t('roi.assumptions.none');
  }
  table(document.getElementById('table-assumptions'), [
    { key: 'name', label: t('roi.column.assumption') },
    { key: 'value', label: t('roi.column.value'), num: true, format: (v, row) => row.text, csv: (v) => v },
  ], rows, { csv: `uptake-roi-assumptions-${asOf}` });
});

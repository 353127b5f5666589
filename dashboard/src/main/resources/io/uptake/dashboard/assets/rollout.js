/**
 * The Rollout page (/api/v1/rollout): adoption curves by wave, the waves table, goals against their
 * targets (chart and table) and the managers' view.
 */
import { addMessages, label, t } from './i18n.js';
import { fmtDate, fmtInt, fmtNum, fmtPct, teamName } from './format.js';
import { table } from './tables.js';
import { cardShown, chart } from './charts.js';
import { start } from './page.js';

addMessages({
  en: {
    'rollout.curves.title': 'Adoption by days since go-live',
    'rollout.curves.team_note': 'One line per team, each aligned on its own go-live (day 0). A line counts only that team\'s own people, not its whole wave.',
    'rollout.as_of': 'As of {date}: the date filters do not apply to this card.',
    'rollout.waves.title': 'Waves: time to 50% and 80% adoption',
    'rollout.goals.title': 'Goals against plan',
    'rollout.goals.chart_note': 'Each bar shows how far the goal has come from its baseline (0%) to its target (100%); the mark shows where it should be today. Lower-is-better goals are counted the same way.',
    'rollout.goals.not_evaluated': 'Some goals could not be evaluated; the table says why.',
    'rollout.managers.title': 'Managers: their own use and their direct reports\' adoption',
    'rollout.axis.days_since_go_live': 'days since go-live',
    'rollout.axis.adoption_rate': 'adoption rate',
    'rollout.axis.progress': 'progress to target',
    'rollout.axis.own_views': 'own report runs and dashboard views, 28 days',
    'rollout.axis.reports_adoption': 'direct reports\' adoption',
    'rollout.series.team_wave': '{team} ({wave})',
    'rollout.series.threshold_50': '50% adopted',
    'rollout.series.threshold_80': '80% adopted',
    'rollout.series.progress': 'Progress',
    'rollout.series.expected': 'Expected today',
    'rollout.series.target': 'Target',
    'rollout.series.managers': 'Managers',
    'rollout.tooltip.day': 'Day {day} since go-live',
    'rollout.tooltip.goal_values': 'Baseline {baseline} → target {target} by {due}',
    'rollout.tooltip.goal_now': 'Current {current} · expected {expected}',
    'rollout.tooltip.manager': '{team} · own views {views} · direct reports\' adoption {rate}',
    'rollout.column.wave': 'Wave',
    'rollout.column.go_live_date': 'Go-live',
    'rollout.column.users': 'Users',
    'rollout.column.days_to_50pct': 'Days to 50%',
    'rollout.column.days_to_80pct': 'Days to 80%',
    'rollout.column.adoption_rate_now': 'Adoption now',
    'rollout.column.goal': 'Goal',
    'rollout.column.kpi': 'KPI',
    'rollout.column.scope': 'Scope',
    'rollout.column.baseline': 'Baseline',
    'rollout.column.target': 'Target',
    'rollout.column.start_date': 'Start',
    'rollout.column.due_date': 'Due',
    'rollout.column.expected': 'Expected now',
    'rollout.column.current': 'Current',
    'rollout.column.status': 'Status',
    'rollout.column.problem': 'Why not evaluated',
    'rollout.column.manager': 'Manager',
    'rollout.column.team': 'Team',
    'rollout.column.own_views': 'Own analytics views (28 days)',
    'rollout.column.reports_adoption_rate': 'Direct reports\' adoption',
    'rollout.not_yet': 'not yet',
    'rollout.not_live': 'not live yet',
    'rollout.scope.all': 'Whole organisation',
    'rollout.scope.team': 'Team {name}',
    'rollout.scope.wave': 'Wave {name}',
    'rollout.status.done': '✓ Done',
    'rollout.status.green': '● Green: on track',
    'rollout.status.amber': '▲ Amber: slightly behind',
    'rollout.status.red': '■ Red: behind',
    'rollout.status.none': '○ Not evaluated',
    'rollout.kpi.adoption_rate': 'Adoption rate',
    'rollout.kpi.stickiness': 'Stickiness',
    'rollout.kpi.stale_share_30d': 'Share of records stale > 30 days (lower is better)',
    'rollout.kpi.duplicate_rate': 'Duplicate rate (lower is better)',
    'rollout.kpi.completeness_avg': 'Average completeness',
    'rollout.kpi.trained_share': 'Trained share',
    'rollout.kpi.roi_cum': 'Cumulative ROI',
  },
  'zh-CN': {
    'rollout.curves.title': '上线后各天的采用率',
    'rollout.curves.team_note': '每个团队一条曲线，均以该团队自己的上线日（第 0 天）对齐。每条曲线只统计该团队自己的人员，而非整个批次。',
    'rollout.as_of': '截至 {date}：日期筛选不适用于此卡片。',
    'rollout.waves.title': '各批次：达到 50% 和 80% 采用率所需时间',
    'rollout.goals.title': '目标与计划对比',
    'rollout.goals.chart_note': '每个条形显示目标从基线（0%）到目标值（100%）已完成的进度；标记表示今天应达到的位置。越低越好的目标按同样方式计算。',
    'rollout.goals.not_evaluated': '部分目标无法评估，原因见表格。',
    'rollout.managers.title': '经理：本人使用情况与直接下属采用率',
    'rollout.axis.days_since_go_live': '上线后天数',
    'rollout.axis.adoption_rate': '采用率',
    'rollout.axis.progress': '目标完成进度',
    'rollout.axis.own_views': '本人报表运行和仪表板查看次数（28 天）',
    'rollout.axis.reports_adoption': '直接下属采用率',
    'rollout.series.team_wave': '{team}（{wave}）',
    'rollout.series.threshold_50': '50% 采用',
    'rollout.series.threshold_80': '80% 采用',
    'rollout.series.progress': '进度',
    'rollout.series.expected': '今天应达到',
    'rollout.series.target': '目标',
    'rollout.series.managers': '经理',
    'rollout.tooltip.day': '上线后第 {day} 天',
    'rollout.tooltip.goal_values': '基线 {baseline} → 目标 {target}，截止 {due}',
    'rollout.tooltip.goal_now': '当前 {current} · 应达到 {expected}',
    'rollout.tooltip.manager': '{team} · 本人查看 {views} · 直接下属采用率 {rate}',
    'rollout.column.wave': '批次',
    'rollout.column.go_live_date': '上线日期',
    'rollout.column.users': '用户数',
    'rollout.column.days_to_50pct': '达到 50% 天数',
    'rollout.column.days_to_80pct': '达到 80% 天数',
    'rollout.column.adoption_rate_now': '当前采用率',
    'rollout.column.goal': '目标',
    'rollout.column.kpi': '指标',
    'rollout.column.scope': '范围',
    'rollout.column.baseline': '基线',
    'rollout.column.target': '目标值',
    'rollout.column.start_date': '开始',
    'rollout.column.due_date': '截止',
    'rollout.column.expected': '当前应达到',
    'rollout.column.current': '当前值',
    'rollout.column.status': '状态',
    'rollout.column.problem': '无法评估的原因',
    'rollout.column.manager': '经理',
    'rollout.column.team': '团队',
    'rollout.column.own_views': '本人分析查看次数（28 天）',
    'rollout.column.reports_adoption_rate': '直接下属采用率',
    'rollout.not_yet': '尚未达到',
    'rollout.not_live': '尚未上线',
    'rollout.scope.all': '整个组织',
    'rollout.scope.team': '团队 {name}',
    'rollout.scope.wave': '批次 {name}',
    'rollout.status.done': '✓ 已完成',
    'rollout.status.green': '● 绿色：按计划推进',
    'rollout.status.amber': '▲ 黄色：略有落后',
    'rollout.status.red': '■ 红色：落后',
    'rollout.status.none': '○ 无法评估',
    'rollout.kpi.adoption_rate': '采用率',
    'rollout.kpi.stickiness': '黏性',
    'rollout.kpi.stale_share_30d': '超过 30 天未更新的记录占比（越低越好）',
    'rollout.kpi.duplicate_rate': '重复率（越低越好）',
    'rollout.kpi.completeness_avg': '平均完整度',
    'rollout.kpi.trained_share': '已培训占比',
    'rollout.kpi.roi_cum': '累计投资回报率',
  },
});

const GOAL_COLORS = { done: '#1d4ed8', green: '#15803d', amber: '#b45309', red: '#b91c1c', none: '#9ca3af' };
// Every goal KPI of the KPI reference is a share; anything else is shown as a plain number.
const SHARE_KPIS = ['adoption_rate', 'stickiness', 'stale_share_30d', 'duplicate_rate', 'completeness_avg', 'trained_share', 'roi_cum'];

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function goalValue(goal, value) {
  return SHARE_KPIS.includes(goal.kpi) ? fmtPct(value) : fmtNum(value, 2);
}

const STATUSES = ['done', 'green', 'amber', 'red'];

function goalStatus(status) {
  return t(`rollout.status.${STATUSES.includes(status) ? status : 'none'}`);
}

function goalColor(status) { return GOAL_COLORS[status] || GOAL_COLORS.none; }

function scopeName(scope) {
  if (!scope || scope === 'all') return t('rollout.scope.all');
  const match = /^(team|wave):(.*)$/.exec(scope);
  if (!match) return scope;
  return t(`rollout.scope.${match[1]}`, { name: match[1] === 'team' ? teamName(match[2]) : match[2] });
}

/** Share of the way from baseline to target: 0 at the baseline, 1 at the target, whichever direction is better. */
function progress(goal, value) {
  if (value === null || value === undefined || goal.baseline === null || goal.target === null) return null;
  const distance = goal.target - goal.baseline;
  if (!distance) return value === goal.target ? 1 : null;
  return (value - goal.baseline) / distance;
}

/** Rows grouped into one series per key, each point [day, adoption_rate], in day order. */
function curveSeries(rows, keyOf, nameOf) {
  const groups = new Map();
  rows.forEach((row) => {
    const key = keyOf(row);
    if (!groups.has(key)) groups.set(key, { name: nameOf(row), rows: [] });
    groups.get(key).rows.push(row);
  });
  return [...groups.values()].map((group) => ({
    name: group.name, type: 'line', showSymbol: false,
    data: group.rows.slice().sort((a, b) => a.day - b.day).map((r) => [r.day, r.adoption_rate]),
  }));
}

/**
 * Adoption by days since go-live: one line per wave for the whole organisation; one line per team,
 * aligned on the team's own go-live, when a team, department or lead's scope answers instead (waves
 * null): those lines count the teams' own people, not their whole waves, and the note under the chart
 * says so.
 */
function drawCurves(data, asOf) {
  const pct = (v) => fmtPct(v);
  const byTeam = !Array.isArray(data.curves);
  const series = byTeam
    ? curveSeries(data.team_curves || [], (r) => `${r.team}\u0000${r.wave}`,
      (r) => t('rollout.series.team_wave', { team: teamName(r.team), wave: r.wave }))
    : curveSeries(data.curves || [], (r) => r.wave, (r) => r.wave);
  if (!cardShown('chart-curves', series.length > 0)) return;
  const note = document.getElementById('curves-note');
  note.textContent = t('rollout.curves.team_note');
  note.hidden = !byTeam;
  // The thresholds ride on a series of their own so they show (and toggle) in the legend.
  const threshold = (value, key, color) => ({
    name: t(key), type: 'line', data: [], color,
    markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color },
      label: { formatter: pct(value), position: 'insideEndTop' }, data: [{ yAxis: value }] },
  });
  if (series.length) {
    series.push(threshold(0.5, 'rollout.series.threshold_50', '#9ca3af'), threshold(0.8, 'rollout.series.threshold_80', '#4b5563'));
  }
  chart('chart-curves', {
    legend: { top: 0, left: 0, type: 'scroll' },
    grid: { left: 56, right: 32, top: 60, bottom: 48 },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const points = [].concat(params).filter((p) => Array.isArray(p.value));
        if (!points.length) return '';
        const lines = points.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: ${pct(p.value[1])}`);
        return [escapeHtml(t('rollout.tooltip.day', { day: fmtInt(points[0].value[0]) }))].concat(lines).join('<br>');
      },
    },
    xAxis: { type: 'value', name: t('rollout.axis.days_since_go_live'), nameLocation: 'middle', nameGap: 28, min: 0, max: 'dataMax',
      axisLabel: { formatter: (v) => fmtInt(v) } },
    yAxis: { type: 'value', name: t('rollout.axis.adoption_rate'), min: 0, max: 1, axisLabel: { formatter: pct } },
    series,
  }, { file: `uptake-rollout-curves-${asOf}` });
}

function drawWaves(data, asOf) {
  const card = document.getElementById('card-waves');
  card.hidden = !Array.isArray(data.waves);
  if (card.hidden) return;
  const days = (v) => (v === null || v === undefined ? t('rollout.not_yet') : fmtInt(v));
  table(document.getElementById('table-waves'), [
    { key: 'wave', label: t('rollout.column.wave') },
    { key: 'go_live_date', label: t('rollout.column.go_live_date'), date: true, def: 'go_live_date' },
    { key: 'users', label: t('rollout.column.users'), num: true, format: fmtInt, def: 'wave_users' },
    { key: 'days_to_50pct', label: t('rollout.column.days_to_50pct'), num: true, format: days, def: 'days_to_50pct' },
    { key: 'days_to_80pct', label: t('rollout.column.days_to_80pct'), num: true, format: days, def: 'days_to_80pct' },
    { key: 'adoption_rate_now', label: t('rollout.column.adoption_rate_now'), num: true, def: 'adoption_rate_now',
      format: (v) => (v === null || v === undefined ? t('rollout.not_live') : fmtPct(v)) },
  ], data.waves, { csv: `uptake-rollout-waves-${asOf}` });
}

/** "As of 31 Dec 2025": goals and managers are point-in-time figures the date filters leave alone. */
function asOfNote(id, asOf) {
  const note = document.getElementById(id);
  note.textContent = asOf ? t('rollout.as_of', { date: fmtDate(asOf) }) : '';
  note.hidden = !asOf;
}

/**
 * Sizes a horizontal bar chart to its rows so that every category label shows (ECharts drops labels
 * that do not fit), and shows it only with two rows or more: one bar says no more than the table
 * under it.
 */
function barChartShown(id, rows) {
  const element = document.getElementById(id);
  element.hidden = rows < 2;
  if (!element.hidden) element.style.height = `${Math.max(240, 96 + 36 * rows)}px`;
  return !element.hidden;
}

function drawGoals(data, asOf) {
  const goals = data.goals || [];
  if (!cardShown('chart-goals', goals.length > 0 || Boolean(data.goals_unavailable))) return;
  asOfNote('goals-asof', goals.length ? asOf : null);
  const note = document.getElementById('goals-note');
  const notes = [];
  if (data.goals_unavailable) notes.push(data.goals_unavailable);
  if (goals.some((g) => g.problem)) notes.push(t('rollout.goals.not_evaluated'));
  note.textContent = notes.join(' ');
  note.hidden = notes.length === 0;

  const names = goals.map((g) => `${g.goal_id} · ${label('rollout.kpi', g.kpi)}`);
  const drawn = barChartShown('chart-goals', goals.length);
  document.getElementById('goals-chart-note').hidden = !drawn;
  const goalsTable = document.getElementById('table-goals');
  (goalsTable.closest('.table-frame') || goalsTable).hidden = goals.length === 0;
  if (drawn) drawGoalsChart(goals, names, asOf);
  if (goals.length) drawGoalsTable(goals, asOf);
}

/**
 * Progress of each goal from its baseline (0%) to its target (100%), coloured and labelled by status.
 * The category labels get a fixed room (each starts with the goal's id, so a cut keeps the id) and
 * the right margin the longest status label ("✓ Done", "● 绿色：按计划推进") beyond a bar at 100%.
 */
function drawGoalsChart(goals, names, asOf) {
  const pct = (v) => fmtPct(v);
  chart('chart-goals', {
    legend: { top: 0, left: 0, data: [t('rollout.series.progress'), t('rollout.series.expected')] },
    grid: { left: 16, right: 150, top: 48, bottom: 48, containLabel: true },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const index = [].concat(params)[0] ? [].concat(params)[0].dataIndex : -1;
        const goal = goals[index];
        if (!goal) return '';
        const lines = [`<b>${escapeHtml(names[index])}</b>`, escapeHtml(scopeName(goal.scope)),
          escapeHtml(t('rollout.tooltip.goal_values', { baseline: goalValue(goal, goal.baseline),
            target: goalValue(goal, goal.target), due: fmtDate(goal.due_date) })),
          escapeHtml(t('rollout.tooltip.goal_now', { current: goalValue(goal, goal.current), expected: goalValue(goal, goal.expected) })),
          escapeHtml(goalStatus(goal.status))];
        if (goal.problem) lines.push(escapeHtml(goal.problem));
        return lines.join('<br>');
      },
    },
    xAxis: { type: 'value', name: t('rollout.axis.progress'), nameLocation: 'middle', nameGap: 26,
      min: (extent) => Math.min(0, extent.min), max: (extent) => Math.max(1, extent.max), axisLabel: { formatter: pct } },
    yAxis: { type: 'category', inverse: true, data: names,
      axisLabel: { interval: 0, width: 220, overflow: 'truncate' } },
    series: [
      { name: t('rollout.series.progress'), type: 'bar', barWidth: '50%', color: '#6b7280',
        data: goals.map((g) => ({ value: progress(g, g.current), itemStyle: { color: goalColor(g.status) } })),
        label: { show: true, position: 'right', formatter: (p) => (goals[p.dataIndex] ? goalStatus(goals[p.dataIndex].status) : '') },
        markLine: goals.length ? { silent: true, symbol: 'none', lineStyle: { color: '#111827', type: 'solid' },
          label: { formatter: t('rollout.series.target') }, data: [{ xAxis: 1 }] } : undefined },
      { name: t('rollout.series.expected'), type: 'scatter', symbol: 'rect', symbolSize: [4, 22], color: '#111827',
        data: goals.map((g, i) => [progress(g, g.expected), i]).filter((point) => point[0] !== null) },
    ],
  }, { file: `uptake-rollout-goals-${asOf}` });
}

function drawGoalsTable(goals, asOf) {
  const value = (v, row) => goalValue(row, v);
  table(document.getElementById('table-goals'), [
    { key: 'goal_id', label: t('rollout.column.goal') },
    { key: 'kpi', label: t('rollout.column.kpi'), format: (v) => label('rollout.kpi', v) },
    { key: 'scope', label: t('rollout.column.scope'), format: scopeName },
    { key: 'baseline', label: t('rollout.column.baseline'), num: true, format: value, def: 'goal_baseline' },
    { key: 'target', label: t('rollout.column.target'), num: true, format: value, def: 'goal_target' },
    { key: 'start_date', label: t('rollout.column.start_date'), date: true },
    { key: 'due_date', label: t('rollout.column.due_date'), date: true },
    { key: 'expected', label: t('rollout.column.expected'), num: true, format: value, def: 'goal_expected' },
    { key: 'current', label: t('rollout.column.current'), num: true, format: value, def: 'goal_current' },
    { key: 'status', label: t('rollout.column.status'), format: goalStatus, csv: (v) => v || '', def: 'goal_status' },
    { key: 'problem', label: t('rollout.column.problem'), format: (v) => v || '' },
  ], goals, { csv: `uptake-rollout-goals-${asOf}` });
  // Status in words and in colour (not colour alone).
  const statusColumn = 9;
  document.querySelectorAll('#table-goals tbody tr').forEach((tr, i) => {
    const goal = goals[i];
    const cell = tr.cells[statusColumn];
    if (!goal || !cell) return;
    cell.dataset.status = goal.status || 'none';
    cell.style.color = goalColor(goal.status);
    cell.style.fontWeight = '600';
    cell.style.whiteSpace = 'nowrap';
  });
}

function drawManagers(data, asOf) {
  const managers = (data.managers || []).slice()
    .sort((a, b) => String(a.team).localeCompare(String(b.team)) || String(a.display_name).localeCompare(String(b.display_name)));
  const pct = (v) => fmtPct(v);
  if (!cardShown('chart-managers', managers.length > 0)) return;
  asOfNote('managers-asof', asOf);
  // One manager's point says no more than the table's one row.
  const chartElement = document.getElementById('chart-managers');
  chartElement.hidden = managers.length < 2;
  if (!chartElement.hidden) drawManagersChart(managers, asOf);

  table(document.getElementById('table-managers'), [
    { key: 'display_name', label: t('rollout.column.manager'), format: (v, row) => v || row.manager_key || '–' },
    { key: 'team', label: t('rollout.column.team'), format: teamName },
    { key: 'own_analytics_views_28d', label: t('rollout.column.own_views'), num: true, format: fmtInt, def: 'own_analytics_views_28d' },
    { key: 'team_adoption_rate', label: t('rollout.column.reports_adoption_rate'), num: true, format: pct, def: 'team_adoption_rate' },
  ], managers, { csv: `uptake-rollout-managers-${asOf}` });
}

/**
 * Each manager's own analytics use against their direct reports' adoption (MAU / licensed among the
 * people reporting to them: not the team's adoption rate shown elsewhere). Names that would overlap
 * move apart or, failing that, hide; the hover always names the manager.
 */
function drawManagersChart(managers, asOf) {
  const pct = (v) => fmtPct(v);
  chart('chart-managers', {
    grid: { left: 16, right: 32, top: 40, bottom: 48, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const m = managers[p.dataIndex];
        if (!m) return '';
        return `<b>${escapeHtml(m.display_name || m.manager_key)}</b><br>${escapeHtml(t('rollout.tooltip.manager', {
          team: teamName(m.team), views: fmtInt(m.own_analytics_views_28d), rate: pct(m.team_adoption_rate) }))}`;
      },
    },
    // Views start near the least-using manager (not at 0), so close points spread out.
    xAxis: { type: 'value', name: t('rollout.axis.own_views'), nameLocation: 'middle', nameGap: 28,
      min: (extent) => Math.max(0, Math.floor((extent.min * 0.9) / 10) * 10),
      axisLabel: { formatter: (v) => fmtInt(v) } },
    yAxis: { type: 'value', name: t('rollout.axis.reports_adoption'), min: 0, max: 1, axisLabel: { formatter: pct } },
    series: [{ name: t('rollout.series.managers'), type: 'scatter', symbolSize: 12,
      // Names that would overlap are left out; the hover and the table name every manager.
      labelLayout: { hideOverlap: true },
      label: { show: true, position: 'right', fontSize: 11, color: '#6b7280',
        formatter: (p) => (managers[p.dataIndex] ? managers[p.dataIndex].display_name || '' : '') },
      data: managers.map((m) => [m.own_analytics_views_28d, m.team_adoption_rate]) }],
  }, { file: `uptake-rollout-managers-${asOf}` });
}

start('/api/v1/rollout', (data) => {
  const asOf = data.as_of;
  drawCurves(data, asOf);
  drawWaves(data, asOf);
  drawGoals(data, asOf);
  drawManagers(data, asOf);
});

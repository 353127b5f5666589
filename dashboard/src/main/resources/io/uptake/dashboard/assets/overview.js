/**
 * The Overview page (/api/v1/overview): headline tiles (money tiles for executives), the adoption
 * trend, cost against benefit by month (executives only) and adoption by team.
 */
import { t } from './i18n.js';
import { fmtDate, fmtInt, fmtMoney, fmtMonth, fmtNum, fmtPct, teamName } from './format.js';
import { tiles } from './tables.js';
import { chart, dateAxis } from './charts.js';
import { start } from './page.js';

/** The executive's money tiles (null parts when the run has no ROI) and the goals at red, for every role. */
function moneyTiles(data, executive) {
  const items = [];
  if (executive) {
    const roi = data.roi || {};
    const month = data.roi_latest_month || {};
    const money = (v) => (data.currency ? fmtMoney(v, data.currency) : fmtNum(v, 0));
    items.push(
      { id: 'roi_to_date', label: t('overview.tile.roi_to_date'), def: 'roi_to_date', value: fmtPct(roi.roi_to_date),
        detail: data.roi ? t('overview.tile.roi_to_date_detail', { cost: money(roi.cost_to_date) }) : '' },
      { id: 'payback_month', label: t('overview.tile.payback_month'), def: 'payback_month',
        value: roi.payback_month ? fmtMonth(roi.payback_month) : (data.roi ? t('overview.tile.payback_none') : fmtMonth(null)),
        detail: t('overview.tile.payback_detail') },
      { id: 'idle_seat_cost', label: t('overview.tile.idle_seat_cost'), def: 'idle_seat_cost', value: money(month.idle_seat_cost),
        detail: month.month ? t('overview.tile.idle_seat_detail', { month: fmtMonth(month.month),
          per_user: money(month.cost_per_active_user) }) : '' });
  }
  const goals = data.goals || {};
  const total = ['done', 'green', 'amber', 'red'].reduce((sum, status) => sum + (goals[status] || 0), 0);
  items.push({ id: 'goals_red', label: t('overview.tile.goals_red'), def: 'goals_red', value: fmtInt(goals.red || 0),
    detail: t('overview.tile.goals_red_detail', { total: fmtInt(total), amber: fmtInt(goals.amber || 0),
      green: fmtInt(goals.green || 0), done: fmtInt(goals.done || 0) }) });
  return items;
}

/** Monthly cost against benefit (bars) and their running totals (lines), executives only. */
function costBenefit(data, executive) {
  const card = document.getElementById('card-cost-benefit');
  card.hidden = !executive;
  if (!executive) return;
  const rows = data.cost_benefit || [];
  const money = (v) => (data.currency ? fmtMoney(v, data.currency) : fmtNum(v, 0));
  chart('chart-cost-benefit', {
    legend: { top: 0, left: 0, right: 40, type: 'scroll' },
    grid: { left: 80, right: 24, top: 60, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: money },
    xAxis: { type: 'category', data: rows.map((r) => r.month), axisLabel: { formatter: (v) => fmtMonth(v) } },
    yAxis: { type: 'value', name: data.currency ? t('overview.axis.amount', { currency: data.currency }) : '',
      axisLabel: { formatter: (v) => fmtNum(v, 0) } },
    series: [
      { name: t('overview.series.cost'), type: 'bar', data: rows.map((r) => r.cost_total) },
      { name: t('overview.series.benefit'), type: 'bar', data: rows.map((r) => r.benefit_total) },
      { name: t('overview.series.cum_cost'), type: 'line', lineStyle: { type: 'dashed' }, data: rows.map((r) => r.cum_cost) },
      { name: t('overview.series.cum_benefit'), type: 'line', lineStyle: { type: 'dashed' }, data: rows.map((r) => r.cum_benefit) },
    ],
  }, { file: `uptake-cost-vs-benefit-${data.as_of}` });
}

start('/api/v1/overview', (data, me) => {
  const latest = data.latest || {};
  const statuses = data.statuses || {};
  const executive = Boolean(me && me.role === 'executive');
  const money = moneyTiles(data, executive);
  // PRODUCT.md's order: ROI to date, payback month, MAU vs licensed, idle-seat spend, goals at red.
  const first = money.filter((tile) => tile.id === 'roi_to_date' || tile.id === 'payback_month');
  const then = money.filter((tile) => !first.includes(tile));
  // Suppressed groups (fewer than 5 people, for a role without their user list) show no adoption figures;
  // the money and goal tiles are not about the group's people.
  tiles(document.getElementById('tiles'), data.suppressed
    ? [...money, { id: 'suppressed', label: teamName(data.selection.team), value: '–', detail: t('suppressed') }]
    : [
      ...first,
      { id: 'mau', label: t('overview.tile.mau'), def: 'mau', value: fmtInt(latest.mau),
        detail: t('overview.tile.mau_detail', { licensed: fmtInt(latest.licensed_users) }) },
      ...then,
      { id: 'adoption_rate', label: t('overview.tile.adoption_rate'), def: 'adoption_rate',
        value: fmtPct(latest.adoption_rate), detail: t('overview.tile.adoption_rate_detail') },
      { id: 'dau', label: t('overview.tile.dau'), def: 'dau', value: fmtInt(latest.dau),
        detail: t('overview.tile.dau_detail', { wau: fmtInt(latest.wau) }) },
      { id: 'stickiness', label: t('overview.tile.stickiness'), def: 'stickiness',
        value: fmtPct(latest.stickiness), detail: t('overview.tile.stickiness_detail') },
      { id: 'dormant', label: t('overview.tile.dormant'), def: 'status_dormant',
        value: fmtInt(statuses.dormant), detail: t('overview.tile.dormant_detail') },
      { id: 'never_active', label: t('overview.tile.never_active'), def: 'status_never_active',
        value: fmtInt(statuses.never_active), detail: t('overview.tile.never_active_detail') },
    ]);
  costBenefit(data, executive);

  const trend = data.trend || [];
  const pct = (v) => fmtPct(v);
  chart('chart-trend', {
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 60, bottom: 64 },
    xAxis: dateAxis(trend.map((r) => r.date)),
    yAxis: [
      { type: 'value', name: t('axis.users') },
      { type: 'value', name: t('axis.adoption'), min: 0, max: 1, axisLabel: { formatter: pct } },
    ],
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmtNum(v, 3) },
    dataZoom: [{ type: 'slider', bottom: 8, labelFormatter: (i, v) => fmtDate(v) }],
    series: [
      { name: t('series.licensed_users'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed' },
        data: trend.map((r) => r.licensed_users) },
      { name: t('series.mau'), type: 'line', showSymbol: false, areaStyle: { opacity: 0.15 }, data: trend.map((r) => r.mau) },
      { name: t('series.dau'), type: 'line', showSymbol: false, data: trend.map((r) => r.dau) },
      { name: t('series.adoption_rate'), type: 'line', showSymbol: false, yAxisIndex: 1,
        tooltip: { valueFormatter: pct }, data: trend.map((r) => r.adoption_rate) },
    ],
  }, { file: `uptake-adoption-trend-${data.as_of}` });

  const teams = (data.teams || []).filter((team) => !team.suppressed)
    .sort((a, b) => (a.latest ? a.latest.adoption_rate : 0) - (b.latest ? b.latest.adoption_rate : 0));
  chart('chart-teams', {
    grid: { left: 140, right: 40, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
    yAxis: { type: 'category', data: teams.map((team) => teamName(team.team)) },
    series: [{ name: t('series.adoption_rate'), type: 'bar', data: teams.map((team) => (team.latest ? team.latest.adoption_rate : null)),
      label: { show: true, position: 'right', formatter: (p) => pct(p.value) } }],
  }, { file: `uptake-adoption-by-team-${data.as_of}` });
});

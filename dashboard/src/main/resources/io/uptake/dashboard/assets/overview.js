/**
 * The Overview page (/api/v1/overview): what changed in the last four weeks first (a sponsor reads
 * that before any figure), the ROI verdict and headline tiles (money tiles for executives), the
 * adoption trend, cost against benefit by month (executives only) and adoption by team.
 */
import { addMessages, label, t } from './i18n.js';
import { fmtDate, fmtInt, fmtMoney, fmtMonth, fmtNum, fmtPct, teamName } from './format.js';
import { scopeNote, tiles } from './tables.js';
import { chart, dateAxis } from './charts.js';
import { start } from './page.js';

addMessages({
  en: {
    'overview.changes.title': 'What changed',
    'overview.changes.details': 'Details',
    'overview.changes.none': 'Nothing changed markedly in the four weeks to {date}.',
    'overview.changes.show_all': 'Show all {count}',
    'overview.changes.show_fewer': 'Show the first {count}',
    'overview.changes.kind.adoption_down': 'Adoption fell',
    'overview.changes.kind.adoption_up': 'Adoption rose',
    'overview.changes.kind.wave_behind': 'Wave behind plan',
    'overview.changes.kind.goal_red': 'Goal at red',
    'overview.changes.kind.source_stale': 'Source silent',
    'overview.changes.kind.source_failing': 'Source failing',
    'overview.tile.idle_seat_share': '{month} · {share} of licence spend',
    'overview.tile.cost_per_active_user': 'Cost per active person',
    'overview.tile.cost_per_active_user_detail': '{month} · all costs / active people',
  },
  'zh-CN': {
    'overview.changes.title': '最近变化',
    'overview.changes.details': '查看详情',
    'overview.changes.none': '截至 {date} 的四周内没有明显变化。',
    'overview.changes.show_all': '显示全部 {count} 项',
    'overview.changes.show_fewer': '只显示前 {count} 项',
    'overview.changes.kind.adoption_down': '采用率下降',
    'overview.changes.kind.adoption_up': '采用率上升',
    'overview.changes.kind.wave_behind': '批次落后于计划',
    'overview.changes.kind.goal_red': '目标处于红色',
    'overview.changes.kind.source_stale': '数据源长时间无数据',
    'overview.changes.kind.source_failing': '数据源出错',
    'overview.tile.idle_seat_share': '{month} · 占许可证支出的 {share}',
    'overview.tile.cost_per_active_user': '每位活跃用户成本',
    'overview.tile.cost_per_active_user_detail': '{month} · 全部成本 / 活跃人数',
  },
});

/** How many changes show before "Show all": the first screen of a busy month, not the whole list. */
const CHANGES_SHOWN = 8;
/** Whether the reader asked for every change; kept across redraws (language, filters). */
let allChanges = false;

/** The marker of a change's kind: its direction (down, up) or what needs attention (red, behind, silent). */
const MARKERS = {
  adoption_down: '▼', adoption_up: '▲', wave_behind: '◆', goal_red: '●', source_stale: '◌', source_failing: '✕',
};

/** One change: its marker, the server's sentence (already in the page's language) and the page that explains it. */
function changeItem(change) {
  const item = document.createElement('li');
  item.className = `change change-${change.kind}`;
  item.dataset.kind = change.kind;
  const marker = document.createElement('span');
  marker.className = 'change-marker';
  marker.textContent = MARKERS[change.kind] || '•';
  marker.title = label('overview.changes.kind', change.kind);
  marker.setAttribute('aria-label', marker.title);
  marker.setAttribute('role', 'img');
  const text = document.createElement('span');
  text.className = 'change-text';
  text.textContent = change.text;
  const link = document.createElement('a');
  link.className = 'change-link';
  link.href = change.link;
  link.textContent = t('overview.changes.details');
  item.append(marker, text, ' ', link);
  return item;
}

/** The list of what changed, ranked by the server; at most CHANGES_SHOWN until the reader asks for all. */
function whatChanged(data) {
  const changes = data.changes || [];
  const list = document.getElementById('changes');
  list.replaceChildren(...changes.map(changeItem));
  list.hidden = !changes.length;
  const none = document.getElementById('changes-none');
  none.hidden = changes.length > 0;
  none.textContent = t('overview.changes.none', { date: fmtDate(data.as_of) });
  const toggle = document.getElementById('changes-toggle');
  const long = changes.length > CHANGES_SHOWN;
  toggle.hidden = !long;
  const show = () => {
    Array.from(list.children).forEach((item, i) => { item.hidden = !allChanges && i >= CHANGES_SHOWN; });
    toggle.textContent = allChanges ? t('overview.changes.show_fewer', { count: fmtInt(CHANGES_SHOWN) })
      : t('overview.changes.show_all', { count: fmtInt(changes.length) });
    toggle.setAttribute('aria-expanded', String(allChanges));
  };
  toggle.onclick = () => { allChanges = !allChanges; show(); };
  show();
}

/** The executive's ROI verdict in one sentence (the server writes it in the page's language). */
function verdict(data, executive) {
  const box = document.getElementById('roi-verdict-box');
  const text = executive ? data.roi_verdict : null;
  box.hidden = !text;
  document.getElementById('roi-verdict').textContent = text || '';
  scopeNote(box, text ? data : null, 'roi_to_date');
}

/** The executive's money tiles (null parts when the run has no ROI) and the goals at red, for every role. */
function moneyTiles(data, executive) {
  const items = [];
  if (executive) {
    const roi = data.roi || {};
    const month = data.roi_latest_month || {};
    const money = (v) => (data.currency ? fmtMoney(v, data.currency) : fmtNum(v, 0));
    items.push(
      { id: 'roi_to_date', label: t('overview.tile.roi_to_date'), def: 'roi_to_date', value: fmtPct(roi.roi_to_date),
        detail: data.roi ? t('overview.tile.roi_to_date_detail', { cost: money(roi.cost_to_date) }) : '', scope: data },
      { id: 'payback_month', label: t('overview.tile.payback_month'), def: 'payback_month',
        value: roi.payback_month ? fmtMonth(roi.payback_month) : (data.roi ? t('overview.tile.payback_none') : fmtMonth(null)),
        detail: t('overview.tile.payback_detail'), scope: data },
      // Idle seats are licences nobody used: their share of what the licences cost, not of the whole spend.
      { id: 'idle_seat_cost', label: t('overview.tile.idle_seat_cost'), def: 'idle_seat_cost', value: money(month.idle_seat_cost),
        detail: month.month ? t('overview.tile.idle_seat_share', { month: fmtMonth(month.month),
          share: month.cost_license > 0 ? fmtPct(month.idle_seat_cost / month.cost_license) : '–' }) : '', scope: data },
      { id: 'cost_per_active_user', label: t('overview.tile.cost_per_active_user'), def: 'cost_per_active_user',
        value: money(month.cost_per_active_user),
        detail: month.month ? t('overview.tile.cost_per_active_user_detail', { month: fmtMonth(month.month) }) : '' });
  }
  const goals = data.goals || {};
  const total = ['done', 'green', 'amber', 'red'].reduce((sum, status) => sum + (goals[status] || 0), 0);
  // "0 of 0" says nothing: a group without goals has no goals tile.
  if (total > 0) {
    items.push({ id: 'goals_red', label: t('overview.tile.goals_red'), def: 'goals_red', value: fmtInt(goals.red || 0),
      detail: t('overview.tile.goals_red_detail', { total: fmtInt(total), amber: fmtInt(goals.amber || 0),
        green: fmtInt(goals.green || 0), done: fmtInt(goals.done || 0) }) });
  }
  return items;
}

/** Monthly cost against benefit (bars) and their running totals (lines), executives only. */
function costBenefit(data, executive) {
  const card = document.getElementById('card-cost-benefit');
  card.hidden = !executive;
  if (!executive) return;
  card.querySelectorAll('[data-scope]').forEach((element) => scopeNote(element, data, element.dataset.scope));
  const rows = data.cost_benefit || [];
  const money = (v) => (data.currency ? fmtMoney(v, data.currency) : fmtNum(v, 0));
  chart('chart-cost-benefit', {
    // The paged legend stops short of the "Save as image" icon at the top right.
    legend: { top: 0, left: 0, right: 72, type: 'scroll' },
    grid: { left: 80, right: 24, top: 64, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: money },
    xAxis: { type: 'category', data: rows.map((r) => r.month), axisLabel: { formatter: (v) => fmtMonth(v) } },
    // The axis name reads inwards from the axis, so the card's edge never clips it.
    yAxis: { type: 'value', name: data.currency ? t('overview.axis.amount', { currency: data.currency }) : '',
      nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v) => fmtNum(v, 0) } },
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
  whatChanged(data);
  verdict(data, executive);
  const money = moneyTiles(data, executive);
  // PRODUCT.md's order: ROI to date, payback month, MAU vs licensed, idle-seat spend, goals at red.
  const first = money.filter((tile) => tile.id === 'roi_to_date' || tile.id === 'payback_month');
  // Cost per active person follows the idle-seat spend it explains.
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
  // Cost per active person is organisation-wide money too: it carries the idle-seat tile's note.
  scopeNote(document.querySelector('[data-tile=cost_per_active_user]'), data, 'idle_seat_cost');
  costBenefit(data, executive);

  const trend = data.trend || [];
  const pct = (v) => fmtPct(v);
  chart('chart-trend', {
    legend: { top: 0, left: 0, right: 72, type: 'scroll' },
    grid: { left: 56, right: 56, top: 64, bottom: 64 },
    xAxis: dateAxis(trend.map((r) => r.date)),
    // Axis names read inwards from their axis (left, right), so the card's edges never clip them.
    yAxis: [
      { type: 'value', name: t('axis.users'), nameTextStyle: { align: 'left' } },
      { type: 'value', name: t('axis.adoption'), nameTextStyle: { align: 'right' }, min: 0, max: 1,
        axisLabel: { formatter: pct }, splitLine: { show: false } },
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
  // One bar compares nothing (a lead of one team): the tiles already say it.
  const compared = teams.length >= 2;
  document.getElementById('card-teams').hidden = !compared;
  if (!compared) return;
  chart('chart-teams', {
    grid: { left: 150, right: 56, top: 36, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
    yAxis: { type: 'category', data: teams.map((team) => teamName(team.team)),
      axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ name: t('series.adoption_rate'), type: 'bar', data: teams.map((team) => (team.latest ? team.latest.adoption_rate : null)),
      label: { show: true, position: 'right', formatter: (p) => pct(p.value) } }],
  }, { file: `uptake-adoption-by-team-${data.as_of}` });
});

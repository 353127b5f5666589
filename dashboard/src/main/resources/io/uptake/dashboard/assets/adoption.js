/**
 * The Adoption page (/api/v1/adoption): tiles, adoption by team (a bar drills down to the team),
 * active users, stickiness, module adoption, lifecycle, time to first value, users by status and the
 * users to call.
 */
import { label, t } from './i18n.js';
import { fmtDate, fmtInt, fmtPct, moduleName, statusName, teamName } from './format.js';
import { define } from './definitions.js';
import { table, tiles } from './tables.js';
import { cardShown, chart, dateAxis } from './charts.js';
import { selectTeam, start } from './page.js';

const LIFECYCLE = [
  { key: 'new', def: 'lifecycle_new' },
  { key: 'returning', def: 'lifecycle_returning' },
  { key: 'resurrecting', def: 'lifecycle_resurrecting' },
  { key: 'dormant', def: 'lifecycle_dormant', negative: true },
];

/** The server's time-to-first-value buckets ("before go-live", "8-14", ">60", "none yet") in words. */
function firstValueLabel(bucket) {
  if (bucket === 'before go-live') return t('first_value.before_go_live');
  if (bucket === 'none yet') return t('first_value.none_yet');
  const range = /^(\d+)-(\d+)$/.exec(bucket);
  if (range) return t('first_value.range', { from: fmtInt(+range[1]), to: fmtInt(+range[2]) });
  const above = /^>(\d+)$/.exec(bucket);
  if (above) return t('first_value.more_than', { days: fmtInt(+above[1]) });
  return bucket;
}

/** Adoption rate by team, one line each; clicking a line opens that team. */
function drawTeams(teams, teamDates, asOf) {
  const pct = (v) => fmtPct(v);
  const teamsChart = chart('chart-teams', {
    legend: { top: 0, left: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 60, bottom: 64 },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: dateAxis(teamDates),
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
    dataZoom: [{ type: 'slider', bottom: 8, labelFormatter: (i, v) => fmtDate(v) }],
    series: teams.map((team) => ({ name: teamName(team.team), type: 'line', showSymbol: false,
      data: team.daily.map((r) => r.adoption_rate) })),
  }, { file: `uptake-adoption-rate-by-team-${asOf}` });
  // Clicking a team's line opens that team: its figures and, for roles allowed, its people to call.
  teamsChart.off('click');
  teamsChart.on('click', (params) => { if (teams[params.seriesIndex]) selectTeam(teams[params.seriesIndex].team); });
}

start('/api/v1/adoption', (data) => {
  const pct = (v) => fmtPct(v);
  const latest = data.latest || {};
  tiles(document.getElementById('tiles'), data.suppressed
    ? [{ id: 'suppressed', label: teamName(data.selection.team), value: '–', detail: t('suppressed') }]
    : [
      { id: 'licensed_users', label: t('adoption.tile.licensed_users'), def: 'licensed_users', value: fmtInt(latest.licensed_users) },
      { id: 'mau', label: t('adoption.tile.mau'), def: 'mau', value: fmtInt(latest.mau), detail: t('adoption.tile.mau_detail') },
      { id: 'wau', label: t('adoption.tile.wau'), def: 'wau', value: fmtInt(latest.wau), detail: t('adoption.tile.wau_detail') },
      { id: 'dau', label: t('adoption.tile.dau'), def: 'dau', value: fmtInt(latest.dau), detail: t('adoption.tile.dau_detail') },
      { id: 'adoption_rate', label: t('adoption.tile.adoption_rate'), def: 'adoption_rate',
        value: fmtPct(latest.adoption_rate), detail: t('adoption.tile.adoption_rate_detail') },
      { id: 'stickiness', label: t('adoption.tile.stickiness'), def: 'stickiness',
        value: fmtPct(latest.stickiness), detail: t('adoption.tile.stickiness_detail') },
    ]);
  const asOf = data.as_of;

  const teams = (data.teams || []).filter((team) => !team.suppressed);
  const teamDates = teams.length ? teams[0].daily.map((r) => r.date) : [];
  // One team's line repeats the tiles and the charts below (a lead of one team): it is left out.
  if (cardShown('chart-teams', teams.length > 1)) drawTeams(teams, teamDates, asOf);

  const daily = data.daily || [];
  const dates = daily.map((r) => r.date);
  if (cardShown('chart-active', dates.length > 0)) chart('chart-active', {
    legend: { top: 0, left: 0 },
    xAxis: dateAxis(dates),
    yAxis: { type: 'value', name: t('axis.users') },
    series: ['dau', 'wau', 'mau'].map((key) => ({ name: t(`series.${key}`), type: 'line', showSymbol: false,
      data: daily.map((r) => r[key]) })),
  }, { file: `uptake-active-users-${asOf}` });

  if (cardShown('chart-stickiness', dates.length > 0)) chart('chart-stickiness', {
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: dateAxis(dates),
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: pct } },
    series: [{ name: t('series.stickiness'), type: 'line', showSymbol: false, data: daily.map((r) => r.stickiness) }],
  }, { file: `uptake-stickiness-${asOf}` });

  const modules = data.modules || [];
  if (cardShown('chart-modules', modules.length > 0)) chart('chart-modules', {
    grid: { left: 90, right: 48, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
    yAxis: { type: 'category', data: modules.map((m) => moduleName(m.module)) },
    series: [{ name: t('series.module_active'), type: 'bar', data: modules.map((m) => m.adoption_rate),
      label: { show: true, position: 'right', formatter: (p) => pct(p.value) } }],
  }, { file: `uptake-module-adoption-${asOf}` });

  // Dormant users are drawn below zero and labelled so (a minus sign): the axis never shows a
  // positive number under the zero line. The hover gives the count itself.
  const lifecycle = data.lifecycle || [];
  if (cardShown('chart-lifecycle', lifecycle.length > 0)) chart('chart-lifecycle', {
    legend: { top: 0, left: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmtInt(Math.abs(v)) },
    xAxis: dateAxis(lifecycle.map((r) => r.week_start)),
    yAxis: { type: 'value', name: t('axis.users'), axisLabel: { formatter: (v) => fmtInt(v) } },
    series: LIFECYCLE.map((s) => ({ name: t(`lifecycle.${s.key}`), type: 'bar', stack: 'users',
      data: lifecycle.map((r) => (s.negative ? -r[s.key] : r[s.key])) })),
  }, { file: `uptake-lifecycle-${asOf}` });

  const firstValue = data.first_value || [];
  if (cardShown('chart-first-value', firstValue.length > 0)) chart('chart-first-value', {
    // Every bucket is labelled; a long one ("before go-live") breaks over two lines, the name below.
    xAxis: { type: 'category', name: t('axis.days'), nameGap: 40, data: firstValue.map((b) => firstValueLabel(b.bucket)),
      axisLabel: { interval: 0, width: 48, overflow: 'break', lineHeight: 14 } },
    yAxis: { type: 'value', name: t('axis.users') },
    series: [{ name: t('series.users'), type: 'bar', data: firstValue.map((b) => b.users),
      label: { show: true, position: 'top', formatter: (p) => fmtInt(p.value) } }],
  }, { file: `uptake-time-to-first-value-${asOf}` });

  const statuses = Object.entries(data.statuses || {}).map(([status, users]) => ({ status, users }));
  cardShown('table-statuses', statuses.length > 0);
  table(document.getElementById('table-statuses'), [
    { key: 'status', label: t('column.status'), format: statusName, csv: statusName },
    { key: 'users', label: t('column.users'), num: true, format: fmtInt },
  ], statuses, { csv: `uptake-users-by-status-${asOf}` });
  // Each status row carries its definition on hover.
  document.querySelectorAll('#table-statuses tbody tr').forEach((tr, i) => {
    if (statuses[i]) define(tr.cells[0], `status_${statuses[i].status}`);
  });

  const note = document.getElementById('users-note');
  const users = document.getElementById('table-users');
  const columns = [
    { key: 'display_name', label: t('column.name') },
    { key: 'team', label: t('column.team'), format: teamName },
    { key: 'status', label: t('column.status'), format: statusName },
    { key: 'license_type', label: t('column.license'), format: (v) => label('license', v) },
    { key: 'last_active_at', label: t('column.last_active'), date: true, def: 'last_active_at' },
    { key: 'activated_at', label: t('column.licensed_since'), date: true, def: 'activated_at' },
  ];
  if (data.users === null || data.users === undefined) {
    note.textContent = t('adoption.note.users_hidden');
    note.hidden = false;
    table(users, columns, [], { empty: false });
    users.replaceChildren();
  } else {
    note.hidden = data.users.length > 0;
    note.textContent = t('adoption.note.nobody_to_call');
    table(users, columns, data.users, { csv: `uptake-users-to-call-${asOf}`, empty: false });
  }
});

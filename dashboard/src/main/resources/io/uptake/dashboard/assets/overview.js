'use strict';

/** Suppressed groups (fewer than 5 people, for a role without their user list) show no figures. */
const SUPPRESSED = 'hidden: fewer than 5 people';

Uptake.start('/api/v1/overview', (data) => {
  const latest = data.latest || {};
  const statuses = data.statuses || {};
  Uptake.tiles(document.getElementById('tiles'), data.suppressed
    ? [{ id: 'suppressed', label: Uptake.teamName(data.selection.team), value: '–', detail: SUPPRESSED }]
    : [
      { id: 'mau', label: 'Monthly active users', value: Uptake.fmtInt(latest.mau),
        detail: `of ${Uptake.fmtInt(latest.licensed_users)} licensed` },
      { id: 'adoption_rate', label: 'Adoption rate', value: Uptake.fmtPct(latest.adoption_rate), detail: 'MAU / licensed users' },
      { id: 'dau', label: 'Daily active users', value: Uptake.fmtInt(latest.dau), detail: `WAU ${Uptake.fmtInt(latest.wau)}` },
      { id: 'stickiness', label: 'Stickiness', value: Uptake.fmtPct(latest.stickiness), detail: 'average DAU / MAU, 28 days' },
      { id: 'dormant', label: 'Dormant users', value: Uptake.fmtInt(statuses.dormant), detail: 'no activity in 28 days' },
      { id: 'never_active', label: 'Never active', value: Uptake.fmtInt(statuses.never_active), detail: 'licensed, never used it' },
    ]);

  const dates = data.trend.map((r) => r.date);
  Uptake.chart('chart-trend', {
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 60, bottom: 64 },
    xAxis: { type: 'category', data: dates },
    yAxis: [
      { type: 'value', name: 'users' },
      { type: 'value', name: 'adoption', min: 0, max: 1, axisLabel: { formatter: (v) => Uptake.fmtPct(v) } },
    ],
    dataZoom: [{ type: 'slider', bottom: 8 }],
    series: [
      { name: 'Licensed users', type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: data.trend.map((r) => r.licensed_users) },
      { name: 'MAU', type: 'line', showSymbol: false, areaStyle: { opacity: 0.15 }, data: data.trend.map((r) => r.mau) },
      { name: 'DAU', type: 'line', showSymbol: false, data: data.trend.map((r) => r.dau) },
      { name: 'Adoption rate', type: 'line', showSymbol: false, yAxisIndex: 1, data: data.trend.map((r) => r.adoption_rate) },
    ],
  });

  const teams = data.teams.filter((t) => !t.suppressed)
    .sort((a, b) => (a.latest ? a.latest.adoption_rate : 0) - (b.latest ? b.latest.adoption_rate : 0));
  Uptake.chart('chart-teams', {
    grid: { left: 140, right: 40, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => Uptake.fmtPct(v) },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => Uptake.fmtPct(v) } },
    yAxis: { type: 'category', data: teams.map((t) => t.team) },
    series: [{ name: 'Adoption rate', type: 'bar', data: teams.map((t) => (t.latest ? t.latest.adoption_rate : null)),
      label: { show: true, position: 'right', formatter: (p) => Uptake.fmtPct(p.value) } }],
  });
});

'use strict';

Uptake.start('/api/v1/overview', (data) => {
  const t = Uptake.t;
  const latest = data.latest || {};
  const statuses = data.statuses || {};
  // Suppressed groups (fewer than 5 people, for a role without their user list) show no figures.
  Uptake.tiles(document.getElementById('tiles'), data.suppressed
    ? [{ id: 'suppressed', label: Uptake.teamName(data.selection.team), value: '–', detail: t('suppressed') }]
    : [
      { id: 'mau', label: t('overview.tile.mau'), def: 'mau', value: Uptake.fmtInt(latest.mau),
        detail: t('overview.tile.mau_detail', { licensed: Uptake.fmtInt(latest.licensed_users) }) },
      { id: 'adoption_rate', label: t('overview.tile.adoption_rate'), def: 'adoption_rate',
        value: Uptake.fmtPct(latest.adoption_rate), detail: t('overview.tile.adoption_rate_detail') },
      { id: 'dau', label: t('overview.tile.dau'), def: 'dau', value: Uptake.fmtInt(latest.dau),
        detail: t('overview.tile.dau_detail', { wau: Uptake.fmtInt(latest.wau) }) },
      { id: 'stickiness', label: t('overview.tile.stickiness'), def: 'stickiness',
        value: Uptake.fmtPct(latest.stickiness), detail: t('overview.tile.stickiness_detail') },
      { id: 'dormant', label: t('overview.tile.dormant'), def: 'status_dormant',
        value: Uptake.fmtInt(statuses.dormant), detail: t('overview.tile.dormant_detail') },
      { id: 'never_active', label: t('overview.tile.never_active'), def: 'status_never_active',
        value: Uptake.fmtInt(statuses.never_active), detail: t('overview.tile.never_active_detail') },
    ]);

  const trend = data.trend || [];
  const pct = (v) => Uptake.fmtPct(v);
  Uptake.chart('chart-trend', {
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 60, bottom: 64 },
    xAxis: Uptake.dateAxis(trend.map((r) => r.date)),
    yAxis: [
      { type: 'value', name: t('axis.users') },
      { type: 'value', name: t('axis.adoption'), min: 0, max: 1, axisLabel: { formatter: pct } },
    ],
    tooltip: { trigger: 'axis', valueFormatter: (v) => Uptake.fmtNum(v, 3) },
    dataZoom: [{ type: 'slider', bottom: 8, labelFormatter: (i, v) => Uptake.fmtDate(v) }],
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
  Uptake.chart('chart-teams', {
    grid: { left: 140, right: 40, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
    yAxis: { type: 'category', data: teams.map((team) => Uptake.teamName(team.team)) },
    series: [{ name: t('series.adoption_rate'), type: 'bar', data: teams.map((team) => (team.latest ? team.latest.adoption_rate : null)),
      label: { show: true, position: 'right', formatter: (p) => pct(p.value) } }],
  }, { file: `uptake-adoption-by-team-${data.as_of}` });
});

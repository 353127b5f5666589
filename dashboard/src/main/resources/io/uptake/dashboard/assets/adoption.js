'use strict';

const LIFECYCLE = [
  { key: 'new', label: 'New' },
  { key: 'returning', label: 'Returning' },
  { key: 'resurrecting', label: 'Resurrecting' },
  { key: 'dormant', label: 'Dormant', negative: true },
];

Uptake.start('/api/v1/adoption', (data) => {
  const latest = data.latest || {};
  Uptake.tiles(document.getElementById('tiles'), data.suppressed
    ? [{ id: 'suppressed', label: Uptake.teamName(data.selection.team), value: '–', detail: 'hidden: fewer than 5 people' }]
    : [
      { id: 'licensed_users', label: 'Licensed users', value: Uptake.fmtInt(latest.licensed_users) },
      { id: 'mau', label: 'MAU', value: Uptake.fmtInt(latest.mau), detail: 'active in the last 28 days' },
      { id: 'wau', label: 'WAU', value: Uptake.fmtInt(latest.wau), detail: 'active in the last 7 days' },
      { id: 'dau', label: 'DAU', value: Uptake.fmtInt(latest.dau), detail: 'active on the as-of date' },
      { id: 'adoption_rate', label: 'Adoption rate', value: Uptake.fmtPct(latest.adoption_rate), detail: 'MAU / licensed users' },
      { id: 'stickiness', label: 'Stickiness', value: Uptake.fmtPct(latest.stickiness), detail: 'average DAU / MAU' },
    ]);

  const teams = data.teams.filter((t) => !t.suppressed);
  const teamDates = teams.length ? teams[0].daily.map((r) => r.date) : [];
  Uptake.chart('chart-teams', {
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 60, bottom: 64 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => Uptake.fmtPct(v) },
    xAxis: { type: 'category', data: teamDates },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => Uptake.fmtPct(v) } },
    dataZoom: [{ type: 'slider', bottom: 8 }],
    series: teams.map((t) => ({ name: t.team, type: 'line', showSymbol: false, data: t.daily.map((r) => r.adoption_rate) })),
  });

  const dates = data.daily.map((r) => r.date);
  Uptake.chart('chart-active', {
    legend: { top: 0, left: 0 },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', name: 'users' },
    series: ['dau', 'wau', 'mau'].map((key) => ({ name: key.toUpperCase(), type: 'line', showSymbol: false,
      data: data.daily.map((r) => r[key]) })),
  });

  Uptake.chart('chart-stickiness', {
    tooltip: { trigger: 'axis', valueFormatter: (v) => Uptake.fmtPct(v) },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v) => Uptake.fmtPct(v) } },
    series: [{ name: 'Stickiness', type: 'line', showSymbol: false, data: data.daily.map((r) => r.stickiness) }],
  });

  Uptake.chart('chart-modules', {
    grid: { left: 90, right: 48, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => Uptake.fmtPct(v) },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => Uptake.fmtPct(v) } },
    yAxis: { type: 'category', data: data.modules.map((m) => m.module) },
    series: [{ name: 'Active in the module, last 28 days', type: 'bar', data: data.modules.map((m) => m.adoption_rate),
      label: { show: true, position: 'right', formatter: (p) => Uptake.fmtPct(p.value) } }],
  });

  Uptake.chart('chart-lifecycle', {
    legend: { top: 0, left: 0 },
    xAxis: { type: 'category', data: data.lifecycle.map((r) => r.week_start) },
    yAxis: { type: 'value', name: 'users' },
    series: LIFECYCLE.map((s) => ({ name: s.label, type: 'bar', stack: 'users',
      data: data.lifecycle.map((r) => (s.negative ? -r[s.key] : r[s.key])) })),
  });

  Uptake.chart('chart-first-value', {
    xAxis: { type: 'category', data: data.first_value.map((b) => b.bucket), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: 'users' },
    series: [{ name: 'Users', type: 'bar', data: data.first_value.map((b) => b.users),
      label: { show: true, position: 'top' } }],
  });

  const statuses = Object.entries(data.statuses || {}).map(([status, users]) => ({ status: status.replace('_', ' '), users }));
  Uptake.table(document.getElementById('table-statuses'),
    [{ key: 'status', label: 'Status' }, { key: 'users', label: 'Users', num: true, format: Uptake.fmtInt }], statuses);

  const note = document.getElementById('users-note');
  const users = document.getElementById('table-users');
  if (data.users === null || data.users === undefined) {
    note.textContent = 'User lists are shown to trainers and to team leads for their own teams.';
    note.hidden = false;
    users.replaceChildren();
  } else {
    note.hidden = data.users.length > 0;
    note.textContent = 'Nobody to call: every licensed user has been active in the last 28 days.';
    Uptake.table(users, [
      { key: 'display_name', label: 'Name' },
      { key: 'team', label: 'Team' },
      { key: 'status', label: 'Status', format: (s) => s.replace('_', ' ') },
      { key: 'license_type', label: 'Licence' },
      { key: 'last_active_at', label: 'Last active' },
      { key: 'activated_at', label: 'Licensed since' },
    ], data.users);
  }
});

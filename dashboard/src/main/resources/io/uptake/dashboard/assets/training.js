/**
 * Training: the teams needing help with their reasons, the team × module gap (heatmap and table), the
 * usage lift after each course and the people behind the gap. A team in the ranking or the heatmap is
 * a link: it sets the team filter, so the user list narrows to that team.
 */
import { addMessages, label, lang, t } from './i18n.js';
import { ALL, fmtInt, fmtNum, fmtPct, moduleName, teamName } from './format.js';
import { define } from './definitions.js';
import { setFilter } from './filters.js';
import { table } from './tables.js';
import { chart } from './charts.js';
import { start } from './page.js';

addMessages({
  en: {
    'training.help.title': 'Teams needing help, most first',
    'training.heatmap.title': 'Trained share by team and module',
    'training.gap.title': 'The gap, team by module',
    'training.effect.title': 'Active days before and after each course',
    'training.users.title': 'The people behind the gap',

    'training.column.rank': 'Rank',
    'training.column.team': 'Team',
    'training.column.score': 'Score',
    'training.column.reasons': 'Reasons',
    'training.column.module': 'Module',
    'training.column.licensed_users': 'Licensed',
    'training.column.trained_users': 'Trained',
    'training.column.active_users': 'Active, 28 days',
    'training.column.trained_not_using': 'Trained, not using',
    'training.column.using_untrained': 'Using, untrained',
    'training.column.trained_share': 'Trained share',
    'training.column.using_share': 'Using share',
    'training.column.error_rate': 'Error rate',
    'training.column.help_per_active_user': 'Help views per active user',
    'training.column.name': 'Name',
    'training.column.list': 'List',

    'training.list.trained_not_using': 'Trained, not using',
    'training.list.using_untrained': 'Using, untrained',

    'training.series.before': 'Before (28 days)',
    'training.series.after': 'After (28 days)',
    'training.series.lift': 'Lift (after − before)',
    'training.series.trained_share': 'Trained share',
    'training.axis.active_days': 'active days',
    'training.tooltip.cell': '{team} · {module}: {share} trained ({trained} of {licensed})',
    'training.tooltip.course': '{course} · {module}, {trained} trained',
    'training.tooltip.value': '{series}: {value}',
    'training.drill': 'Show the people of {team}',
    'training.reason.sentence': '{text}.',
    'training.reason.untrained': "{share}% of the team's users are untrained in {module} ({untrained} of {licensed})",
    'training.reason.errors': "error rate in {module} {rate}%, {points} points above the organisation's {org}%",
    'training.reason.help': "{views} help views per active user in {module}, {ratio}× the organisation's {org}",
    'training.reason.inactive': '{share}% of licensed users not active in the last 28 days (adoption rate {rate}%, organisation {org}%)',

    'training.note.unavailable': 'Training figures are not available: {reason}',
    'training.note.suppressed': 'Figures withheld for {teams}: fewer than 5 people.',
    'training.note.effect_hidden': 'The course effect is organisation-wide, so it is shown to trainers and executives.',
    'training.note.effect_pending': 'Courses without before and after figures: nobody completed them at least 28 days before the as-of date.',
    'training.note.users_hidden': 'User lists are shown to trainers and to team leads for their own teams.',
    'training.note.users_empty': 'Nobody is on either list: everyone trained uses the module and everyone using it is trained.',
    'training.note.users_pick': 'Showing {team}. Choose a team in the ranking or the heatmap to see only its people.',
  },
  'zh-CN': {
    'training.help.title': '需要帮助的团队（按需求从高到低）',
    'training.heatmap.title': '各团队各模块的已培训比例',
    'training.gap.title': '培训差距：按团队和模块',
    'training.effect.title': '每门课程前后的活跃天数',
    'training.users.title': '差距背后的人员',

    'training.column.rank': '排名',
    'training.column.team': '团队',
    'training.column.score': '得分',
    'training.column.reasons': '原因',
    'training.column.module': '模块',
    'training.column.licensed_users': '许可用户',
    'training.column.trained_users': '已培训',
    'training.column.active_users': '28 天内活跃',
    'training.column.trained_not_using': '已培训但未使用',
    'training.column.using_untrained': '使用但未培训',
    'training.column.trained_share': '已培训比例',
    'training.column.using_share': '使用比例',
    'training.column.error_rate': '错误率',
    'training.column.help_per_active_user': '每位活跃用户的帮助查看次数',
    'training.column.name': '姓名',
    'training.column.list': '名单',

    'training.list.trained_not_using': '已培训但未使用',
    'training.list.using_untrained': '使用但未培训',

    'training.series.before': '培训前（28 天）',
    'training.series.after': '培训后（28 天）',
    'training.series.lift': '提升（培训后 − 培训前）',
    'training.series.trained_share': '已培训比例',
    'training.axis.active_days': '活跃天数',
    'training.tooltip.cell': '{team} · {module}：已培训 {share}（{licensed} 人中 {trained} 人）',
    'training.tooltip.course': '{course} · {module}，已培训 {trained} 人',
    'training.tooltip.value': '{series}：{value}',
    'training.drill': '查看{team}的人员',
    'training.reason.sentence': '{text}。',
    'training.reason.untrained': '团队中 {share}% 的用户未接受{module}培训（{licensed} 人中 {untrained} 人）',
    'training.reason.errors': '{module}的错误率为 {rate}%，比整个组织的 {org}% 高 {points} 个百分点',
    'training.reason.help': '{module}中每位活跃用户查看帮助 {views} 次，是整个组织（{org} 次）的 {ratio} 倍',
    'training.reason.inactive': '{share}% 的许可用户最近 28 天内没有活动（采用率 {rate}%，整个组织 {org}%）',

    'training.note.unavailable': '培训数据不可用：{reason}',
    'training.note.suppressed': '以下团队的数据已隐藏（不足 5 人）：{teams}。',
    'training.note.effect_hidden': '课程效果基于整个组织的数据，因此仅向培训师和高管显示。',
    'training.note.effect_pending': '没有前后对比数据的课程：尚无人在数据日期前至少 28 天完成该课程。',
    'training.note.users_hidden': '用户名单仅向培训师及各自团队的负责人显示。',
    'training.note.users_empty': '两个名单都没有人：所有已培训的人都在使用该模块，所有使用者都已接受培训。',
    'training.note.users_pick': '当前显示：{team}。在排名或热力图中选择一个团队，只查看该团队的人员。',
  },
});

const TRAINING_MODULES = ['sales', 'service', 'marketing', 'analytics', 'admin', 'other'];

/**
 * The job writes each reason as an English sentence with its figures (docs/kpis.md "Training gap");
 * the known patterns are re-worded in the current language with the same figures, anything else is
 * shown as sent.
 */
const TRAINING_REASONS = [
  { key: 'untrained', pattern: /^([\d.]+)% of the team's users are untrained in (\w+) \((\d+) of (\d+)\)$/,
    fields: ['share', 'module', 'untrained', 'licensed'] },
  { key: 'errors', pattern: /^error rate in (\w+) (-?[\d.]+)%, (-?[\d.]+) points above the organisation's (-?[\d.]+)%$/,
    fields: ['module', 'rate', 'points', 'org'] },
  { key: 'help', pattern: /^([\d.]+) help views per active user in (\w+), ([\d.]+)\u00d7 the organisation's ([\d.]+)$/,
    fields: ['views', 'module', 'ratio', 'org'] },
  { key: 'inactive', pattern: /^([\d.]+)% of licensed users not active in the last 28 days \(adoption rate ([\d.]+)%, organisation ([\d.]+)%\)$/,
    fields: ['share', 'rate', 'org'] },
];

function trainingReason(sentence) {
  const text = String(sentence || '');
  let words = text;
  for (const reason of TRAINING_REASONS) {
    const match = reason.pattern.exec(text);
    if (!match) continue;
    const params = {};
    reason.fields.forEach((field, i) => {
      const raw = match[i + 1];
      if (field === 'module') params[field] = moduleName(raw);
      else params[field] = fmtNum(Number(raw), (raw.split('.')[1] || '').length);
    });
    words = t(`training.reason.${reason.key}`, params);
    break;
  }
  return t('training.reason.sentence', { text: words.charAt(0).toUpperCase() + words.slice(1) });
}

/** A team as part of a file name: 'all' for the organisation, no spaces or path characters. */
function trainingSlug(team) {
  if (team === ALL) return 'all';
  return String(team).trim().toLowerCase().replace(/[\s/\\:*?"<>|]+/g, '-');
}

/** A lift in active days with its sign: "+5.3", "−1.2", "–" when unknown. */
function trainingLift(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return fmtNum(null);
  return (value > 0 ? '+' : '') + fmtNum(value, 1);
}

function trainingEscape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** The page's URL with the team filter set: the target of the team links. */
function trainingTeamHref(team) {
  const query = new URLSearchParams(location.search);
  query.set('team', team);
  return `${location.pathname}?${query}`;
}

/** Drills down to a team: the filter in the URL, then the same reload the team select triggers. */
function trainingShowTeam(team) {
  setFilter('team', team);
  const select = document.getElementById('team');
  if (select && [...select.options].some((option) => option.value === team)) {
    select.value = team;
    select.dispatchEvent(new Event('change'));
  } else {
    // The select lists only the teams of the department and wave chosen: load the URL instead.
    location.assign(location.href);
  }
  const users = document.getElementById('table-users');
  if (users) users.closest('.card').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function trainingTeamLink(team) {
  const link = document.createElement('a');
  link.href = trainingTeamHref(team);
  link.textContent = teamName(team);
  link.title = t('training.drill', { team: teamName(team) });
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    trainingShowTeam(team);
  });
  return link;
}

function trainingNote(id, text) {
  const note = document.getElementById(id);
  note.textContent = text || '';
  note.hidden = !text;
}

start('/api/v1/training', (data) => {
  const pct = (v) => fmtPct(v);
  const asOf = data.as_of;
  const selected = (data.selection && data.selection.team) || ALL;

  trainingNote('unavailable', data.unavailable ? t('training.note.unavailable', { reason: data.unavailable }) : '');
  const suppressed = data.suppressed_teams || [];
  trainingNote('suppressed', suppressed.length
    ? t('training.note.suppressed', { teams: suppressed.map(teamName).join(', ') }) : '');

  // ---- teams needing help ----
  const help = (data.needing_help || []).slice().sort((a, b) => a.rank - b.rank);
  const helpTable = document.getElementById('table-help');
  table(helpTable, [
    { key: 'rank', label: t('training.column.rank'), num: true, format: fmtInt, def: 'rank' },
    { key: 'team', label: t('training.column.team'), format: teamName },
    { key: 'score', label: t('training.column.score'), num: true, format: (v) => fmtNum(v, 1), def: 'score' },
    { key: 'reasons', label: t('training.column.reasons'), def: 'reasons',
      format: (v) => (v || []).map(trainingReason).join(' ') },
  ], help, { csv: `uptake-training-teams-needing-help-${asOf}` });
  helpTable.querySelectorAll('tbody tr').forEach((tr, i) => {
    const row = help[i];
    if (!row) return;
    tr.cells[1].replaceChildren(trainingTeamLink(row.team));
    // One line per reason: they are separate findings, not one sentence.
    tr.cells[3].replaceChildren(...(row.reasons || []).map((sentence) => {
      const line = document.createElement('div');
      line.textContent = trainingReason(sentence);
      return line;
    }));
  });

  // ---- the gap: modules in use (someone active or trained), the organisation first ----
  const inUse = (data.gap || []).filter((r) => (r.active_users || 0) > 0 || (r.trained_users || 0) > 0);
  const moduleOrder = (m) => (TRAINING_MODULES.includes(m) ? TRAINING_MODULES.indexOf(m) : TRAINING_MODULES.length);
  const gap = inUse.slice().sort((a, b) => {
    if ((a.team === ALL) !== (b.team === ALL)) return a.team === ALL ? -1 : 1;
    return a.team.localeCompare(b.team, lang()) || moduleOrder(a.module) - moduleOrder(b.module)
      || String(a.module).localeCompare(String(b.module));
  });
  const teams = [...new Set(gap.map((r) => r.team))];
  const modules = [...new Set(gap.map((r) => r.module))].sort((a, b) => moduleOrder(a) - moduleOrder(b));

  const heatmapElement = document.getElementById('chart-gap');
  // Enough height for a readable row per team; the chart's ResizeObserver follows.
  heatmapElement.style.height = `${Math.max(320, 28 * teams.length + 110)}px`;
  const cells = gap.map((r) => ({
    value: [modules.indexOf(r.module), teams.indexOf(r.team), r.trained_share === null || r.trained_share === undefined ? '-' : r.trained_share],
    row: r,
  }));
  const heatmap = chart('chart-gap', {
    grid: { left: 150, right: 24, top: 16, bottom: 80 },
    tooltip: { trigger: 'item', formatter: (p) => {
      const r = p.data && p.data.row;
      if (!r) return '';
      return trainingEscape(t('training.tooltip.cell', { team: teamName(r.team), module: moduleName(r.module),
        share: pct(r.trained_share), trained: fmtInt(r.trained_users), licensed: fmtInt(r.licensed_users) }));
    } },
    xAxis: { type: 'category', data: modules.map(moduleName), splitArea: { show: true } },
    yAxis: { type: 'category', inverse: true, triggerEvent: true, data: teams.map(teamName), splitArea: { show: true },
      axisLabel: { width: 140, overflow: 'truncate' } },
    visualMap: { show: cells.length > 0, type: 'continuous', min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 8,
      itemHeight: 160, text: [pct(1), pct(0)], formatter: pct, inRange: { color: ['#fee2e2', '#fde68a', '#bbf7d0', '#15803d'] } },
    series: [{ name: t('training.series.trained_share'), type: 'heatmap', data: cells,
      label: { show: true, formatter: (p) => pct(p.data.row.trained_share) },
      emphasis: { itemStyle: { borderColor: '#1f2937', borderWidth: 1 } } }],
  }, { file: `uptake-training-trained-share-${asOf}` });
  heatmap.off('click');
  heatmap.on('click', (p) => {
    if (p.componentType === 'series' && p.data && p.data.row) trainingShowTeam(p.data.row.team);
    else if (p.componentType === 'yAxis' && typeof p.dataIndex === 'number' && teams[p.dataIndex] !== undefined) trainingShowTeam(teams[p.dataIndex]);
    else if (p.componentType === 'yAxis') {
      const team = teams.find((code) => teamName(code) === p.value);
      if (team !== undefined) trainingShowTeam(team);
    }
  });

  table(document.getElementById('table-gap'), [
    { key: 'team', label: t('training.column.team'), format: teamName },
    { key: 'module', label: t('training.column.module'), format: moduleName },
    { key: 'licensed_users', label: t('training.column.licensed_users'), num: true, format: fmtInt, def: 'licensed_users' },
    { key: 'trained_users', label: t('training.column.trained_users'), num: true, format: fmtInt, def: 'trained_users' },
    { key: 'active_users', label: t('training.column.active_users'), num: true, format: fmtInt, def: 'module_active_users' },
    { key: 'trained_not_using', label: t('training.column.trained_not_using'), num: true, format: fmtInt, def: 'trained_not_using' },
    { key: 'using_untrained', label: t('training.column.using_untrained'), num: true, format: fmtInt, def: 'using_untrained' },
    { key: 'trained_share', label: t('training.column.trained_share'), num: true, format: pct, def: 'trained_share' },
    { key: 'using_share', label: t('training.column.using_share'), num: true, format: pct, def: 'using_share' },
    { key: 'error_rate', label: t('training.column.error_rate'), num: true, format: pct, def: 'error_rate' },
    { key: 'help_per_active_user', label: t('training.column.help_per_active_user'), num: true,
      format: (v) => fmtNum(v, 2), def: 'help_per_active_user' },
  ], gap, { csv: `uptake-training-gap-${asOf}` });

  // ---- course effect ----
  const effect = Array.isArray(data.effect) ? data.effect.slice().sort((a, b) =>
    String(a.course_id).localeCompare(String(b.course_id), lang(), { numeric: true }) || moduleOrder(a.module) - moduleOrder(b.module)) : [];
  if (!Array.isArray(data.effect)) trainingNote('effect-note', t('training.note.effect_hidden'));
  else if (effect.some((c) => c.lift === null || c.lift === undefined)) trainingNote('effect-note', t('training.note.effect_pending'));
  else trainingNote('effect-note', '');
  const orDash = (v) => (v === null || v === undefined ? '-' : v);
  const days = (v) => fmtNum(v, 1);
  chart('chart-effect', {
    legend: { top: 0, left: 0 },
    grid: { left: 56, right: 24, top: 60, bottom: 64 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (params) => {
      const list = [].concat(params || []);
      const course = list.length ? effect[list[0].dataIndex] : null;
      if (!course) return '';
      const lines = [t('training.tooltip.course', { course: course.course_id, module: moduleName(course.module),
        trained: fmtInt(course.trained_users) })];
      list.forEach((p) => lines.push(t('training.tooltip.value', { series: p.seriesName,
        value: days(p.seriesIndex === 0 ? course.avg_active_days_before : course.avg_active_days_after) })));
      lines.push(t('training.tooltip.value', { series: t('training.series.lift'), value: trainingLift(course.lift) }));
      return lines.map(trainingEscape).join('<br>');
    } },
    xAxis: { type: 'category', data: effect.map((c) => `${c.course_id}\n${moduleName(c.module)}`), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: t('training.axis.active_days') },
    series: effect.length ? [
      { name: t('training.series.before'), type: 'bar', data: effect.map((c) => orDash(c.avg_active_days_before)) },
      // The lift labels the after bar: the gap between the two bars, in days.
      { name: t('training.series.after'), type: 'bar', data: effect.map((c) => orDash(c.avg_active_days_after)),
        label: { show: true, position: 'top', formatter: (p) => trainingLift(effect[p.dataIndex].lift) } },
    ] : [],
  }, { file: `uptake-training-course-effect-${asOf}` });

  // ---- the people behind the gap ----
  const usersTable = document.getElementById('table-users');
  const userColumns = [
    { key: 'display_name', label: t('training.column.name') },
    { key: 'team', label: t('training.column.team'), format: teamName },
    { key: 'module', label: t('training.column.module'), format: moduleName },
    { key: 'list', label: t('training.column.list'), format: (v) => label('training.list', v) },
  ];
  if (data.users === null || data.users === undefined) {
    trainingNote('users-note', t('training.note.users_hidden'));
    table(usersTable, userColumns, [], { empty: false });
    usersTable.replaceChildren();
  } else {
    const users = data.users.slice().sort((a, b) => String(a.list).localeCompare(String(b.list))
      || String(a.team).localeCompare(String(b.team), lang())
      || String(a.display_name).localeCompare(String(b.display_name), lang()));
    let note = '';
    if (!users.length) note = t('training.note.users_empty');
    else if (selected === ALL) note = t('training.note.users_pick', { team: teamName(selected) });
    trainingNote('users-note', note);
    table(usersTable, userColumns, users, { csv: `uptake-training-users-${trainingSlug(selected)}-${asOf}`, empty: false });
    usersTable.querySelectorAll('tbody tr').forEach((tr, i) => {
      if (users[i]) define(tr.cells[3], users[i].list);
    });
  }
});

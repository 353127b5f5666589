/**
 * Data quality and freshness: headline figures for the organisation or the selected team, stale open
 * records and duplicates by team, completeness by object type, the records table and every source's
 * freshness. Shares over several object types or teams are recomputed from the summed counts
 * (docs/kpis.md "Readings"), never averaged; completeness cannot be, so it stays per object type.
 */
import { addMessages, label, lang, t } from './i18n.js';
import { ALL, fmtInt, fmtNum, fmtPct, teamName } from './format.js';
import { notNarrowed, scopeNote, table, tiles } from './tables.js';
import { chart } from './charts.js';
import { start } from './page.js';

addMessages({
  en: {
    'quality.stale.title': 'Open records not updated for 30 and 90 days, by team',
    'quality.completeness.title': 'Completeness by object',
    'quality.duplicates.title': 'Duplicates by team',
    'quality.records.title': 'Records by team and object',
    'quality.sources.title': 'Sources: last event, ingestion lag, failures',
    'quality.owners.title': 'Who owns the overdue and stale records',

    'quality.tile.open_records': 'Open records',
    'quality.tile.open_records_detail': 'of {records} records',
    'quality.tile.stale_share_30d': 'Stale for more than 30 days',
    'quality.tile.stale_share_30d_detail': '{stale} open records; {stale90} over 90 days',
    'quality.tile.overdue': 'Overdue',
    'quality.tile.overdue_detail': 'open records past their close date',
    'quality.tile.duplicate_rate': 'Duplicate rate',
    'quality.tile.duplicate_rate_detail': '{duplicates} of {records} records',

    'quality.note.unavailable': 'Record quality figures are not available: {reason}',
    'quality.note.suppressed': 'Figures withheld for {teams}: fewer than 5 people.',
    'quality.note.scope': '{scope}, over every object type. Completeness is shown per object type: it does not add up across objects.',
    'quality.note.completeness_scope': '{scope}',
    'quality.note.owners_empty': 'Nobody in {team} owns an overdue record or an open record not updated for 30 days.',
    'quality.note.owners': '{team}: owners with overdue or stale open records, most first.',
    'quality.note.backfilled': '{source}: {n} events of the last 7 days were loaded after the as-of date.',
    'quality.note.lag_missing': 'A lag shown as – means no event of the last 7 days was loaded by the end of the as-of date.',

    'quality.series.stale_30_90': 'Stale 30–90 days',
    'quality.series.stale_90': 'Stale over 90 days',
    'quality.series.completeness_avg': 'Average completeness',
    'quality.series.complete_share': 'Every required field filled',
    'quality.series.duplicate_rate': 'Duplicate rate',
    'quality.axis.share_of_open': 'share of open records',
    'quality.tooltip.count_of': '{series}: {share} ({count} of {total})',

    'quality.column.team': 'Team',
    'quality.column.owner': 'Owner',
    'quality.column.backfilled_7d': 'Loaded after the as-of date, 7 days',
    'quality.column.object_type': 'Object',
    'quality.column.records': 'Records',
    'quality.column.open_records': 'Open',
    'quality.column.stale_30d': 'Stale > 30 days',
    'quality.column.stale_90d': 'Stale > 90 days',
    'quality.column.stale_share_30d': 'Stale share, 30 days',
    'quality.column.median_days_since_update': 'Median days since update',
    'quality.column.overdue': 'Overdue',
    'quality.column.completeness_avg': 'Completeness',
    'quality.column.complete_share': 'Fully complete',
    'quality.column.duplicate_records': 'Duplicates',
    'quality.column.duplicate_rate': 'Duplicate rate',
    'quality.column.source': 'Source',
    'quality.column.events': 'Events',
    'quality.column.last_event_at': 'Last event',
    'quality.column.last_ingested_at': 'Last ingested',
    'quality.column.lag_p50': 'Ingestion lag, median',
    'quality.column.lag_p95': 'Ingestion lag, 95th percentile',
    'quality.column.failure_rate_7d': 'Failure rate, 7 days',
    'quality.column.hours_since_last_event': 'Hours since last event',

    'quality.object.Account': 'Account',
    'quality.object.Contact': 'Contact',
    'quality.object.Opportunity': 'Opportunity',
    'quality.object.Lead': 'Lead',
    'quality.object.Case': 'Case',
    'quality.object.Campaign': 'Campaign',

    'quality.duration.under_second': '< 1 s',
    'quality.duration.seconds': '{n} s',
    'quality.duration.minutes': '{n} min',
    'quality.duration.hours': '{n} h',
    'quality.duration.days': '{n} d',
    'quality.duration.join': '{first} {second}',
  },
  'zh-CN': {
    'quality.stale.title': '各团队 30 天和 90 天未更新的未关闭记录',
    'quality.completeness.title': '各对象的完整度',
    'quality.duplicates.title': '各团队的重复记录',
    'quality.records.title': '按团队和对象统计的记录',
    'quality.sources.title': '数据源：最近事件、导入延迟、失败率',
    'quality.owners.title': '逾期和长期未更新记录的负责人',

    'quality.tile.open_records': '未关闭记录',
    'quality.tile.open_records_detail': '共 {records} 条记录',
    'quality.tile.stale_share_30d': '超过 30 天未更新',
    'quality.tile.stale_share_30d_detail': '{stale} 条未关闭记录；其中 {stale90} 条超过 90 天',
    'quality.tile.overdue': '已逾期',
    'quality.tile.overdue_detail': '已过预计关闭日期的未关闭记录',
    'quality.tile.duplicate_rate': '重复率',
    'quality.tile.duplicate_rate_detail': '{records} 条记录中有 {duplicates} 条重复',

    'quality.note.unavailable': '记录质量数据不可用：{reason}',
    'quality.note.suppressed': '以下团队的数据已隐藏（不足 5 人）：{teams}。',
    'quality.note.scope': '{scope}，涵盖所有对象类型。完整度按对象类型显示：不同对象之间无法相加。',
    'quality.note.completeness_scope': '{scope}',
    'quality.note.owners_empty': '{team}没有人负责已逾期的记录或 30 天未更新的未关闭记录。',
    'quality.note.owners': '{team}：负责已逾期或长期未更新的未关闭记录的人员，按数量从多到少排列。',
    'quality.note.backfilled': '{source}：最近 7 天的事件中有 {n} 条是在数据日期之后才导入的。',
    'quality.note.lag_missing': '延迟显示为“–”表示最近 7 天的事件在数据日期结束前均未导入。',

    'quality.series.stale_30_90': '30–90 天未更新',
    'quality.series.stale_90': '超过 90 天未更新',
    'quality.series.completeness_avg': '平均完整度',
    'quality.series.complete_share': '必填字段全部填写',
    'quality.series.duplicate_rate': '重复率',
    'quality.axis.share_of_open': '占未关闭记录比例',
    'quality.tooltip.count_of': '{series}：{share}（{total} 条中 {count} 条）',

    'quality.column.team': '团队',
    'quality.column.owner': '负责人',
    'quality.column.backfilled_7d': '数据日期后导入（7 天）',
    'quality.column.object_type': '对象',
    'quality.column.records': '记录数',
    'quality.column.open_records': '未关闭',
    'quality.column.stale_30d': '超过 30 天未更新',
    'quality.column.stale_90d': '超过 90 天未更新',
    'quality.column.stale_share_30d': '30 天未更新比例',
    'quality.column.median_days_since_update': '距上次更新天数中位数',
    'quality.column.overdue': '已逾期',
    'quality.column.completeness_avg': '完整度',
    'quality.column.complete_share': '完全填写比例',
    'quality.column.duplicate_records': '重复记录',
    'quality.column.duplicate_rate': '重复率',
    'quality.column.source': '数据源',
    'quality.column.events': '事件数',
    'quality.column.last_event_at': '最近事件',
    'quality.column.last_ingested_at': '最近导入',
    'quality.column.lag_p50': '导入延迟（中位数）',
    'quality.column.lag_p95': '导入延迟（第 95 百分位）',
    'quality.column.failure_rate_7d': '7 天失败率',
    'quality.column.hours_since_last_event': '距最近事件小时数',

    'quality.object.Account': '客户',
    'quality.object.Contact': '联系人',
    'quality.object.Opportunity': '商机',
    'quality.object.Lead': '潜在客户',
    'quality.object.Case': '服务案例',
    'quality.object.Campaign': '营销活动',

    'quality.duration.under_second': '不到 1 秒',
    'quality.duration.seconds': '{n} 秒',
    'quality.duration.minutes': '{n} 分钟',
    'quality.duration.hours': '{n} 小时',
    'quality.duration.days': '{n} 天',
    'quality.duration.join': '{first} {second}',
  },
});

/** Seconds in words, to the two largest units: "45 s", "3 min 20 s", "1 h 5 min", "2 d 4 h". */
function qualityDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return fmtInt(null);
  if (seconds < 1) return t('quality.duration.under_second');
  const total = Math.round(seconds);
  const units = [['days', 86400], ['hours', 3600], ['minutes', 60], ['seconds', 1]];
  const index = units.findIndex(([, size]) => total >= size);
  const [unit, size] = units[index];
  const first = t(`quality.duration.${unit}`, { n: fmtInt(Math.floor(total / size)) });
  if (index === units.length - 1) return first;
  const [nextUnit, nextSize] = units[index + 1];
  const rest = Math.floor((total % size) / nextSize);
  if (!rest) return first;
  return t('quality.duration.join', { first, second: t(`quality.duration.${nextUnit}`, { n: fmtInt(rest) }) });
}

function qualityObject(type) { return label('quality.object', type); }

function qualityEscape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A share from counts, null when there is nothing to divide by. */
function qualityShare(part, whole) { return whole > 0 ? part / whole : null; }

const QUALITY_COUNTS = ['records', 'open_records', 'stale_30d', 'stale_90d', 'overdue', 'duplicate_records'];

/** The counts of rows added up (missing counts as 0). */
function qualitySum(rows) {
  const sum = {};
  QUALITY_COUNTS.forEach((key) => { sum[key] = rows.reduce((total, r) => total + (r[key] || 0), 0); });
  return sum;
}

/** Shows or hides the card around an element: a figure the role does not get leaves no empty card. */
function qualityCard(id, shown) {
  const card = document.getElementById(id).closest('.card');
  card.hidden = !shown;
  return shown;
}

/** A team as part of a file name: no spaces or path characters. */
function qualitySlug(team) {
  if (team === ALL) return 'all';
  return String(team).trim().toLowerCase().replace(/[\s/\\:*?"<>|]+/g, '-');
}

function qualityNote(id, text) {
  const note = document.getElementById(id);
  note.textContent = text || '';
  note.hidden = !text;
}

/**
 * A percent formatter with enough decimals for values up to max to read apart: ticks of 0.05% need
 * two, of 5% none (a fixed one decimal repeats "0.2%, 0.2%" on a small duplicate rate's axis).
 */
function qualityPercentFor(max) {
  const digits = max > 0 ? Math.min(3, Math.max(0, Math.ceil(-Math.log10(max * 100)) + 1)) : 0;
  const format = new Intl.NumberFormat(lang(), { style: 'percent', maximumFractionDigits: digits });
  return (v) => (v === null || v === undefined || !Number.isFinite(v) ? fmtPct(null) : format.format(v));
}

/** The organisation first, then teams by name, owners missing from users last. */
function qualityTeamOrder(a, b) {
  const rank = (team) => (team === ALL ? 0 : team === 'unknown' ? 2 : 1);
  return rank(a) - rank(b) || String(a).localeCompare(String(b), lang());
}

start('/api/v1/quality', (data) => {
  const pct = (v) => fmtPct(v);
  const asOf = data.as_of;
  const selection = data.selection || {};
  const selected = selection.team || ALL;
  const narrowed = Boolean(data.group ? data.group.narrowed : selection.department || selection.wave);
  // The group's rows carry ALL: the organisation, or the teams the department or wave matches.
  const teamLabel = (team) => (team === ALL && narrowed ? t('team.all_matching') : teamName(team));
  const records = (data.records || []).slice().sort((a, b) => qualityTeamOrder(a.team, b.team)
    || String(a.object_type).localeCompare(String(b.object_type)));
  const suppressed = data.suppressed_teams || [];

  qualityNote('unavailable', data.unavailable ? t('quality.note.unavailable', { reason: data.unavailable }) : '');
  qualityNote('suppressed', suppressed.length
    ? t('quality.note.suppressed', { teams: suppressed.map(teamName).join(', ') }) : '');

  // ---- the scope of the tiles and the completeness chart ----
  // The organisation's own rows unless a department or wave narrows it: then the matching teams, summed.
  const teamRows = records.filter((r) => r.team !== ALL && r.team !== 'unknown');
  let scopeRows;
  let scopeName;
  if (selected !== ALL) {
    scopeRows = records.filter((r) => r.team === selected);
    scopeName = teamName(selected);
  } else if (!narrowed && records.some((r) => r.team === ALL)) {
    scopeRows = records.filter((r) => r.team === ALL);
    scopeName = teamName(ALL);
  } else {
    scopeRows = teamRows;
    scopeName = narrowed ? t('team.all_matching') : teamName(ALL);
  }
  // No rows (mart not computed, nothing in scope): no figures, rather than zeros that read as "all clean".
  const sum = scopeRows.length ? qualitySum(scopeRows) : {};
  const withheld = selected !== ALL && suppressed.includes(selected);
  qualityNote('tiles-scope', withheld ? '' : t('quality.note.scope', { scope: scopeName }));
  tiles(document.getElementById('tiles'), withheld
    ? [{ id: 'suppressed', label: teamName(selected), value: fmtInt(null), detail: t('suppressed') }]
    : [
      { id: 'open_records', label: t('quality.tile.open_records'), def: 'open_records', value: fmtInt(sum.open_records),
        detail: t('quality.tile.open_records_detail', { records: fmtInt(sum.records) }) },
      { id: 'stale_share_30d', label: t('quality.tile.stale_share_30d'), def: 'stale_share_30d',
        value: pct(qualityShare(sum.stale_30d, sum.open_records)),
        detail: t('quality.tile.stale_share_30d_detail', { stale: fmtInt(sum.stale_30d), stale90: fmtInt(sum.stale_90d) }) },
      { id: 'overdue', label: t('quality.tile.overdue'), def: 'overdue', value: fmtInt(sum.overdue),
        detail: t('quality.tile.overdue_detail') },
      { id: 'duplicate_rate', label: t('quality.tile.duplicate_rate'), def: 'duplicate_rate',
        value: pct(qualityShare(sum.duplicate_records, sum.records)),
        detail: t('quality.tile.duplicate_rate_detail', { duplicates: fmtInt(sum.duplicate_records), records: fmtInt(sum.records) }) },
    ]);

  // ---- per team: stale open records and duplicates ----
  const teams = [...new Set(records.map((r) => r.team))];
  const byTeam = teams.map((team) => Object.assign({ team }, qualitySum(records.filter((r) => r.team === team))));
  const teamAxis = { type: 'category', data: teams.map(teamLabel),
    axisLabel: { interval: 0, rotate: teams.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' } };
  // Room on the left for the axis name, set along the axis so it is never cut off.
  const teamGrid = { left: 72, right: 24, top: 60, bottom: teams.length > 6 ? 90 : 40 };
  const orDash = (v) => (v === null || v === undefined ? '-' : v);
  const countTooltip = (parts) => (params) => {
    const list = [].concat(params || []);
    if (!list.length) return '';
    const team = byTeam[list[0].dataIndex];
    if (!team) return '';
    const lines = [teamLabel(team.team)];
    list.forEach((p) => {
      const part = parts[p.seriesIndex];
      lines.push(t('quality.tooltip.count_of', { series: p.seriesName, share: pct(qualityShare(part.count(team), part.total(team))),
        count: fmtInt(part.count(team)), total: fmtInt(part.total(team)) }));
    });
    return lines.map(qualityEscape).join('<br>');
  };

  const staleParts = [
    { count: (r) => r.stale_30d - r.stale_90d, total: (r) => r.open_records },
    { count: (r) => r.stale_90d, total: (r) => r.open_records },
  ];
  chart('chart-stale', {
    legend: { top: 0, left: 0 },
    grid: teamGrid,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: countTooltip(staleParts) },
    xAxis: teamAxis,
    yAxis: { type: 'value', min: 0, name: t('quality.axis.share_of_open'), nameLocation: 'middle', nameGap: 52,
      axisLabel: { formatter: qualityPercentFor(Math.max(0, ...byTeam.map((r) => qualityShare(r.stale_30d, r.open_records) || 0))) } },
    series: byTeam.length ? [
      // A bar no wider than a team name: one team must not fill the chart with one block.
      { name: t('quality.series.stale_30_90'), type: 'bar', stack: 'stale', color: '#f59e0b', barMaxWidth: 64,
        data: byTeam.map((r) => orDash(qualityShare(staleParts[0].count(r), r.open_records))) },
      { name: t('quality.series.stale_90'), type: 'bar', stack: 'stale', color: '#b91c1c', barMaxWidth: 64,
        data: byTeam.map((r) => orDash(qualityShare(staleParts[1].count(r), r.open_records))) },
    ] : [],
  }, { file: `uptake-quality-stale-by-team-${asOf}` });

  // Horizontal bars: the team names get a line each instead of slanting into one another.
  const duplicateParts = [{ count: (r) => r.duplicate_records, total: (r) => r.records }];
  const duplicateRates = byTeam.map((r) => qualityShare(r.duplicate_records, r.records));
  const duplicatePct = qualityPercentFor(Math.max(0, ...duplicateRates.map((v) => v || 0)));
  document.getElementById('chart-duplicates').style.height = `${Math.max(200, 30 * teams.length + 70)}px`;
  chart('chart-duplicates', {
    grid: { left: 12, right: 64, top: 36, bottom: 32, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: countTooltip(duplicateParts) },
    xAxis: { type: 'value', min: 0, minInterval: 0.0001, splitNumber: 4, axisLabel: { formatter: duplicatePct } },
    yAxis: { type: 'category', inverse: true, data: teams.map(teamLabel), axisLabel: { width: 140, overflow: 'truncate' } },
    series: byTeam.length ? [{ name: t('quality.series.duplicate_rate'), type: 'bar', barMaxWidth: 20,
      data: duplicateRates.map(orDash),
      label: { show: true, position: 'right', formatter: (p) => duplicatePct(p.value) } }] : [],
  }, { file: `uptake-quality-duplicates-by-team-${asOf}` });

  // ---- completeness by object type: one scope's own rows, or each matching team's ----
  const single = selected !== ALL || (!narrowed && records.some((r) => r.team === ALL));
  const completenessRows = single ? scopeRows : teamRows;
  const objects = [...new Set(completenessRows.map((r) => r.object_type))].sort((a, b) => String(a).localeCompare(String(b)));
  const valueOf = (rows, object, key) => {
    const row = rows.find((r) => r.object_type === object);
    return row ? orDash(row[key]) : '-';
  };
  const completenessSeries = single
    ? ['completeness_avg', 'complete_share'].map((key) => ({ name: t(`quality.series.${key}`), type: 'bar',
      data: objects.map((object) => valueOf(completenessRows, object, key)) }))
    : [...new Set(completenessRows.map((r) => r.team))].map((team) => ({ name: teamLabel(team), type: 'bar',
      data: objects.map((object) => valueOf(completenessRows.filter((r) => r.team === team), object, 'completeness_avg')) }));
  qualityNote('completeness-scope', withheld ? '' : t('quality.note.completeness_scope', { scope: scopeName }));
  chart('chart-completeness', {
    // A paged legend stops short of the toolbox's save-as-image icon.
    legend: { top: 0, left: 0, right: 64, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: pct },
    xAxis: { type: 'category', data: objects.map(qualityObject), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
    series: objects.length ? completenessSeries : [],
  }, { file: `uptake-quality-completeness-${asOf}` });

  // ---- tables ----
  table(document.getElementById('table-records'), [
    { key: 'team', label: t('quality.column.team'), format: teamLabel },
    { key: 'object_type', label: t('quality.column.object_type'), format: qualityObject },
    { key: 'records', label: t('quality.column.records'), num: true, format: fmtInt, def: 'records' },
    { key: 'open_records', label: t('quality.column.open_records'), num: true, format: fmtInt, def: 'open_records' },
    { key: 'stale_30d', label: t('quality.column.stale_30d'), num: true, format: fmtInt, def: 'stale_30d' },
    { key: 'stale_90d', label: t('quality.column.stale_90d'), num: true, format: fmtInt, def: 'stale_90d' },
    { key: 'stale_share_30d', label: t('quality.column.stale_share_30d'), num: true, format: pct, def: 'stale_share_30d' },
    { key: 'median_days_since_update', label: t('quality.column.median_days_since_update'), num: true,
      format: (v) => fmtNum(v, 1), def: 'median_days_since_update' },
    { key: 'overdue', label: t('quality.column.overdue'), num: true, format: fmtInt, def: 'overdue' },
    { key: 'completeness_avg', label: t('quality.column.completeness_avg'), num: true, format: pct, def: 'completeness_avg' },
    { key: 'complete_share', label: t('quality.column.complete_share'), num: true, format: pct, def: 'complete_share' },
    { key: 'duplicate_records', label: t('quality.column.duplicate_records'), num: true, format: fmtInt, def: 'duplicate_records' },
    { key: 'duplicate_rate', label: t('quality.column.duplicate_rate'), num: true, format: pct, def: 'duplicate_rate' },
  ], records, { csv: `uptake-quality-records-${asOf}` });
  // The group's row leaves the median and the completeness empty: they do not add up over teams.
  const notSummed = ['median_days_since_update', 'completeness_avg', 'complete_share'].find((id) => notNarrowed(data, id));
  scopeNote(document.getElementById('records-scope'), data, notSummed || 'median_days_since_update', 'note.not_summed');

  // ---- the owners behind the chosen team's overdue and stale records (roles that may see its people) ----
  const owners = data.owners;
  if (qualityCard('table-owners', Array.isArray(owners))) {
    qualityNote('owners-note', owners.length ? t('quality.note.owners', { team: teamLabel(selected) })
      : t('quality.note.owners_empty', { team: teamLabel(selected) }));
    table(document.getElementById('table-owners'), [
      { key: 'display_name', label: t('quality.column.owner') },
      { key: 'overdue', label: t('quality.column.overdue'), num: true, format: fmtInt, def: 'overdue' },
      { key: 'stale_30d', label: t('quality.column.stale_30d'), num: true, format: fmtInt, def: 'stale_30d' },
      { key: 'stale_90d', label: t('quality.column.stale_90d'), num: true, format: fmtInt, def: 'stale_90d' },
      { key: 'open_records', label: t('quality.column.open_records'), num: true, format: fmtInt, def: 'open_records' },
      { key: 'stale_share_30d', label: t('quality.column.stale_share_30d'), num: true, format: pct, def: 'stale_share_30d' },
      { key: 'records', label: t('quality.column.records'), num: true, format: fmtInt, def: 'records' },
      { key: 'completeness_avg', label: t('quality.column.completeness_avg'), num: true, format: pct, def: 'completeness_avg' },
      { key: 'duplicate_records', label: t('quality.column.duplicate_records'), num: true, format: fmtInt, def: 'duplicate_records' },
    ], owners, { csv: owners.length ? `uptake-quality-owners-${qualitySlug(selected)}-${asOf}` : null, empty: false });
    document.getElementById('table-owners').hidden = owners.length === 0;
  }

  const sources = (data.sources || []).slice().sort((a, b) => String(a.source).localeCompare(String(b.source)));
  // backfilled_7d: events of the last 7 days loaded after the as-of date (absent from older snapshots).
  const backfilled = sources.some((r) => r.backfilled_7d !== undefined);
  table(document.getElementById('table-sources'), [
    { key: 'source', label: t('quality.column.source') },
    { key: 'events', label: t('quality.column.events'), num: true, format: fmtInt, def: 'source_events' },
    { key: 'last_event_at', label: t('quality.column.last_event_at'), datetime: true, def: 'last_event_at' },
    { key: 'last_ingested_at', label: t('quality.column.last_ingested_at'), datetime: true, def: 'last_ingested_at' },
    { key: 'lag_p50_seconds', label: t('quality.column.lag_p50'), num: true, format: qualityDuration, def: 'lag_p50_seconds' },
    { key: 'lag_p95_seconds', label: t('quality.column.lag_p95'), num: true, format: qualityDuration, def: 'lag_p95_seconds' },
    { key: 'failure_rate_7d', label: t('quality.column.failure_rate_7d'), num: true, format: pct, def: 'failure_rate_7d' },
    { key: 'hours_since_last_event', label: t('quality.column.hours_since_last_event'), num: true,
      format: (v) => fmtNum(v, 1), def: 'hours_since_last_event' },
  ].concat(backfilled ? [{ key: 'backfilled_7d', label: t('quality.column.backfilled_7d'), num: true, format: fmtInt }] : []),
  sources, { csv: `uptake-quality-sources-${asOf}` });
  scopeNote(document.getElementById('sources-scope'), data, 'sources');
  const lagMissing = sources.some((r) => r.lag_p50_seconds === null || r.lag_p95_seconds === null);
  const late = sources.filter((r) => r.backfilled_7d > 0);
  const notes = document.getElementById('sources-notes');
  notes.replaceChildren(...(lagMissing ? [t('quality.note.lag_missing')] : [])
    .concat(late.map((r) => t('quality.note.backfilled', { source: r.source, n: fmtInt(r.backfilled_7d) })))
    .map((text) => {
      const line = document.createElement('p');
      line.className = 'note';
      line.textContent = text;
      return line;
    }));
  notes.hidden = !notes.childElementCount;
});

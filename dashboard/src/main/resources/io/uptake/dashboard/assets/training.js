/**
 * Training: the teams needing help with their reasons, the team × module gap (heatmap and table), the
 * usage lift after each course and the people behind the gap. A team in the ranking or the heatmap is
 * a link: it sets the team filter, so the user list narrows to that team.
 */
import { addMessages, lang, t } from './i18n.js';
import { ALL, fmtInt, fmtNum, fmtPct, moduleName, teamName } from './format.js';
import { setFilter } from './filters.js';
import { scopeNote, table } from './tables.js';
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

    'training.column.gaps': 'Gaps',
    'training.column.gap_count': 'Number of gaps',

    'training.list.trained_not_using': 'Trained, not using',
    'training.list.using_untrained': 'Using, untrained',
    'training.chip': '{list}: {module}',
    'training.filter.label': 'Show',
    'training.filter.all': 'Everyone ({n})',
    'training.filter.trained_not_using': 'Trained, not using ({n})',
    'training.filter.using_untrained': 'Using, untrained ({n})',
    'training.pager.range': '{from}–{to} of {total}',
    'training.pager.label': 'Pages of the people list',
    'training.pager.prev': 'Previous page',
    'training.pager.next': 'Next page',
    'training.sort.by': 'Sort by {column}',

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
    'training.note.effect_pending': 'Courses without before and after figures: nobody completed them at least 28 days before the as-of date.',
    'training.note.users_empty': 'Nobody is on either list: everyone trained uses the module and everyone using it is trained.',
    'training.note.users_pick': 'Showing {team}. Choose a team in the ranking or the heatmap to see only its people.',
    'training.note.users_choose_team': 'Choose one of your teams in the team filter to see its people.',
    'training.note.single_team': '{team}: trained share of each module in use.',
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

    'training.column.gaps': '差距',
    'training.column.gap_count': '差距数',

    'training.list.trained_not_using': '已培训但未使用',
    'training.list.using_untrained': '使用但未培训',
    'training.chip': '{list}：{module}',
    'training.filter.label': '显示',
    'training.filter.all': '全部（{n}）',
    'training.filter.trained_not_using': '已培训但未使用（{n}）',
    'training.filter.using_untrained': '使用但未培训（{n}）',
    'training.pager.range': '第 {from}–{to} 条，共 {total} 条',
    'training.pager.label': '人员名单分页',
    'training.pager.prev': '上一页',
    'training.pager.next': '下一页',
    'training.sort.by': '按{column}排序',

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
    'training.note.effect_pending': '没有前后对比数据的课程：尚无人在数据日期前至少 28 天完成该课程。',
    'training.note.users_empty': '两个名单都没有人：所有已培训的人都在使用该模块，所有使用者都已接受培训。',
    'training.note.users_pick': '当前显示：{team}。在排名或热力图中选择一个团队，只查看该团队的人员。',
    'training.note.users_choose_team': '在团队筛选中选择您负责的一个团队，即可查看该团队的人员。',
    'training.note.single_team': '{team}：各在用模块的已培训比例。',
  },
});

/** The modules people are trained in, in the page's order; "other" (events no module claims) has no course. */
const TRAINING_MODULES = ['sales', 'service', 'marketing', 'analytics', 'admin'];
const UNTRAINABLE_MODULE = 'other';

/** People per page of the people list. */
const TRAINING_PAGE_SIZE = 25;

/**
 * How the people list is shown: sort, page and list filter. It outlives a redraw (a language change
 * draws the same data again) and the page starts over at 1 when new data arrives.
 */
const trainingPeople = { data: null, sort: 'gaps', descending: true, page: 0, list: 'all' };

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

/** Shows or hides the card around an element: a figure the role does not get leaves no empty card. */
function trainingCard(id, shown) {
  const card = document.getElementById(id).closest('.card');
  card.hidden = !shown;
  return shown;
}

// ---- the people behind the gap: one row per person, sorted, filtered by list, 25 a page ----

function trainingGapCount(person) {
  return (person.trained_not_using || []).length + (person.using_untrained || []).length;
}

const TRAINING_SORTS = {
  display_name: (a, b) => String(a.display_name).localeCompare(String(b.display_name), lang()),
  team: (a, b) => String(a.team).localeCompare(String(b.team), lang()),
  gaps: (a, b) => trainingGapCount(a) - trainingGapCount(b),
};

/** The people in the chosen list filter and order; ties by name so the order is stable across pages. */
function trainingPeopleRows(people) {
  const state = trainingPeople;
  const rows = people.filter((p) => state.list === 'all' || (p[state.list] || []).length > 0);
  const compare = TRAINING_SORTS[state.sort];
  const sign = state.descending ? -1 : 1;
  return rows.sort((a, b) => sign * compare(a, b) || TRAINING_SORTS.display_name(a, b) || String(a.user_key).localeCompare(String(b.user_key)));
}

function trainingChip(list, module) {
  const chip = document.createElement('span');
  chip.className = `gap-chip gap-chip-${list === 'trained_not_using' ? 'idle' : 'untrained'}`;
  chip.textContent = t('training.chip', { list: t(`training.list.${list}`), module: moduleName(module) });
  return chip;
}

function trainingButton(text, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}

/** The list filter: everyone, or only the people on one of the two lists (with how many each). */
function trainingPeopleFilter(people, redraw) {
  const element = document.getElementById('users-filter');
  const counts = {
    all: people.length,
    trained_not_using: people.filter((p) => (p.trained_not_using || []).length).length,
    using_untrained: people.filter((p) => (p.using_untrained || []).length).length,
  };
  const name = document.createElement('span');
  name.className = 'people-filter-label';
  name.textContent = t('training.filter.label');
  element.replaceChildren(name, ...Object.keys(counts).map((list) => {
    const button = trainingButton(t(`training.filter.${list}`, { n: fmtInt(counts[list]) }), () => {
      trainingPeople.list = list;
      trainingPeople.page = 0;
      redraw();
    });
    button.dataset.list = list;
    button.setAttribute('aria-pressed', String(trainingPeople.list === list));
    return button;
  }));
  element.setAttribute('aria-label', t('training.filter.label'));
  element.hidden = people.length === 0;
}

/** Column headers that sort on click (again: the other way), with aria-sort on the sorted one. */
function trainingPeopleHead(columns, redraw) {
  const head = document.createElement('tr');
  columns.forEach((column) => {
    const th = document.createElement('th');
    th.scope = 'col';
    if (column.num) th.className = 'num';
    if (!column.sort) {
      th.textContent = column.label;
      head.append(th);
      return;
    }
    const sorted = trainingPeople.sort === column.sort;
    th.setAttribute('aria-sort', sorted ? (trainingPeople.descending ? 'descending' : 'ascending') : 'none');
    const button = trainingButton(column.label, () => {
      if (trainingPeople.sort === column.sort) trainingPeople.descending = !trainingPeople.descending;
      else Object.assign(trainingPeople, { sort: column.sort, descending: column.sort === 'gaps' });
      trainingPeople.page = 0;
      redraw();
    });
    button.className = 'sort-button';
    button.title = t('training.sort.by', { column: column.label });
    const arrow = document.createElement('span');
    arrow.className = 'sort-arrow';
    arrow.setAttribute('aria-hidden', 'true');
    arrow.textContent = sorted ? (trainingPeople.descending ? '\u25BC' : '\u25B2') : '\u21C5';
    button.append(arrow);
    th.append(button);
    head.append(th);
  });
  return head;
}

function trainingPeoplePager(total, redraw) {
  const pager = document.getElementById('table-users-pager');
  const pages = Math.max(1, Math.ceil(total / TRAINING_PAGE_SIZE));
  trainingPeople.page = Math.min(trainingPeople.page, pages - 1);
  const first = trainingPeople.page * TRAINING_PAGE_SIZE;
  const step = (delta) => () => {
    trainingPeople.page = Math.min(pages - 1, Math.max(0, trainingPeople.page + delta));
    redraw();
  };
  const prev = trainingButton('\u2039', step(-1));
  prev.dataset.page = 'prev';
  prev.disabled = trainingPeople.page === 0;
  prev.setAttribute('aria-label', t('training.pager.prev'));
  prev.title = t('training.pager.prev');
  const next = trainingButton('\u203A', step(1));
  next.dataset.page = 'next';
  next.disabled = trainingPeople.page >= pages - 1;
  next.setAttribute('aria-label', t('training.pager.next'));
  next.title = t('training.pager.next');
  const range = document.createElement('span');
  range.className = 'pager-range';
  range.setAttribute('aria-live', 'polite');
  range.textContent = t('training.pager.range', { from: fmtInt(total ? first + 1 : 0),
    to: fmtInt(Math.min(total, first + TRAINING_PAGE_SIZE)), total: fmtInt(total) });
  pager.setAttribute('aria-label', t('training.pager.label'));
  pager.replaceChildren(prev, range, next);
  pager.hidden = total <= TRAINING_PAGE_SIZE;
  return first;
}

/**
 * The people list: the table (and its CSV) holds every person of the chosen list filter, in the
 * chosen order; the screen shows one page of them, gaps as coloured tags.
 */
function trainingPeopleTable(people, file, teamLabel) {
  const redraw = () => trainingPeopleTable(people, file, teamLabel);
  const element = document.getElementById('table-users');
  const rows = trainingPeopleRows(people);
  const modules = (v) => (v || []).map(moduleName).join('; ');
  // The CSV's columns: one field per list, the modules joined with "; ".
  table(element, [
    { key: 'display_name', label: t('training.column.name') },
    { key: 'team', label: t('training.column.team'), format: teamLabel },
    { key: 'trained_not_using', label: t('training.list.trained_not_using'), format: modules },
    { key: 'using_untrained', label: t('training.list.using_untrained'), format: modules },
    { key: 'gap_count', label: t('training.column.gap_count'), num: true, csv: (v, row) => trainingGapCount(row) },
  ], rows, { csv: file, empty: false });
  trainingPeopleFilter(people, redraw);
  const first = trainingPeoplePager(rows.length, redraw);
  const thead = document.createElement('thead');
  thead.append(trainingPeopleHead([
    { label: t('training.column.name'), sort: 'display_name' },
    { label: t('training.column.team'), sort: 'team' },
    { label: t('training.column.gaps') },
    { label: t('training.column.gap_count'), sort: 'gaps', num: true },
  ], redraw));
  const tbody = document.createElement('tbody');
  tbody.append(...rows.slice(first, first + TRAINING_PAGE_SIZE).map((person) => {
    const tr = document.createElement('tr');
    const cell = (text, className) => {
      const td = document.createElement('td');
      if (text !== undefined) td.textContent = text;
      if (className) td.className = className;
      tr.append(td);
      return td;
    };
    cell(person.display_name);
    cell(teamLabel(person.team));
    const gaps = document.createElement('div');
    gaps.className = 'gap-chips';
    cell().append(gaps);
    (person.trained_not_using || []).forEach((m) => gaps.append(trainingChip('trained_not_using', m)));
    (person.using_untrained || []).forEach((m) => gaps.append(trainingChip('using_untrained', m)));
    cell(fmtInt(trainingGapCount(person)), 'num');
    return tr;
  }));
  element.replaceChildren(thead, tbody);
}

start('/api/v1/training', (data, me) => {
  const pct = (v) => fmtPct(v);
  const asOf = data.as_of;
  const selected = (data.selection && data.selection.team) || ALL;
  const narrowed = Boolean(data.group && data.group.narrowed);
  // The group's rows carry ALL: the organisation, or the teams the department or wave matches.
  const teamLabel = (team) => (team === ALL && narrowed ? t('team.all_matching') : teamName(team));

  trainingNote('unavailable', data.unavailable ? t('training.note.unavailable', { reason: data.unavailable }) : '');
  const suppressed = data.suppressed_teams || [];
  trainingNote('suppressed', suppressed.length
    ? t('training.note.suppressed', { teams: suppressed.map(teamName).join(', ') }) : '');

  // ---- teams needing help ----
  const help = (data.needing_help || []).slice().sort((a, b) => a.rank - b.rank);
  const helpTable = document.getElementById('table-help');
  table(helpTable, [
    { key: 'rank', label: t('training.column.rank'), num: true, format: fmtInt, def: 'rank' },
    { key: 'team', label: t('training.column.team'), format: teamLabel },
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

  // ---- the gap: modules in use (someone active or trained), the group first ----
  const inUse = (data.gap || []).filter((r) => r.module !== UNTRAINABLE_MODULE
    && ((r.active_users || 0) > 0 || (r.trained_users || 0) > 0));
  const moduleOrder = (m) => (TRAINING_MODULES.includes(m) ? TRAINING_MODULES.indexOf(m) : TRAINING_MODULES.length);
  const gap = inUse.slice().sort((a, b) => {
    if ((a.team === ALL) !== (b.team === ALL)) return a.team === ALL ? -1 : 1;
    return a.team.localeCompare(b.team, lang()) || moduleOrder(a.module) - moduleOrder(b.module)
      || String(a.module).localeCompare(String(b.module));
  });
  const teams = [...new Set(gap.map((r) => r.team))];
  const modules = [...new Set(gap.map((r) => r.module))].sort((a, b) => moduleOrder(a) - moduleOrder(b));
  const shareTooltip = (p) => {
    const r = p.data && p.data.row;
    if (!r) return '';
    return trainingEscape(t('training.tooltip.cell', { team: teamLabel(r.team), module: moduleName(r.module),
      share: pct(r.trained_share), trained: fmtInt(r.trained_users), licensed: fmtInt(r.licensed_users) }));
  };

  const heatmapElement = document.getElementById('chart-gap');
  if (teams.length === 1) {
    // One team: a heatmap of one row says less than a bar per module.
    trainingNote('gap-chart-note', t('training.note.single_team', { team: teamLabel(teams[0]) }));
    heatmapElement.style.height = `${Math.max(160, 36 * modules.length + 70)}px`;
    chart('chart-gap', {
      grid: { left: 110, right: 56, top: 16, bottom: 36 },
      tooltip: { trigger: 'item', formatter: shareTooltip },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
      yAxis: { type: 'category', inverse: true, data: modules.map(moduleName), axisLabel: { width: 100, overflow: 'truncate' } },
      series: [{ name: t('training.series.trained_share'), type: 'bar', barMaxWidth: 22, color: '#15803d',
        data: gap.map((r) => ({ value: r.trained_share === null || r.trained_share === undefined ? '-' : r.trained_share, row: r })),
        label: { show: true, position: 'right', formatter: (p) => pct(p.data.row.trained_share) } }],
    }, { file: `uptake-training-trained-share-${asOf}` }).off('click');
  } else {
    trainingNote('gap-chart-note', '');
    // Enough height for a readable row per team; the chart's ResizeObserver follows.
    heatmapElement.style.height = `${Math.max(320, 28 * teams.length + 110)}px`;
    const cells = gap.map((r) => ({
      value: [modules.indexOf(r.module), teams.indexOf(r.team), r.trained_share === null || r.trained_share === undefined ? '-' : r.trained_share],
      row: r,
    }));
    const heatmap = chart('chart-gap', {
      grid: { left: 150, right: 24, top: 16, bottom: 80 },
      tooltip: { trigger: 'item', formatter: shareTooltip },
      xAxis: { type: 'category', data: modules.map(moduleName), splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, triggerEvent: true, data: teams.map(teamLabel), splitArea: { show: true },
        axisLabel: { width: 140, overflow: 'truncate' } },
      visualMap: { show: cells.length > 0, type: 'continuous', min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 8,
        itemHeight: 160, text: [pct(1), pct(0)], formatter: pct, inRange: { color: ['#fee2e2', '#fde68a', '#bbf7d0', '#15803d'] } },
      series: [{ name: t('training.series.trained_share'), type: 'heatmap', data: cells,
        label: { show: true, formatter: (p) => pct(p.data.row.trained_share) },
        emphasis: { itemStyle: { borderColor: '#1f2937', borderWidth: 1 } } }],
    }, { file: `uptake-training-trained-share-${asOf}` });
    heatmap.off('click');
    heatmap.on('click', (p) => {
      const team = p.componentType === 'series' && p.data && p.data.row ? p.data.row.team
        : p.componentType === 'yAxis' && typeof p.dataIndex === 'number' ? teams[p.dataIndex]
          : p.componentType === 'yAxis' ? teams.find((code) => teamLabel(code) === p.value) : undefined;
      // The group's row is no team to drill to.
      if (team !== undefined && team !== ALL) trainingShowTeam(team);
    });
  }

  table(document.getElementById('table-gap'), [
    { key: 'team', label: t('training.column.team'), format: teamLabel },
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
  // The group's error rate is not recomputed from the teams' (the mart does not count their events).
  scopeNote(document.getElementById('gap-scope'), data, 'error_rate', 'note.not_summed');

  // ---- course effect: organisation-wide, so not sent to leads ----
  if (trainingCard('chart-effect', Array.isArray(data.effect))) {
    const effect = data.effect.filter((c) => c.module !== UNTRAINABLE_MODULE).sort((a, b) =>
      String(a.course_id).localeCompare(String(b.course_id), lang(), { numeric: true }) || moduleOrder(a.module) - moduleOrder(b.module));
    trainingNote('effect-note', effect.some((c) => c.lift === null || c.lift === undefined) ? t('training.note.effect_pending') : '');
    scopeNote(document.getElementById('effect-scope'), data, 'effect');
    const orDash = (v) => (v === null || v === undefined ? '-' : v);
    const days = (v) => fmtNum(v, 1);
    chart('chart-effect', {
      legend: { top: 0, left: 0, right: 56 },
      grid: { left: 64, right: 24, top: 60, bottom: 64 },
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
      yAxis: { type: 'value', name: t('training.axis.active_days'), nameLocation: 'middle', nameGap: 40 },
      series: effect.length ? [
        { name: t('training.series.before'), type: 'bar', data: effect.map((c) => orDash(c.avg_active_days_before)) },
        // The lift labels the after bar: the gap between the two bars, in days.
        { name: t('training.series.after'), type: 'bar', data: effect.map((c) => orDash(c.avg_active_days_after)),
          label: { show: true, position: 'top', formatter: (p) => trainingLift(effect[p.dataIndex].lift) } },
      ] : [],
    }, { file: `uptake-training-course-effect-${asOf}` });
  }

  // ---- the people behind the gap ----
  if (data !== trainingPeople.data) Object.assign(trainingPeople, { data, page: 0, list: 'all' });
  const lead = me && me.role === 'lead';
  if (!trainingCard('table-users', Array.isArray(data.users) || lead)) return;
  if (!Array.isArray(data.users)) {
    // A lead sees the people of one of their teams at a time.
    trainingNote('users-note', t('training.note.users_choose_team'));
    document.getElementById('users-body').hidden = true;
    return;
  }
  document.getElementById('users-body').hidden = false;
  const people = data.users;
  let note = '';
  if (!people.length) note = t('training.note.users_empty');
  else if (selected === ALL) note = t('training.note.users_pick', { team: teamLabel(selected) });
  trainingNote('users-note', note);
  trainingPeopleTable(people, `uptake-training-users-${trainingSlug(selected)}-${asOf}`, teamLabel);
});

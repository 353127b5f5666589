/**
 * Owns the language: every label of the dashboard in English and Simplified Chinese, the choice of
 * language (?lang=, then the last choice on this browser, then the browser's languages), and the
 * lookups t, has and label. Keys are dotted names; a value may hold {name} placeholders filled by
 * t(key, { name: value }). Both languages must have the same keys: a key missing in one falls back to
 * English, then to the key itself (and a console warning). Definitions of figures (the hover text)
 * live in definitions.json, not here; number and date formats in format.js.
 */

const LANGUAGES = ['en', 'zh-CN'];
const LANG_STORAGE = 'uptake.lang';
/** What a missing value shows, in every language. */
export const NONE = '–';

const warned = new Set();
let current = initialLanguage();

/** 'zh', 'zh-cn', 'zh-Hans' read as 'zh-CN'; anything else unsupported gives null. */
export function supported(value) {
  if (!value) return null;
  const exact = LANGUAGES.find((l) => l.toLowerCase() === value.toLowerCase());
  if (exact) return exact;
  if (/^zh($|-(hans|cn|sg)\b)/i.test(value)) return 'zh-CN';
  if (/^en\b/i.test(value)) return 'en';
  return null;
}

function storage(value) {
  try {
    if (value === undefined) return localStorage.getItem(LANG_STORAGE);
    localStorage.setItem(LANG_STORAGE, value);
  } catch (e) {
    // Storage may be off (private mode, policy): the URL still carries the language.
  }
  return null;
}

/** The URL's ?lang= first, then the last choice on this browser, then the browser's languages. */
function initialLanguage() {
  const fromUrl = supported(new URLSearchParams(location.search).get('lang'));
  if (fromUrl) {
    storage(fromUrl);
    return fromUrl;
  }
  const stored = supported(storage());
  if (stored) return stored;
  const browser = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language])
    .map(supported).find(Boolean);
  return browser || 'en';
}

/** The current language: 'en' or 'zh-CN'. */
export function lang() { return current; }

/** The languages the dashboard speaks. */
export function languages() { return LANGUAGES.slice(); }

/**
 * Makes the value (normalised; 'en' if unsupported) the current language and remembers it on this
 * browser; says whether it changed. Only the language: the URL, labels and charts follow in
 * page.js's setLanguage.
 */
export function chooseLanguage(value) {
  const next = supported(value) || 'en';
  storage(next);
  if (next === current) return false;
  current = next;
  return true;
}

/**
 * The message of the key in the current language, {name} placeholders filled from params.
 * Falls back to English, then to the key itself.
 */
export function t(key, params) {
  let text = messages[current][key];
  if (text === undefined) text = messages.en[key];
  if (text === undefined) {
    if (!warned.has(key)) {
      warned.add(key);
      console.warn(`Uptake: no message for '${key}'`);
    }
    return key;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name) => (params[name] === undefined || params[name] === null ? match : String(params[name])));
}

/** Whether a message exists for the key (in English at least). */
export function has(key) { return messages.en[key] !== undefined || messages[current][key] !== undefined; }

/** The translated `prefix.value` if there is one, else the value itself: statuses, modules, licence types. */
export function label(prefix, value) {
  if (value === null || value === undefined || value === '') return NONE;
  return has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : String(value).replace(/_/g, ' ');
}

/** Adds messages of a page: { en: {...}, 'zh-CN': {...} }. Prefer adding them here. */
export function addMessages(dictionary) {
  LANGUAGES.forEach((l) => Object.assign(messages[l], (dictionary && dictionary[l]) || {}));
}

const messages = {
  en: {
    'app.subtitle': 'CRM adoption analytics',
    'lang.label': 'Language',
    'lang.en': 'English',
    'lang.zh-CN': '简体中文',

    'nav.label': 'Pages',
    'nav.overview': 'Overview',
    'nav.adoption': 'Adoption',
    'nav.training': 'Training',
    'nav.quality': 'Data quality & freshness',
    'nav.rollout': 'Rollout',
    'nav.roi': 'ROI',
    'title.overview': 'Overview',
    'title.adoption': 'Adoption',
    'title.training': 'Training',
    'title.quality': 'Data quality & freshness',
    'title.rollout': 'Rollout',
    'title.roi': 'ROI',
    'title.document': 'Uptake · {title}',

    'header.account': '{user} · {role}',
    'header.signout': 'Sign out',
    'role.executive': 'Executive',
    'role.trainer': 'Trainer',
    'role.lead': 'Team lead',

    'filter.label': 'Filters',
    'filter.team': 'Team',
    'filter.department': 'Department',
    'filter.wave': 'Wave',
    'filter.from': 'From',
    'filter.to': 'To',
    'filter.all_departments': 'All departments',
    'filter.all_waves': 'All waves',
    'team.all': 'Whole organisation',
    'team.all_matching': 'All matching teams',
    'filter.group': '{names}: {teams} teams, {licensed} licensed people',
    'filter.group_one': '{names}: 1 team, {licensed} licensed people',
    'filter.group_teams_only': '{names}: {teams} teams',
    'filter.group_one_teams_only': '{names}: 1 team',
    'filter.reset': 'Reset filters',
    'note.not_narrowed': 'Whole organisation: the filters do not narrow this figure',
    'note.not_summed': 'Not summed over teams: see each team\'s row',
    'team.unknown': 'Unknown team',

    'asof.published': 'Data as of {date} · published {age}',
    'asof.only': 'Data as of {date}',
    'asof.published_at': 'Published {time}',
    'empty.no_snapshot': 'No data yet: no job run has published a snapshot.',
    'empty.error': 'Cannot load this page.',
    'empty.chart': 'No data in this selection.',
    'empty.table': 'No rows in this selection.',
    'suppressed': 'hidden: fewer than 5 people',

    'action.download_csv': 'Download CSV',
    'action.download_csv_of': 'Download this table as CSV: {file}',
    'action.save_image': 'Save as image',

    'status.active': 'Active',
    'status.dormant': 'Dormant',
    'status.never_active': 'Never active',
    'status.unlicensed': 'Unlicensed',

    'module.sales': 'Sales',
    'module.service': 'Service',
    'module.marketing': 'Marketing',
    'module.analytics': 'Analytics',
    'module.admin': 'Admin',
    'module.other': 'Other',

    'license.full': 'Full',
    'license.platform': 'Platform',
    'license.read_only': 'Read only',
    'license.integration': 'Integration',

    'axis.users': 'users',
    'axis.adoption': 'adoption',
    'axis.days': 'days',
    'axis.share': 'share',

    'series.licensed_users': 'Licensed users',
    'series.mau': 'MAU',
    'series.wau': 'WAU',
    'series.dau': 'DAU',
    'series.adoption_rate': 'Adoption rate',
    'series.stickiness': 'Stickiness',
    'series.module_active': 'Active in the module, last 28 days',
    'series.users': 'Users',

    'lifecycle.new': 'New',
    'lifecycle.returning': 'Returning',
    'lifecycle.resurrecting': 'Resurrecting',
    'lifecycle.dormant': 'Dormant',

    'first_value.before_go_live': 'before go-live',
    'first_value.none_yet': 'none yet',
    'first_value.range': '{from}–{to}',
    'first_value.more_than': '>{days}',

    'column.status': 'Status',
    'column.users': 'Users',
    'column.name': 'Name',
    'column.team': 'Team',
    'column.license': 'Licence',
    'column.last_active': 'Last active',
    'column.licensed_since': 'Licensed since',

    'overview.tile.mau': 'Monthly active users',
    'overview.tile.mau_detail': 'of {licensed} licensed',
    'overview.tile.adoption_rate': 'Adoption rate',
    'overview.tile.adoption_rate_detail': 'MAU / licensed users',
    'overview.tile.dau': 'Daily active users',
    'overview.tile.dau_detail': 'WAU {wau}',
    'overview.tile.stickiness': 'Stickiness',
    'overview.tile.stickiness_detail': 'average DAU / MAU, 28 days',
    'overview.tile.dormant': 'Dormant users',
    'overview.tile.dormant_detail': 'no activity in 28 days',
    'overview.tile.never_active': 'Never active',
    'overview.tile.never_active_detail': 'licensed, never used it',
    'overview.chart.trend': 'Adoption trend',
    'overview.chart.teams': 'Adoption rate by team at the as-of date',
    'overview.chart.cost_benefit': 'Cost vs benefit by month',
    'overview.tile.roi_to_date': 'ROI to date',
    'overview.tile.roi_to_date_detail': 'base scenario, {cost} spent',
    'overview.tile.payback_month': 'Payback month',
    'overview.tile.payback_none': 'not yet',
    'overview.tile.payback_detail': 'base scenario',
    'overview.tile.idle_seat_cost': 'Idle-seat spend',
    'overview.tile.idle_seat_detail': '{month} · {per_user} per active person',
    'overview.tile.goals_red': 'Goals at red',
    'overview.tile.goals_red_detail': 'of {total}: {amber} amber, {green} green, {done} done',
    'overview.series.cost': 'Cost',
    'overview.series.benefit': 'Benefit',
    'overview.series.cum_cost': 'Cumulative cost',
    'overview.series.cum_benefit': 'Cumulative benefit',
    'overview.axis.amount': 'amount ({currency})',

    'adoption.tile.licensed_users': 'Licensed users',
    'adoption.tile.mau': 'MAU',
    'adoption.tile.mau_detail': 'active in the last 28 days',
    'adoption.tile.wau': 'WAU',
    'adoption.tile.wau_detail': 'active in the last 7 days',
    'adoption.tile.dau': 'DAU',
    'adoption.tile.dau_detail': 'active on the as-of date',
    'adoption.tile.adoption_rate': 'Adoption rate',
    'adoption.tile.adoption_rate_detail': 'MAU / licensed users',
    'adoption.tile.stickiness': 'Stickiness',
    'adoption.tile.stickiness_detail': 'average DAU / MAU',
    'adoption.chart.teams': 'Adoption rate by team',
    'adoption.chart.active': 'Daily, weekly and monthly active users',
    'adoption.chart.stickiness': 'Stickiness (average DAU / MAU)',
    'adoption.chart.modules': 'Module adoption at the as-of date',
    'adoption.chart.lifecycle': 'Lifecycle by week',
    'adoption.chart.first_value': 'Time to first value (days)',
    'adoption.table.statuses': 'Users by status at the as-of date',
    'adoption.table.users': 'Whom to talk to: dormant and never-active users',
    'adoption.note.users_hidden': 'User lists are shown to trainers and to team leads for their own teams.',
    'adoption.note.nobody_to_call': 'Nobody to call: every licensed user has been active in the last 28 days.',
    'adoption.lifecycle.note': 'Above zero: users active that week (new, returning, resurrecting). Below zero, with a minus sign: users who went dormant that week.',
  },

  'zh-CN': {
    'app.subtitle': 'CRM 采用情况分析',
    'lang.label': '语言',
    'lang.en': 'English',
    'lang.zh-CN': '简体中文',

    'nav.label': '页面',
    'nav.overview': '概览',
    'nav.adoption': '采用情况',
    'nav.training': '培训',
    'nav.quality': '数据质量与时效',
    'nav.rollout': '推广进度',
    'nav.roi': '投资回报',
    'title.overview': '概览',
    'title.adoption': '采用情况',
    'title.training': '培训',
    'title.quality': '数据质量与时效',
    'title.rollout': '推广进度',
    'title.roi': '投资回报',
    'title.document': 'Uptake · {title}',

    'header.account': '{user} · {role}',
    'header.signout': '退出登录',
    'role.executive': '高管',
    'role.trainer': '培训师',
    'role.lead': '团队负责人',

    'filter.label': '筛选',
    'filter.team': '团队',
    'filter.department': '部门',
    'filter.wave': '批次',
    'filter.from': '开始',
    'filter.to': '结束',
    'filter.all_departments': '全部部门',
    'filter.all_waves': '全部批次',
    'team.all': '整个组织',
    'team.all_matching': '所有符合条件的团队',
    'filter.group': '{names}：{teams} 个团队，{licensed} 名许可用户',
    'filter.group_one': '{names}：1 个团队，{licensed} 名许可用户',
    'filter.group_teams_only': '{names}：{teams} 个团队',
    'filter.group_one_teams_only': '{names}：1 个团队',
    'filter.reset': '重置筛选',
    'note.not_narrowed': '全组织数据：此数字不随筛选条件缩小',
    'note.not_summed': '无法跨团队汇总：请查看各团队的行',
    'team.unknown': '未知团队',

    'asof.published': '数据截至 {date} · 发布于{age}',
    'asof.only': '数据截至 {date}',
    'asof.published_at': '发布于 {time}',
    'empty.no_snapshot': '暂无数据：尚无作业运行发布快照。',
    'empty.error': '无法加载此页面。',
    'empty.chart': '当前筛选条件下没有数据。',
    'empty.table': '当前筛选条件下没有记录。',
    'suppressed': '已隐藏：不足 5 人',

    'action.download_csv': '下载 CSV',
    'action.download_csv_of': '将此表格下载为 CSV：{file}',
    'action.save_image': '保存为图片',

    'status.active': '活跃',
    'status.dormant': '休眠',
    'status.never_active': '从未活跃',
    'status.unlicensed': '无许可证',

    'module.sales': '销售',
    'module.service': '服务',
    'module.marketing': '市场营销',
    'module.analytics': '分析',
    'module.admin': '管理',
    'module.other': '其他',

    'license.full': '完整版',
    'license.platform': '平台版',
    'license.read_only': '只读',
    'license.integration': '集成',

    'axis.users': '用户数',
    'axis.adoption': '采用率',
    'axis.days': '天',
    'axis.share': '占比',

    'series.licensed_users': '许可用户',
    'series.mau': '月活跃用户',
    'series.wau': '周活跃用户',
    'series.dau': '日活跃用户',
    'series.adoption_rate': '采用率',
    'series.stickiness': '黏性',
    'series.module_active': '最近 28 天在该模块活跃',
    'series.users': '用户数',

    'lifecycle.new': '新增',
    'lifecycle.returning': '持续',
    'lifecycle.resurrecting': '回流',
    'lifecycle.dormant': '休眠',

    'first_value.before_go_live': '上线前',
    'first_value.none_yet': '尚无',
    'first_value.range': '{from}–{to}',
    'first_value.more_than': '超过 {days}',

    'column.status': '状态',
    'column.users': '用户数',
    'column.name': '姓名',
    'column.team': '团队',
    'column.license': '许可证',
    'column.last_active': '最近活跃',
    'column.licensed_since': '许可起始日',

    'overview.tile.mau': '月活跃用户',
    'overview.tile.mau_detail': '共 {licensed} 名许可用户',
    'overview.tile.adoption_rate': '采用率',
    'overview.tile.adoption_rate_detail': '月活跃用户 / 许可用户',
    'overview.tile.dau': '日活跃用户',
    'overview.tile.dau_detail': '周活跃用户 {wau}',
    'overview.tile.stickiness': '黏性',
    'overview.tile.stickiness_detail': '28 天平均日活 / 月活',
    'overview.tile.dormant': '休眠用户',
    'overview.tile.dormant_detail': '28 天内无活动',
    'overview.tile.never_active': '从未活跃',
    'overview.tile.never_active_detail': '已获许可，从未使用',
    'overview.chart.trend': '采用趋势',
    'overview.chart.teams': '截至数据日期各团队采用率',
    'overview.chart.cost_benefit': '每月成本与收益',
    'overview.tile.roi_to_date': '迄今投资回报率',
    'overview.tile.roi_to_date_detail': '基准情景，已投入 {cost}',
    'overview.tile.payback_month': '回本月份',
    'overview.tile.payback_none': '尚未回本',
    'overview.tile.payback_detail': '基准情景',
    'overview.tile.idle_seat_cost': '闲置席位支出',
    'overview.tile.idle_seat_detail': '{month} · 每位活跃用户 {per_user}',
    'overview.tile.goals_red': '红色目标',
    'overview.tile.goals_red_detail': '共 {total} 个：黄色 {amber}，绿色 {green}，已完成 {done}',
    'overview.series.cost': '成本',
    'overview.series.benefit': '收益',
    'overview.series.cum_cost': '累计成本',
    'overview.series.cum_benefit': '累计收益',
    'overview.axis.amount': '金额（{currency}）',

    'adoption.tile.licensed_users': '许可用户',
    'adoption.tile.mau': '月活跃用户',
    'adoption.tile.mau_detail': '最近 28 天活跃',
    'adoption.tile.wau': '周活跃用户',
    'adoption.tile.wau_detail': '最近 7 天活跃',
    'adoption.tile.dau': '日活跃用户',
    'adoption.tile.dau_detail': '数据日期当天活跃',
    'adoption.tile.adoption_rate': '采用率',
    'adoption.tile.adoption_rate_detail': '月活跃用户 / 许可用户',
    'adoption.tile.stickiness': '黏性',
    'adoption.tile.stickiness_detail': '平均日活 / 月活',
    'adoption.chart.teams': '各团队采用率',
    'adoption.chart.active': '日、周、月活跃用户',
    'adoption.chart.stickiness': '黏性（平均日活 / 月活）',
    'adoption.chart.modules': '截至数据日期各模块采用率',
    'adoption.chart.lifecycle': '每周用户生命周期',
    'adoption.chart.first_value': '首次产生价值所需时间（天）',
    'adoption.table.statuses': '截至数据日期各状态用户数',
    'adoption.table.users': '需要联系的人：休眠和从未活跃的用户',
    'adoption.note.users_hidden': '用户名单仅向培训师及各自团队的负责人显示。',
    'adoption.note.nobody_to_call': '无需联系任何人：所有许可用户在最近 28 天内都有活动。',
    'adoption.lifecycle.note': '零线以上为当周活跃的用户（新增、持续、回流）；零线以下（负数）为当周转为休眠的用户。',
  },
};

// Page text in Simplified Chinese first, English on request (?lang=en, remembered in a cookie).
import { ROLE_NAMES } from '../accounts/roles.ts';
export type Lang = 'zh' | 'en';

export const MESSAGES = {
  appName: { zh: '金蝶云星空服务权益', en: 'Cloud Galaxy entitlements' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  badCredentials: { zh: '用户名或密码不正确', en: 'Wrong username or password' },
  rateLimited: { zh: '登录失败次数过多,请 15 分钟后再试', en: 'Too many failed sign-ins; try again in 15 minutes' },
  policies: { zh: '策略版本', en: 'Policy versions' },
  audit: { zh: '审计日志', en: 'Audit log' },
  upload: { zh: '上传策略工作簿', en: 'Upload a policy workbook' },
  uploadHint: { zh: '.xlsx 文件,不超过 {{mb}} MB。上传后为草稿,检查差异后再启用。', en: 'An .xlsx file up to {{mb}} MB. It becomes a draft; review the diff, then activate it.' },
  uploadButton: { zh: '上传并校验', en: 'Upload and validate' },
  version: { zh: '版本', en: 'Version' },
  status: { zh: '状态', en: 'Status' },
  effectiveFrom: { zh: '生效时间', en: 'Effective from' },
  importedBy: { zh: '导入人', en: 'Imported by' },
  importedAt: { zh: '导入时间', en: 'Imported at' },
  file: { zh: '文件', en: 'File' },
  rules: { zh: '规则', en: 'Rules' },
  downloads: { zh: '下载', en: 'Downloads' },
  rulesJson: { zh: '规则 JSON', en: 'Rules JSON' },
  workbook: { zh: '原始工作簿', en: 'Original workbook' },
  noVersions: { zh: '尚无策略版本', en: 'No policy versions yet' },
  rejected: { zh: '工作簿未通过校验,未保存任何内容。请修正以下单元格后重新上传:', en: 'The workbook failed validation and nothing was stored. Fix these cells and upload again:' },
  sheet: { zh: '工作表', en: 'Sheet' },
  cell: { zh: '单元格', en: 'Cell' },
  found: { zh: '实际内容', en: 'Found' },
  expected: { zh: '应为', en: 'Expected' },
  problem: { zh: '问题', en: 'Problem' },
  summary: { zh: '导入摘要', en: 'Import summary' },
  warnings: { zh: '警告', en: 'Warnings' },
  noWarnings: { zh: '没有警告', en: 'No warnings' },
  ignoredSheet: { zh: '已忽略', en: 'ignored' },
  diff: { zh: '与当前生效版本的差异', en: 'Changes against the active version' },
  noActive: { zh: '当前没有生效版本:以下全部为新增。', en: 'No version is active: everything below is new.' },
  noChanges: { zh: '与当前生效版本相同', en: 'Same as the active version' },
  impact: { zh: '影响范围:尚无合同,暂无客户受影响。', en: 'Impact: no contracts exist yet, so no customer is affected.' },
  offering: { zh: '部署', en: 'Offering' },
  tier: { zh: '服务产品', en: 'Tier' },
  service: { zh: '服务项目', en: 'Service' },
  change: { zh: '变化', en: 'Change' },
  from: { zh: '原为', en: 'From' },
  to: { zh: '改为', en: 'To' },
  activate: { zh: '启用', en: 'Activate' },
  activateHint: { zh: '生效日期(北京时间),留空表示立即生效', en: 'Effective date (Asia/Shanghai); leave empty for now' },
  activated: { zh: '已启用', en: 'Activated' },
  activatedBy: { zh: '启用人', en: 'Activated by' },
  at: { zh: '时间', en: 'When' },
  actor: { zh: '操作人', en: 'Who' },
  action: { zh: '操作', en: 'Action' },
  target: { zh: '对象', en: 'Target' },
  address: { zh: '地址', en: 'Address' },
  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  backHome: { zh: '返回首页', en: 'Back to the start page' },
  switchLang: { zh: 'English', en: '中文' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

export const LABELS = {
  role: ROLE_NAMES,
  status: {
    draft: { zh: '草稿', en: 'draft' },
    scheduled: { zh: '待生效', en: 'scheduled' },
    active: { zh: '生效中', en: 'active' },
    superseded: { zh: '已被取代', en: 'superseded' },
  },
  offering: {
    cloud: { zh: '公有云', en: 'Public cloud' },
    on_premise: { zh: '私有云(On Premise)', en: 'On premise' },
  },
  tier: {
    basic: { zh: '基础服务', en: 'Basic' },
    preferred: { zh: '优选服务', en: 'Preferred' },
    premium: { zh: '尊享服务', en: 'Premium' },
  },
  tableKind: {
    tiers: { zh: '服务产品目录', en: 'Tier table' },
    special_services: { zh: '专项服务', en: 'Special services' },
  },
  change: {
    added: { zh: '新增', en: 'added' },
    removed: { zh: '移除', en: 'removed' },
    changed: { zh: '变更', en: 'changed' },
  },
} as const;

export function translate(key: string, lang: Lang, vars: Record<string, unknown> = {}): string {
  const entry = (MESSAGES as Record<string, Record<Lang, string>>)[key];
  const text = entry ? entry[lang] : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

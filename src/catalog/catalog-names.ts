// The names people read for offerings and tiers, in Chinese and English, defined once for pages, reports, quotes,
// contract files and policy workbooks alike. An offering has two forms: the product's full name, as a quote or a
// workbook title writes it, and the short form that labels a column or a page beside other offerings.
import type { Offering, Tier } from './catalog-codes.ts';

export interface Names {
  zh: string;
  en: string;
}

export const OFFERING_NAMES: Record<Offering, { product: Names; short: Names }> = {
  cloud: {
    product: { zh: '金蝶云星空(公有云)', en: 'Cloud Galaxy (public cloud)' },
    short: { zh: '公有云', en: 'Public cloud' },
  },
  on_premise: {
    product: { zh: '金蝶云星空(On Premise)', en: 'Cloud Galaxy (on premise)' },
    short: { zh: '私有云(On Premise)', en: 'On premise' },
  },
};

/** `short` is what a workbook's tier column may say instead of the full name (基础 for 基础服务). */
export const TIER_NAMES: Record<Tier, Names & { short: string }> = {
  basic: { zh: '基础服务', short: '基础', en: 'Basic' },
  preferred: { zh: '优选服务', short: '优选', en: 'Preferred' },
  premium: { zh: '尊享服务', short: '尊享', en: 'Premium' },
};

/**
 * The names people read for the known services, tier services and special services alike: the Chinese is the
 * canonical name docs/domain.md gives (names[0] in catalog-codes.ts), the English its gloss there.
 */
export const SERVICE_NAMES: Readonly<Record<string, Names>> = {
  self_service_ops: { zh: '7*24自助运维', en: 'Self-service operations' },
  phone_support: { zh: '7*24电话支持', en: 'Phone support' },
  issue_feedback: { zh: '7*24问题反馈', en: 'Issue reporting' },
  online_im: { zh: '7*8在线IM服务', en: 'Online chat' },
  system_ops: { zh: '系统运维', en: 'System operations' },
  emergency_fault: { zh: '紧急故障处理', en: 'Emergency faults' },
  community: { zh: '金蝶云社区(学习与能力提升)', en: 'Community and learning' },
  update_license: { zh: '软件更新包与升级许可', en: 'Update packages and upgrade licence' },
  code_diagnosis: { zh: '开发技术支持', en: 'Development support' },
  app_improvement: { zh: '应用提升支持', en: 'Application improvement' },
  customer_success: { zh: '客户成功支持', en: 'Customer success' },
  upgrade_migration: { zh: '升级迁移', en: 'Upgrade and migration' },
  business_adjustment: { zh: '业务调整', en: 'Business re-configuration' },
  data_repair: { zh: '数据修复', en: 'Data repair' },
  data_optimization: { zh: '数据优化', en: 'Data optimisation' },
  dev_support_project: { zh: '开发技术支持(机构提供)', en: 'Development support by the branch' },
  onsite_support: { zh: '现场支持(机构提供)', en: 'On-site support' },
  performance_tuning: { zh: '性能优化', en: 'Performance tuning' },
  db_migration: { zh: '数据库迁移', en: 'Database migration' },
  cluster_ha: { zh: '集群和高可用部署', en: 'Clustering and high availability' },
};

/**
 * A service's name in one language. A service the active catalog introduced under its own code has no entry
 * above: the workbook's label (服务项目) names it, in both languages, and the code only when there is none.
 */
export function serviceName(code: string, lang: 'zh' | 'en', catalogLabel?: string | null): string {
  return SERVICE_NAMES[code]?.[lang] ?? (catalogLabel || code);
}

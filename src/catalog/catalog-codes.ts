// The shared vocabulary of docs/domain.md: offerings, tiers and service codes, with the names a workbook uses for
// services. What people read for an offering or a tier is in catalog-names.ts.

export const OFFERINGS = ['cloud', 'on_premise'] as const;
export type Offering = (typeof OFFERINGS)[number];

export const TIERS = ['basic', 'preferred', 'premium'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * What a tier cell of a service is expected to say. The importer rejects a cell that does not fit,
 * so a typo in a response window is an error rather than a silently free-text deliverable.
 */
export type ServiceKind =
  | 'inclusion' // ✓ or blank
  | 'channel' // ✓, 专属坐席 or blank
  | 'response_window' // N工作日响应 / N工作小时响应
  | 'coverage' // 5*8小时
  | 'quota' // 代码诊断(限一年两次,2人天/次,非现场)
  | 'deliverables' // free text, numbered lists
  | 'any'; // an item the workbook introduced with its own code

export interface TierServiceDef {
  code: string;
  /** The canonical name as docs/domain.md writes it, then accepted variants: Chinese, then English (docs/workbook-vocabulary.md). */
  names: readonly string[];
  kind: ServiceKind;
}

export const TIER_SERVICES: readonly TierServiceDef[] = [
  { code: 'self_service_ops', names: ['7*24自助运维', '自助运维', 'Self-service operations', 'Self-service O&M', '7x24 self-service operations', '7x24 self-service'], kind: 'inclusion' },
  { code: 'phone_support', names: ['7*24电话支持', '电话支持', 'Phone support', '7x24 phone support', 'Telephone support'], kind: 'channel' },
  { code: 'issue_feedback', names: ['7*24问题反馈', '问题反馈', 'Issue reporting', '7x24 issue reporting', 'Issue feedback', '7x24 issue feedback'], kind: 'response_window' },
  { code: 'online_im', names: ['7*8在线IM服务', '在线IM服务', '在线IM', 'Online chat', '7x8 online chat', 'Online IM', 'Online IM service', '7x8 online IM service'], kind: 'channel' },
  { code: 'system_ops', names: ['系统运维', 'System operations', 'System O&M', 'System maintenance'], kind: 'coverage' },
  { code: 'emergency_fault', names: ['紧急故障处理', 'Emergency faults', 'Emergency fault handling', 'Emergency fault support'], kind: 'response_window' },
  { code: 'community', names: ['金蝶云社区(学习与能力提升)', '金蝶云社区', 'Community and learning', 'Kingdee Cloud Community', 'Kingdee Cloud Community (learning and skills)', 'Community'], kind: 'inclusion' },
  { code: 'update_license', names: ['软件更新包与升级许可', 'Update packages and upgrade licence', 'Update packages and upgrade license', 'Software updates and upgrade licence', 'Software updates and upgrade license'], kind: 'inclusion' },
  { code: 'code_diagnosis', names: ['开发技术支持', 'Development support', 'Development technical support'], kind: 'quota' },
  { code: 'app_improvement', names: ['应用提升支持', 'Application improvement', 'Application improvement support'], kind: 'deliverables' },
  { code: 'customer_success', names: ['客户成功支持', 'Customer success', 'Customer success support'], kind: 'deliverables' },
];

export type DeliveredBy = 'branch' | 'branch_with_hq_tools';

export interface SpecialServiceDef {
  code: string;
  names: readonly string[];
  /** docs/domain.md: a cloud customer can neither buy nor receive these. */
  onPremiseOnly: boolean;
  deliveredBy: DeliveredBy;
}

export const SPECIAL_SERVICES: readonly SpecialServiceDef[] = [
  { code: 'upgrade_migration', names: ['升级迁移', 'Upgrade and migration', 'Upgrade & migration'], onPremiseOnly: false, deliveredBy: 'branch_with_hq_tools' },
  { code: 'business_adjustment', names: ['业务调整', 'Business re-configuration', 'Business reconfiguration', 'Business adjustment'], onPremiseOnly: false, deliveredBy: 'branch_with_hq_tools' },
  { code: 'data_repair', names: ['数据修复', 'Data repair'], onPremiseOnly: false, deliveredBy: 'branch_with_hq_tools' },
  { code: 'data_optimization', names: ['数据优化', 'Data optimisation', 'Data optimization'], onPremiseOnly: false, deliveredBy: 'branch_with_hq_tools' },
  { code: 'dev_support_project', names: ['开发技术支持(机构提供)', 'Development support by the branch', 'Development support (by the branch)', 'Development support (branch)'], onPremiseOnly: false, deliveredBy: 'branch' },
  { code: 'onsite_support', names: ['现场支持(机构提供)', '现场支持', 'On-site support', 'Onsite support', 'On-site support (by the branch)'], onPremiseOnly: false, deliveredBy: 'branch' },
  { code: 'performance_tuning', names: ['性能优化', 'Performance tuning', 'Performance optimisation', 'Performance optimization'], onPremiseOnly: true, deliveredBy: 'branch_with_hq_tools' },
  { code: 'db_migration', names: ['数据库迁移', 'Database migration'], onPremiseOnly: true, deliveredBy: 'branch_with_hq_tools' },
  { code: 'cluster_ha', names: ['集群和高可用部署', 'Clustering and high availability', 'Cluster and high availability', 'Cluster and HA deployment'], onPremiseOnly: true, deliveredBy: 'branch_with_hq_tools' },
];

export const SERVICE_CODE_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;

export function isOffering(value: string): value is Offering {
  return (OFFERINGS as readonly string[]).includes(value);
}

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

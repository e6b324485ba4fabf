// The authorization matrix: every permission and the roles that hold it, in one place.
// Routes and commands declare the permission they need; a test walks this matrix.

export const ROLES = ['admin', 'manager', 'sales', 'support', 'expert'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '服务产品管理员', en: 'Policy owner (admin)' },
  manager: { zh: '服务/客户成功经理', en: 'Service or customer-success manager' },
  sales: { zh: '销售', en: 'Sales' },
  support: { zh: '技术支持', en: 'Support desk' },
  expert: { zh: '总部服务专家', en: 'Headquarters service expert' },
};

export const PERMISSIONS = {
  'policy.read': ['admin', 'manager', 'sales', 'support', 'expert'],
  'policy.upload': ['admin'],
  'policy.activate': ['admin'],
  'user.manage': ['admin'],
  'token.manage': ['admin'],
  'audit.read': ['admin', 'manager'],
  'entitlement.check': ['admin', 'manager', 'sales', 'support'],
  'contract.read': ['admin', 'manager', 'sales', 'support', 'expert'],
  'contract.write': ['admin', 'manager', 'sales'],
  'usage.record': ['admin', 'manager', 'support'],
  'usage.override': ['admin', 'manager'],
  'request.read': ['admin', 'manager', 'sales', 'support', 'expert'],
  'request.write': ['admin', 'manager', 'support'],
  'quote.read': ['admin', 'manager', 'sales', 'support'],
  'quote.write': ['admin', 'manager', 'sales'],
  'quote.approve': ['admin', 'manager'],
  'report.read': ['admin', 'manager'],
  'report.run': ['admin', 'manager'],
  // The review queue of 尊享 yearly reports: managers see it (and what went out unreviewed); only headquarters'
  // experts approve, since their name goes under 总部专家建议.
  'review.read': ['admin', 'manager', 'expert'],
  'review.write': ['expert'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Whether every permission of `inner` is also `outer`'s: a token may be narrower than its owner, never wider. */
export function roleIncludes(outer: Role, inner: Role): boolean {
  return (Object.keys(PERMISSIONS) as Permission[]).every((p) => !can(inner, p) || can(outer, p));
}

/**
 * Permissions that only a person may use: four eyes need two people, so a token without an owner (made
 * before tokens had owners) is refused these whatever its role.
 */
export const PERSONAL_PERMISSIONS: readonly Permission[] = ['quote.approve', 'review.write'];

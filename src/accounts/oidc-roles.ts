// Which of our roles a person signing in through the provider gets: from one claim (OIDC_ROLE_CLAIM) mapped by
// OIDC_ROLE_MAP. Pure, so that the rule is tested on its own (test/accounts/oidc-roles.test.ts).
import { ROLES, isRole, type Role } from './roles.ts';

/** A claim holds one value, a list, or (Keycloak's realm_access) an object with a `roles` list; anything else holds none. */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  if (claim && typeof claim === 'object' && 'roles' in claim) return claimValues((claim as { roles: unknown }).roles);
  return [];
}

/**
 * The role the claim maps to, or null when none of its values is mapped (such a person is refused: the provider
 * knows them, we do not give them a role by default). A person in several mapped groups gets the first of ROLES
 * among them (admin, manager, sales, support, expert): the order the roles are listed everywhere. With no map,
 * values that are our role names stand for themselves.
 */
export function mappedRole(claim: unknown, roleMap: Readonly<Record<string, string>>): Role | null {
  const mapped = new Set<string>();
  const mapGiven = Object.keys(roleMap).length > 0;
  for (const value of claimValues(claim)) {
    const role = mapGiven ? roleMap[value] : value;
    if (role !== undefined && isRole(role)) mapped.add(role);
  }
  return ROLES.find((r) => mapped.has(r)) ?? null;
}

/** Throws, naming them, when OIDC_ROLE_MAP gives roles we do not have: checked when the server starts. */
export function checkRoleMap(roleMap: Readonly<Record<string, string>>): void {
  const unknown = Object.entries(roleMap).filter(([, role]) => !isRole(role));
  if (unknown.length > 0) {
    const pairs = unknown.map(([value, role]) => `${value}=${role}`).join(', ');
    throw new Error(`环境变量 OIDC_ROLE_MAP 含有不存在的角色 / invalid OIDC_ROLE_MAP: ${pairs}: the role must be one of ${ROLES.join(', ')}`);
  }
}

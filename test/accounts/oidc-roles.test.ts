// The role a single sign-on person gets from the provider's claim (OIDC_ROLE_CLAIM mapped by OIDC_ROLE_MAP), and
// the username made from their claims.
import { describe, expect, it } from 'vitest';
import { checkRoleMap, claimValues, mappedRole } from '../../src/accounts/oidc-roles.ts';
import { ssoUsername } from '../../src/accounts/oidc-sign-in.ts';
import { loadConfig } from '../../src/config/config.ts';

const MAP = { 'entitle-admin': 'admin', 'entitle-managers': 'manager', 'entitle-sales': 'sales', 'entitle-desk': 'support', 'hq-experts': 'expert' };

describe('mapping the role claim to a role', () => {
  it('reads a list, one value, a space- or comma-separated string, or Keycloak’s realm_access', () => {
    expect(claimValues(['a', 'b', 3])).toEqual(['a', 'b']);
    expect(claimValues('a b,c')).toEqual(['a', 'b', 'c']);
    expect(claimValues({ roles: ['x'] })).toEqual(['x']);
    expect(claimValues(undefined)).toEqual([]);
    expect(claimValues(42)).toEqual([]);
  });

  it('maps the values, ignoring the unmapped ones', () => {
    expect(mappedRole(['staff', 'entitle-sales'], MAP)).toBe('sales');
    expect(mappedRole('hq-experts', MAP)).toBe('expert');
  });

  it('gives the first of admin, manager, sales, support, expert when several are mapped', () => {
    expect(mappedRole(['entitle-desk', 'entitle-managers', 'entitle-sales'], MAP)).toBe('manager');
    expect(mappedRole(['hq-experts', 'entitle-admin'], MAP)).toBe('admin');
  });

  it('refuses (null) when no value is mapped, or the claim is missing', () => {
    expect(mappedRole(['staff'], MAP)).toBeNull();
    expect(mappedRole(undefined, MAP)).toBeNull();
    // With a map, our role names are not taken as such: only the map gives roles.
    expect(mappedRole(['admin'], MAP)).toBeNull();
  });

  it('takes our role names as they are when no map is set', () => {
    expect(mappedRole(['sales', 'unknown'], {})).toBe('sales');
    expect(mappedRole(['unknown'], {})).toBeNull();
  });

  it('reads OIDC_ROLE_MAP from the environment, refusing a role we do not have', () => {
    const base = { OIDC_ISSUER_URL: 'https://sso.example.com/realms/main', OIDC_CLIENT_ID: 'entitle', OIDC_CLIENT_SECRET: 's' };
    expect(loadConfig({ ...base, OIDC_ROLE_MAP: 'entitle-admin=admin, entitle-sales = sales' }).oidc?.roleMap).toEqual({ 'entitle-admin': 'admin', 'entitle-sales': 'sales' });
    // Semicolons separate the pairs when a group is an LDAP DN (which holds commas).
    expect(loadConfig({ ...base, OIDC_ROLE_MAP: 'CN=Admins,OU=Groups=admin; CN=Sales,OU=Groups = sales' }).oidc?.roleMap).toEqual({ 'CN=Admins,OU=Groups': 'admin', 'CN=Sales,OU=Groups': 'sales' });
    expect(() => loadConfig({ ...base, OIDC_ROLE_MAP: 'no pair here' })).toThrow(/OIDC_ROLE_MAP/);
    // A role we do not have is refused where roles are known, when the server composes its services.
    expect(() => checkRoleMap(loadConfig({ ...base, OIDC_ROLE_MAP: 'x=superuser' }).oidc!.roleMap)).toThrow(/x=superuser/);
    expect(() => checkRoleMap({ 'entitle-sales': 'sales' })).not.toThrow();
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://sso.example.com' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER_URL: 'http://sso.example.com' })).toThrow(/OIDC_ISSUER_URL/);
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({ ...base, PUBLIC_BASE_URL: 'https://entitle.example.com/' }).oidc).toMatchObject({ roleClaim: 'roles', redirectUrl: 'https://entitle.example.com/sign-in/oidc/callback', label: null });
  });
});

describe('the username of a single sign-on person', () => {
  it('is the preferred_username, else the e-mail, else the subject, fitted to our rules', () => {
    expect(ssoUsername({ sub: 'x', preferred_username: 'Li.Lei' })).toBe('li.lei');
    expect(ssoUsername({ sub: 'x', email: 'li.lei@example.com' })).toBe('li.lei-example.com');
    expect(ssoUsername({ sub: 'f81d4fae-7dec' })).toBe('f81d4fae-7dec');
    expect(ssoUsername({ sub: 'x', preferred_username: '李雷' })).toMatch(/^sso-/);
  });
});

import { describe, expect, it } from 'vitest';
import { PERMISSIONS, PERSONAL_PERMISSIONS, ROLES, can } from '../../src/accounts/roles.ts';

describe('authorization matrix', () => {
  it('gives policy changes, users and tokens to admins only, and reading to everyone', () => {
    const holders = Object.fromEntries(Object.keys(PERMISSIONS).map((p) => [p, ROLES.filter((r) => can(r, p as keyof typeof PERMISSIONS))]));
    expect(holders).toEqual({
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
      'review.read': ['admin', 'manager', 'expert'],
      'review.write': ['expert'],
    });
  });

  it('lets only headquarters’ experts approve advice, in person: their name goes under 总部专家建议', () => {
    expect(ROLES.filter((r) => can(r, 'review.write'))).toEqual(['expert']);
    expect(PERSONAL_PERMISSIONS).toContain('review.write');
    // An expert reads what the advice is about (policies, contracts, requests) and writes nothing else.
    const writes = Object.keys(PERMISSIONS).filter((p) => can('expert', p as keyof typeof PERMISSIONS) && !/\.read$/.test(p));
    expect(writes).toEqual(['review.write']);
  });
});

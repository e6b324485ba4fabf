import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, can } from '../../src/accounts/roles.ts';

describe('authorization matrix', () => {
  it('gives policy changes, users and tokens to admins only, and reading to everyone', () => {
    const holders = Object.fromEntries(Object.keys(PERMISSIONS).map((p) => [p, ROLES.filter((r) => can(r, p as keyof typeof PERMISSIONS))]));
    expect(holders).toEqual({
      'policy.read': ['admin', 'manager', 'sales', 'support'],
      'policy.upload': ['admin'],
      'policy.activate': ['admin'],
      'user.manage': ['admin'],
      'token.manage': ['admin'],
      'audit.read': ['admin', 'manager'],
      'entitlement.check': ['admin', 'manager', 'sales', 'support'],
      'contract.read': ['admin', 'manager', 'sales', 'support'],
      'contract.write': ['admin', 'manager', 'sales'],
      'usage.record': ['admin', 'manager', 'support'],
      'usage.override': ['admin', 'manager'],
      'request.read': ['admin', 'manager', 'sales', 'support'],
      'request.write': ['admin', 'manager', 'support'],
      'quote.read': ['admin', 'manager', 'sales', 'support'],
      'quote.write': ['admin', 'manager', 'sales'],
      'quote.approve': ['admin', 'manager'],
      'report.read': ['admin', 'manager'],
      'report.run': ['admin', 'manager'],
    });
  });
});

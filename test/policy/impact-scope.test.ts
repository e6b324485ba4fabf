// Which contracts a policy change touches: the scope the contract store counts. Named examples for each kind of
// change, calendars included (deadlines move) and prices excluded (signed contracts keep theirs).
import { describe, expect, it } from 'vitest';
import { impactScope, isWholeCatalog, scopeKey } from '../../src/policy/impact-scope.ts';
import type { PolicyDiff } from '../../src/policy-workbook/policy-diff.ts';
import type { CalendarChanges } from '../../src/policy-workbook/calendars/calendar-diff.ts';
import type { RulesDocument } from '../../src/policy-workbook/rules-document.ts';

const EMPTY: PolicyDiff = { entitlements: [], specialServices: [] };
const ALL = [
  { offering: 'cloud', tier: 'basic' },
  { offering: 'cloud', tier: 'preferred' },
  { offering: 'cloud', tier: 'premium' },
  { offering: 'on_premise', tier: 'basic' },
  { offering: 'on_premise', tier: 'preferred' },
  { offering: 'on_premise', tier: 'premium' },
];

/** A rules document with only what the scope reads: calendar assignments and special services. */
function doc(assignments: { calendar: string; offering?: string; tier?: string; service?: string }[], specials: string[] = ['onsite_support']): RulesDocument {
  return {
    rules: [
      ...assignments.map((a) => ({ event: { type: 'calendar', params: { calendar: a.calendar, offering: a.offering ?? null, tier: a.tier ?? null, service: a.service ?? null } } })),
      ...specials.map((service) => ({ event: { type: 'special_service', params: { service } } })),
    ],
  } as unknown as RulesDocument;
}

const calendars = (c: Partial<CalendarChanges>): PolicyDiff => ({ ...EMPTY, calendars: { holidays: [], definitions: [], assignments: [], ...c } });

describe('impactScope', () => {
  it('takes the offering × tier of each entitlement change and the holders of each special-service change', () => {
    const diff: PolicyDiff = {
      entitlements: [
        { kind: 'changed', offering: 'on_premise', tier: 'premium', service: 'issue_feedback', label: '', from: 'a', to: 'b', fields: ['responseWindow'] },
        { kind: 'added', offering: 'cloud', tier: 'basic', service: 'online_im', label: '', from: null, to: '✓', fields: ['included'] },
        { kind: 'removed', offering: 'cloud', tier: 'basic', service: 'community', label: '', from: '✓', to: null, fields: ['included'] },
      ],
      specialServices: [{ kind: 'removed', service: 'cluster_ha', label: '', fromOfferings: ['on_premise'], toOfferings: [], fields: ['offerings'] }],
    };
    const scope = impactScope(diff, doc([]), doc([]));
    expect(scope).toEqual({ tiers: [{ offering: 'cloud', tier: 'basic' }, { offering: 'on_premise', tier: 'premium' }], services: ['cluster_ha'], causes: ['entitlements', 'special_services'] });
    expect(isWholeCatalog(scope)).toBe(false);
    expect(scopeKey(scope)).toBe('cloud|basic,on_premise|premium;cluster_ha');
  });

  it('counts nothing for a change of prices alone', () => {
    const prices = { tiers: [{ kind: 'changed' }], specialServices: [], settings: [] } as unknown as PolicyDiff['prices'];
    expect(impactScope({ ...EMPTY, prices }, doc([]), doc([]))).toEqual({ tiers: [], services: [], causes: [] });
  });

  it('counts every contract for a changed holiday, which the standard calendar keeps', () => {
    const scope = impactScope(calendars({ holidays: [{ kind: 'added', date: '2027-02-06', from: null, to: { kind: 'off', name: '春节' } }] }), doc([]), doc([]));
    expect(scope).toEqual({ tiers: ALL, services: [], causes: ['calendars'] });
    expect(isWholeCatalog(scope)).toBe(true);
  });

  it('takes an assignment’s offering and tier, a blank one meaning any, and a special service’s holders', () => {
    const scope = impactScope(
      calendars({
        assignments: [
          { kind: 'added', offering: null, tier: 'premium', service: 'emergency_fault', from: null, to: '7×24' },
          { kind: 'changed', offering: 'cloud', tier: null, service: 'onsite_support', from: '标准工作日', to: '周末' },
        ],
      }),
      doc([]),
      doc([]),
    );
    expect(scope).toEqual({ tiers: [{ offering: 'cloud', tier: 'premium' }, { offering: 'on_premise', tier: 'premium' }], services: ['onsite_support'], causes: ['calendars'] });
  });

  it('follows a changed calendar to every assignment naming it, before or after; the standard calendar is everyone’s', () => {
    const before = doc([{ calendar: '夜间值守', offering: 'on_premise', tier: 'premium', service: 'emergency_fault' }, { calendar: '周末', tier: 'basic' }]);
    const after = doc([{ calendar: '夜间值守', offering: 'cloud', tier: 'premium' }]);
    const night = impactScope(calendars({ definitions: [{ kind: 'changed', calendar: '夜间值守', fields: ['week'] }] }), before, after);
    expect(night.tiers).toEqual([{ offering: 'cloud', tier: 'premium' }, { offering: 'on_premise', tier: 'premium' }]);
    const standard = impactScope(calendars({ definitions: [{ kind: 'changed', calendar: '标准工作日', fields: ['week'] }] }), before, after);
    expect(standard.tiers).toEqual(ALL);
  });
});

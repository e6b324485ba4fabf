// Contract years (docs/domain.md, Quotas): from the start date and each anniversary to the day before the next,
// with 29 February's anniversary on 28 February in common years.
import { describe, expect, it } from 'vitest';
import { contractYear } from '../../src/entitlement/contract-year.ts';

describe('contract years', () => {
  it.each([
    // The table of docs/domain.md for a contract starting 2024-02-29, asked on each year's first and last day.
    ['2024-02-29', '2024-02-29', '2024-02-29', '2025-02-27'],
    ['2024-02-29', '2025-02-27', '2024-02-29', '2025-02-27'],
    ['2024-02-29', '2025-02-28', '2025-02-28', '2026-02-27'],
    ['2024-02-29', '2025-03-01', '2025-02-28', '2026-02-27'],
    ['2024-02-29', '2026-02-27', '2025-02-28', '2026-02-27'],
    ['2024-02-29', '2026-02-28', '2026-02-28', '2027-02-27'],
    ['2024-02-29', '2027-02-28', '2027-02-28', '2028-02-28'],
    ['2024-02-29', '2028-02-28', '2027-02-28', '2028-02-28'],
    ['2024-02-29', '2028-02-29', '2028-02-29', '2029-02-27'],
    // An ordinary start: the anniversary starts a year, the day before ends one.
    ['2026-03-15', '2026-03-15', '2026-03-15', '2027-03-14'],
    ['2026-03-15', '2027-03-14', '2026-03-15', '2027-03-14'],
    ['2026-03-15', '2027-03-15', '2027-03-15', '2028-03-14'],
    ['2026-03-15', '2036-12-31', '2036-03-15', '2037-03-14'],
    // Years that end in another calendar year, and a start on 1 January.
    ['2025-12-31', '2026-12-30', '2025-12-31', '2026-12-30'],
    ['2025-12-31', '2026-12-31', '2026-12-31', '2027-12-30'],
    ['2026-01-01', '2026-12-31', '2026-01-01', '2026-12-31'],
    // Asked before the contract starts: the first year, never one before it.
    ['2026-03-15', '2025-06-01', '2026-03-15', '2027-03-14'],
    ['2026-03-15', '2026-03-14', '2026-03-15', '2027-03-14'],
  ])('a contract starting %s, on %s: %s – %s', (startsOn, on, periodStart, periodEnd) => {
    expect(contractYear(startsOn, on)).toEqual({ periodStart, periodEnd });
    // Asked again, the same answer (it is kept for the next request).
    expect(contractYear(startsOn, on)).toEqual({ periodStart, periodEnd });
  });
});

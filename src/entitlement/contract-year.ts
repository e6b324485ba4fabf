// Quotas such as 限一年两次 count per contract year, starting on the contract's start date (docs/domain.md).

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 February starts a year that ends on 28 February in common years.
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

function dayBefore(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

const years = new Map<string, { periodStart: string; periodEnd: string }>();

/** The contract year holding `on` (a date), counted from `startsOn`; both ends inclusive. */
export function contractYear(startsOn: string, on: string): { periodStart: string; periodEnd: string } {
  const key = `${startsOn}|${on}`;
  let year = years.get(key);
  if (!year) {
    if (years.size > 10_000) years.clear();
    year = computeContractYear(startsOn, on);
    years.set(key, year);
  }
  return year;
}

function computeContractYear(startsOn: string, on: string): { periodStart: string; periodEnd: string } {
  let k = Math.max(0, Number(on.slice(0, 4)) - Number(startsOn.slice(0, 4)) - 1);
  while (addYears(startsOn, k + 1) <= on) k++;
  while (k > 0 && addYears(startsOn, k) > on) k--;
  const periodStart = addYears(startsOn, k);
  return { periodStart, periodEnd: dayBefore(addYears(startsOn, k + 1)) };
}

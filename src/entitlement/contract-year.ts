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
  // Stryker disable next-line ConditionalExpression: with the cache always missed every year is computed afresh: the same answer, slower.
  if (!year) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: when the cache is emptied changes memory and speed, not answers.
    if (years.size > 10_000) years.clear();
    year = computeContractYear(startsOn, on);
    years.set(key, year);
  }
  return year;
}

function computeContractYear(startsOn: string, on: string): { periodStart: string; periodEnd: string } {
  // Stryker disable next-line ArithmeticOperator: a first guess at the year count; the loops below correct a guess too high or too low, so only the search's length changes.
  let k = Math.max(0, Number(on.slice(0, 4)) - Number(startsOn.slice(0, 4)) - 1);
  // Stryker disable next-line ArithmeticOperator: stepping past the answer (k − 1 stops two years late) is undone by the loop below.
  while (addYears(startsOn, k + 1) <= on) k++;
  // Stryker disable next-line ConditionalExpression,UpdateOperator: this loop brings back a first guess too high, which the guess above never is (its year is before on's); it guards that guess.
  while (k > 0 && addYears(startsOn, k) > on) k--;
  const periodStart = addYears(startsOn, k);
  return { periodStart, periodEnd: dayBefore(addYears(startsOn, k + 1)) };
}

// Two rules documents compared on what they decide, not on their words: the fields of each rule that the
// decision reads (included, channel, windows, coverage, quota numbers, kind, offering, tier, service, a special
// service's offerings), and the prices, calendars and test cases without the cells they came from. An English
// workbook quotes its own text and labels; these must still agree with the Chinese sample's.
import type { RulesDocument } from '../../src/policy-workbook/rules-document.ts';

// Where things stood: a rule's source, the price list's vatSource, a test case's cells, the tables and the hash.
const WHERE = (key: string) => key === 'source' || key.endsWith('Source') || key === 'cells' || key === 'workbookSha256' || key === 'tables';

/** The document without where anything stood: what a layout moves. */
export function withoutSource(doc: RulesDocument): RulesDocument {
  return JSON.parse(JSON.stringify(doc, (key: string, value: unknown) => (WHERE(key) ? undefined : value))) as RulesDocument;
}

type Params = Record<string, unknown>;

/** What a rule decides. */
function decisionOf(rule: RulesDocument['rules'][number]): Params {
  const p = rule.event.params as unknown as Params;
  if (rule.event.type === 'entitlement') {
    const deliverables = p.deliverables as string[];
    return {
      type: rule.event.type,
      conditions: rule.conditions,
      ...pick(p, ['offering', 'tier', 'service', 'kind', 'included', 'channel', 'responseWindow', 'coverage', 'quota']),
      deliverables: deliverables.length,
    };
  }
  if (rule.event.type === 'special_service') {
    const listings = p.listings as { offering: string }[];
    return { type: rule.event.type, conditions: rule.conditions, ...pick(p, ['service', 'deliveredBy', 'offerings', 'onPremiseOnly']), listedFor: listings.map((l) => l.offering) };
  }
  // Calendars and anything else carry no typed wording: all of it decides.
  return JSON.parse(JSON.stringify({ type: rule.event.type, conditions: rule.conditions, params: p }, (key: string, value: unknown) => (key === 'source' ? undefined : value))) as Params;
}

const pick = (p: Params, keys: string[]): Params => Object.fromEntries(keys.map((k) => [k, p[k]]));

/** Each rule by name whose decision differs between the two documents (or that one of them lacks). */
export function sameDecisions(expected: RulesDocument, actual: RulesDocument): { name: string; expected?: Params; actual?: Params }[] {
  const mine = new Map(actual.rules.map((r) => [r.name, decisionOf(r)]));
  const out: { name: string; expected?: Params; actual?: Params }[] = [];
  for (const rule of expected.rules) {
    const want = decisionOf(rule);
    const got = mine.get(rule.name);
    if (JSON.stringify(got) !== JSON.stringify(want)) out.push({ name: rule.name, expected: want, actual: got });
    mine.delete(rule.name);
  }
  for (const [name, got] of mine) out.push({ name, actual: got });
  return out;
}

/** The sections beside the rules as they decide: prices, calendars (holidays by date and kind), test cases. */
export function decisionView(doc: RulesDocument): { prices: unknown; calendars: unknown; testCases: unknown } {
  const bare = withoutSource(doc) as RulesDocument & { prices?: unknown; testCases?: unknown };
  const calendars = bare.calendars ? { ...bare.calendars, holidays: bare.calendars.holidays.map((h) => ({ date: h.date, kind: h.kind })) } : undefined;
  return { prices: bare.prices, calendars, testCases: bare.testCases };
}

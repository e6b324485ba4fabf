// A version's catalog as the customer sees it: per offering, the tiers side by side, one row per service by name,
// each cell in words (included or not, channel, response window, coverage, quota, deliverables) with the workbook
// cell it came from; then the special services with their prices. Built from the version's rules (catalogFromRules),
// in the page's language.
import { TIERS, type Offering, type ServiceKind, type Tier } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES, serviceName } from '../../catalog/catalog-names.ts';
import type { Catalog, TierGrant } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import { formatBasisPoints, formatYuan } from '../../quote/money.ts';

type Lang = 'zh' | 'en';

export interface CatalogCell {
  included: boolean;
  /** What the cell grants, one line each; empty for a plain ✓ or ✗. */
  lines: string[];
  /** sheet!A1, or null where the workbook has no cell (a price missing). */
  source: string | null;
}

export interface CatalogOfferingView {
  offering: Offering;
  name: string;
  tiers: { tier: Tier; name: string }[];
  /** The annual fee of each tier, when the version has prices. */
  prices: CatalogCell[] | null;
  rows: { service: string; name: string; source: string; cells: CatalogCell[] }[];
  specials: { service: string; name: string; description: string; deliveredBy: string; price: string | null; source: string; priceSource: string | null }[];
}

const ref = (c: CellRef) => `${c.sheet}!${c.cell}`;

const WORDS = {
  dedicated: { zh: '专属坐席', en: 'Dedicated agent' },
  workingDays: { zh: (n: string) => `${n} 个工作日内响应`, en: (n: string) => `Response within ${n} working day${n === '1' ? '' : 's'}` },
  workingHours: { zh: (n: string) => `${n} 个工作小时内响应`, en: (n: string) => `Response within ${n} working hour${n === '1' ? '' : 's'}` },
  coverage: { zh: (d: number, h: number) => `${d}×${h} 小时`, en: (d: number, h: number) => `${d}×${h} hours` },
  quota: {
    zh: (n: number, days: number, onsite: boolean) => `每年 ${n} 次,每次 ${days} 人天,${onsite ? '现场' : '非现场'}`,
    en: (n: number, days: number, onsite: boolean) => `${n} times a year, ${days} person-day${days === 1 ? '' : 's'} each, ${onsite ? 'on site' : 'remote'}`,
  },
  branch: { zh: '分支机构提供', en: 'By the branch' },
  branchWithTools: { zh: '分支机构提供,总部工具支持', en: 'By the branch, with headquarters tools' },
  perYear: { zh: '/年', en: ' a year' },
  licenceShare: { zh: (p: string) => `许可费的 ${p}/年`, en: (p: string) => `${p} of the licence a year` },
  perDay: { zh: '/人天', en: ' per person-day' },
  perItem: { zh: '/项', en: ' per item' },
  travel: { zh: (y: string) => `差旅补贴 ${y}/次`, en: (y: string) => `travel ${y} per trip` },
} as const;

/** `kind` is the item's: coverage an item carries in its name (7*24问题反馈) is in the row's name already, not repeated per cell. */
function grantLines(g: TierGrant, kind: ServiceKind, lang: Lang): string[] {
  if (!g.included) return [];
  const lines: string[] = [];
  if (g.channel === 'dedicated') lines.push(WORDS.dedicated[lang]);
  if (g.responseWindow) {
    const n = String(g.responseWindow.amount);
    lines.push(g.responseWindow.unit === 'working_day' ? WORDS.workingDays[lang](n) : WORDS.workingHours[lang](n));
  }
  if (g.coverage && (kind === 'coverage' || kind === 'any')) lines.push(WORDS.coverage[lang](g.coverage.daysPerWeek, g.coverage.hoursPerDay));
  if (g.quota) lines.push(WORDS.quota[lang](g.quota.perYear, g.quota.personDaysEach, g.quota.onsite));
  lines.push(...g.deliverables);
  // An item the workbook introduced with its own wording: its text, when nothing above says it.
  if (lines.length === 0 && g.text && !/^[✓√✔是yY]/.test(g.text) && !/^yes$/i.test(g.text)) lines.push(g.text);
  return lines;
}

export function catalogView(catalog: Catalog, lang: Lang): CatalogOfferingView[] {
  const offerings = [...new Set(catalog.tierServices.map((s) => s.offering).concat(catalog.specialServices.map((s) => s.offering)))];
  const order: Offering[] = ['cloud', 'on_premise'];
  return order.filter((o) => offerings.includes(o)).map((offering) => {
    const prices = catalog.prices;
    const tierPrices = prices
      ? TIERS.map((tier): CatalogCell => {
          const p = prices.tiers.find((t) => t.offering === offering && t.tier === tier);
          if (!p) return { included: false, lines: [], source: null };
          const text = p.method === 'fixed' ? `${formatYuan(p.annualFen)}${WORDS.perYear[lang]}` : WORDS.licenceShare[lang](formatBasisPoints(p.basisPoints));
          return { included: true, lines: [text], source: ref(p.source) };
        })
      : null;
    return {
      offering,
      name: OFFERING_NAMES[offering].product[lang],
      tiers: TIERS.map((tier) => ({ tier, name: TIER_NAMES[tier][lang] })),
      prices: tierPrices,
      rows: catalog.tierServices
        .filter((s) => s.offering === offering)
        .map((s) => ({
          service: s.service,
          name: serviceName(s.service, lang, s.label),
          source: ref(s.source),
          cells: TIERS.map((tier) => ({ included: s.grants[tier].included, lines: grantLines(s.grants[tier], s.kind, lang), source: ref(s.grants[tier].source) })),
        })),
      specials: catalog.specialServices
        .filter((s) => s.offering === offering)
        .map((s) => {
          const p = prices?.specialServices.find((x) => x.service === s.service && (x.offering === offering || x.offering === null));
          const unit = p?.unit === 'item' ? WORDS.perItem[lang] : WORDS.perDay[lang];
          const price = p ? [`${formatYuan(p.unitFen)}${unit}`, ...(p.travelPerTripFen ? [WORDS.travel[lang](formatYuan(p.travelPerTripFen))] : [])].join(lang === 'zh' ? ',' : ', ') : null;
          return {
            service: s.service,
            name: serviceName(s.service, lang, s.label),
            description: s.description,
            deliveredBy: s.deliveredBy === 'branch' ? WORDS.branch[lang] : WORDS.branchWithTools[lang],
            price,
            source: ref(s.source),
            priceSource: p ? ref(p.source) : null,
          };
        }),
    };
  });
}

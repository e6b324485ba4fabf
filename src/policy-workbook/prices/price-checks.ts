// Checks across the 价格 tables once the whole workbook is read: services resolved against the catalog,
// the travel allowance kept to onsite_support, rows priced twice, settings missing or contradicting each
// other. What the catalog sells but the sheet does not price is in price-coverage.ts.
import { OFFERINGS, SPECIAL_SERVICES, type Offering } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { Catalog } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import type { PriceList, SpecialServicePrice, TierPrice } from '../../catalog/price-list.ts';
import { matchKey } from '../../workbook/cell-text.ts';
import { importError, type ImportIssue, importWarning, pushOnce } from '../../workbook/import-issue.ts';
import { SETTING_NAMES, formatBasisPoints, type PriceSetting } from './price-cells.ts';
import { checkPriceCoverage } from './price-coverage.ts';
import type { PriceTableRows } from './price-rows.ts';

const where = (ref: CellRef) => `${ref.sheet}!${ref.cell}`;
const TRAVEL_SERVICE = 'onsite_support';

interface Keyed {
  found: string;
  source: CellRef;
}

/** The same key twice: ignored with a warning when it says the same, an error when it contradicts. */
function repeated(row: Keyed, first: Keyed, scope: { zh: string; en: string }, same: boolean): ImportIssue {
  const base = { sheet: row.source.sheet, cell: row.source.cell, found: row.found };
  if (same) {
    return importWarning({
      ...base,
      code: 'DUPLICATE_PRICE',
      expected: `每项价格与设置只出现一次(已在 ${where(first.source)})`,
      expectedEn: `each price and setting once (already at ${where(first.source)})`,
      message: `${scope.zh}重复出现,以 ${where(first.source)} 为准,此行已忽略。`,
      messageEn: `${scope.en} appears twice; ${where(first.source)} wins and this row is ignored.`,
    });
  }
  return importError({
    ...base,
    code: 'CONFLICTING_PRICE',
    expected: `每项价格与设置只有一个值(${where(first.source)} 已定为“${first.found}”)`,
    expectedEn: `one value for each price and setting (${where(first.source)} already says ${first.found})`,
    message: `${scope.zh}有两个不同的值:请删除其中一行。`,
    messageEn: `${scope.en} is given two different values: remove one of the rows.`,
  });
}

/**
 * One issue per cell: a 全部 row can repeat one offering's price and contradict the other's, and the
 * contradiction must not hide behind the repetition.
 */
function pushRepeated(issues: ImportIssue[], issue: ImportIssue): void {
  const at = issues.findIndex((i) => i.sheet === issue.sheet && i.cell === issue.cell);
  if (at < 0) issues.push(issue);
  else if (issue.severity === 'error' && issues[at]!.severity === 'warning') issues[at] = issue;
}

function tierPrices(rows: PriceTableRows, issues: ImportIssue[]): TierPrice[] {
  const firsts = new Map<string, { row: Keyed; price: string }>();
  const prices: TierPrice[] = [];
  for (const row of rows.tiers) {
    const price = JSON.stringify(row.price);
    for (const offering of row.offerings) {
      const key = `${offering}|${row.tier}`;
      const first = firsts.get(key);
      const scope = { zh: `${OFFERING_NAMES[offering].product.zh}${TIER_NAMES[row.tier].zh}的价格`, en: `The price of ${OFFERING_NAMES[offering].product.en} ${TIER_NAMES[row.tier].en}` };
      if (first) pushRepeated(issues, repeated(row, first.row, scope, first.price === price));
      else {
        firsts.set(key, { row, price });
        prices.push({ offering, tier: row.tier, ...row.price, source: row.source });
      }
    }
  }
  return prices;
}

/** Special services by docs/domain.md's names and codes, and by the workbook's own; tier items are not sold alone. */
function specialServiceLookup(catalog: Catalog): (text: string) => string | null {
  const codes = new Map<string, string>();
  for (const d of SPECIAL_SERVICES) for (const key of [d.code, ...d.names.map(matchKey)]) codes.set(key, d.code);
  for (const e of catalog.specialServices) for (const key of [e.service, matchKey(e.label)]) codes.set(key, e.service);
  return (text) => codes.get(text) ?? codes.get(matchKey(text)) ?? null;
}

function servicePrices(rows: PriceTableRows, catalog: Catalog, issues: ImportIssue[]): SpecialServicePrice[] {
  const serviceOf = specialServiceLookup(catalog);
  const known = [...new Set([...SPECIAL_SERVICES.map((d) => d.names[0]!), ...catalog.specialServices.map((e) => e.label)])];
  const firsts = new Map<string, { row: Keyed; price: string }>();
  const prices: SpecialServicePrice[] = [];
  for (const row of rows.services) {
    const service = serviceOf(row.service.text);
    if (service === null) {
      pushOnce(
        issues,
        importError({
          code: 'UNKNOWN_SERVICE',
          sheet: row.source.sheet,
          cell: row.service.reportAt,
          found: row.service.text,
          expected: `专项服务产品的名称或代码:${known.join('、')}`,
          expectedEn: `the name or code of a special service: ${known.join(', ')}`,
          message: `无法识别专项服务产品“${row.service.text}”:只有专项服务单独计价。`,
          messageEn: `"${row.service.text}" is not a special service; only special services have prices of their own.`,
        }),
      );
      continue;
    }
    if (row.travel && service !== TRAVEL_SERVICE) {
      issues.push(
        importError({
          code: 'TRAVEL_ALLOWANCE_NOT_ALLOWED',
          sheet: row.source.sheet,
          cell: row.travel.cell,
          found: row.found,
          expected: '只有“现场支持(机构提供)”(onsite_support)填写差旅补贴,其余留空',
          expectedEn: 'a travel allowance for 现场支持 (onsite_support) only; blank for every other service',
          message: `“${row.service.text}”不是现场服务,不能有差旅补贴:请清空此单元格。`,
          messageEn: `"${service}" is not delivered on site, so it has no travel allowance: clear the cell.`,
        }),
      );
      continue;
    }
    const price = JSON.stringify([row.unit, row.unitFen, row.travel?.fen ?? null]);
    const offerings: Offering[] = [];
    for (const offering of row.offering ? [row.offering] : OFFERINGS) {
      const key = `${service}|${offering}`;
      const first = firsts.get(key);
      if (!first) {
        firsts.set(key, { row, price });
        offerings.push(offering);
        continue;
      }
      const scope = { zh: `“${row.service.text}”(${OFFERING_NAMES[offering].product.zh})的价格`, en: `The price of ${service} (${OFFERING_NAMES[offering].product.en})` };
      pushRepeated(issues, repeated(row, first.row, scope, first.price === price));
    }
    if (offerings.length === 0) continue;
    // A 全部 row partly priced above keeps the offering still unpriced.
    const offering: Offering | null = offerings.length === OFFERINGS.length ? row.offering : offerings[0]!;
    prices.push({ service, offering, unit: row.unit, unitFen: row.unitFen, travelPerTripFen: row.travel?.fen ?? null, source: row.source });
  }
  return prices;
}

const SETTINGS: PriceSetting[] = ['vat', 'sales_discount_limit', 'discount_maximum'];

function settings(rows: PriceTableRows, issues: ImportIssue[]): Map<PriceSetting, { basisPoints: number | null; source: CellRef }> {
  const firsts = new Map<PriceSetting, (typeof rows.settings)[number]>();
  for (const row of rows.settings) {
    const first = firsts.get(row.setting);
    if (!first) firsts.set(row.setting, row);
    else pushRepeated(issues, repeated(row, first, { zh: SETTING_NAMES[row.setting].zh, en: `The setting ${SETTING_NAMES[row.setting].zh}` }, first.basisPoints === row.basisPoints));
  }
  const anchor = rows.headers.find((h) => h.kind === 'price_settings') ?? rows.headers[0]!;
  for (const setting of SETTINGS.filter((s) => !firsts.has(s))) {
    const name = SETTING_NAMES[setting];
    issues.push(
      importError({
        code: 'MISSING_PRICE_SETTING',
        sheet: anchor.sheet,
        cell: anchor.cell,
        expected: `“项目 | 值”表中有一行“${name.zh}”,值为百分比,如“${setting === 'vat' ? '6%' : setting === 'sales_discount_limit' ? '10%' : '30%'}”`,
        expectedEn: `a row ${name.zh} (${name.en}) in the 项目 | 值 table, with a percentage`,
        message: `价格表没有“${name.zh}”:报价无法计算。`,
        messageEn: `The price list has no ${name.zh} (${name.en}); quotes cannot be computed without it.`,
      }),
    );
  }
  const max = firsts.get('discount_maximum');
  const sales = firsts.get('sales_discount_limit');
  if (max?.basisPoints != null && sales?.basisPoints != null && max.basisPoints < sales.basisPoints) {
    issues.push(
      importError({
        code: 'DISCOUNT_LIMITS_REVERSED',
        sheet: max.source.sheet,
        cell: max.source.cell,
        found: formatBasisPoints(max.basisPoints),
        expected: `不低于销售自主折扣上限(${formatBasisPoints(sales.basisPoints)},${where(sales.source)})`,
        expectedEn: `at least the discount sales may give alone (${formatBasisPoints(sales.basisPoints)}, ${where(sales.source)})`,
        message: `折扣上限低于销售自主折扣上限:经理批准的折扣不能小于销售可自行给出的折扣。`,
        messageEn: 'The largest discount is below what sales may give alone; a manager cannot approve less than sales may grant.',
      }),
    );
  }
  return firsts;
}

/** The price list when the workbook has price tables (null otherwise, or while a setting is missing), and every problem found. */
export function checkPrices(rows: PriceTableRows, catalog: Catalog): { prices: PriceList | null; issues: ImportIssue[] } {
  if (rows.headers.length === 0) return { prices: null, issues: [] };
  const issues: ImportIssue[] = [];
  const tiers = tierPrices(rows, issues);
  const specialServices = servicePrices(rows, catalog, issues);
  const found = settings(rows, issues);
  issues.push(...checkPriceCoverage(tiers, specialServices, rows.headers, catalog));
  const [vat, sales, max] = SETTINGS.map((s) => found.get(s));
  if (vat?.basisPoints == null || sales?.basisPoints == null || max?.basisPoints == null) return { prices: null, issues };
  return {
    prices: {
      tiers,
      specialServices,
      vatBasisPoints: vat.basisPoints,
      vatSource: vat.source,
      discount: { salesLimitBasisPoints: sales.basisPoints, maximumBasisPoints: max.basisPoints, source: sales.source },
      sample: rows.sample,
    },
    issues,
  };
}

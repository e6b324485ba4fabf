// The price list against the catalog: what the catalog sells without a price (quotes for it will be
// refused) and what has a price but cannot be sold. Warnings: a policy owner may price in stages.
import { OFFERINGS, SPECIAL_SERVICES, TIERS, type Offering } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { Catalog } from '../../catalog/catalog.ts';
import type { SpecialServicePrice, TierPrice } from '../../catalog/price-list.ts';
import { importWarning, type ImportIssue } from '../../workbook/import-issue.ts';
import type { PriceTableKind } from './price-rows.ts';

type Header = { kind: PriceTableKind; sheet: string; cell: string };

const offeringsOf = (p: SpecialServicePrice): readonly Offering[] => (p.offering ? [p.offering] : OFFERINGS);
const names = (offerings: readonly Offering[], lang: 'zh' | 'en') => offerings.map((o) => OFFERING_NAMES[o].product[lang]).join(lang === 'zh' ? '、' : ' and ');

export function checkPriceCoverage(tiers: readonly TierPrice[], services: readonly SpecialServicePrice[], headers: readonly Header[], catalog: Catalog): ImportIssue[] {
  // Missing rows are reported where they would be added.
  const at = (kind: PriceTableKind) => headers.find((h) => h.kind === kind) ?? headers[0]!;
  const labelOf = (service: string) =>
    catalog.specialServices.find((e) => e.service === service)?.label ?? SPECIAL_SERVICES.find((d) => d.code === service)?.names[0] ?? service;
  const issues: ImportIssue[] = [];

  const tierAnchor = at('tier_prices');
  for (const offering of OFFERINGS.filter((o) => catalog.tierServices.some((e) => e.offering === o))) {
    for (const tier of TIERS.filter((t) => !tiers.some((p) => p.offering === offering && p.tier === t))) {
      const [o, t] = [OFFERING_NAMES[offering].product, TIER_NAMES[tier]];
      issues.push(
        importWarning({
          code: 'MISSING_TIER_PRICE',
          sheet: tierAnchor.sheet,
          cell: tierAnchor.cell,
          expected: `一行“${o.zh} | ${t.zh} | 元/年 | 金额”或“… | 许可费比例 | 百分比”`,
          expectedEn: `a row for ${o.en} ${t.en}: 元/年 with an amount, or 许可费比例 with a percentage`,
          message: `没有${o.zh}${t.zh}的价格:该服务产品无法报价。`,
          messageEn: `${o.en} ${t.en} has no price; it cannot be quoted.`,
        }),
      );
    }
  }

  const sold = (service: string, offering: Offering) => catalog.specialServices.some((e) => e.service === service && e.offering === offering);
  for (const price of services) {
    const unsold = offeringsOf(price).filter((o) => !sold(price.service, o));
    if (unsold.length === 0) continue;
    const label = labelOf(price.service);
    issues.push(
      importWarning({
        code: 'PRICED_SERVICE_NOT_SOLD',
        sheet: price.source.sheet,
        cell: price.source.cell,
        found: label,
        expected: `只为专项服务目录中列出的部署形态定价(${names(OFFERINGS.filter((o) => sold(price.service, o)), 'zh') || '目录中没有该服务'})`,
        expectedEn: `prices only for offerings whose special-services table lists it (${names(OFFERINGS.filter((o) => sold(price.service, o)), 'en') || 'none does'})`,
        message: `“${label}”不在${names(unsold, 'zh')}的专项服务目录中,不能向这些客户销售,此价格不会被使用。`,
        messageEn: `"${price.service}" is not in the special services of ${names(unsold, 'en')}, so it cannot be sold there and this price goes unused.`,
      }),
    );
  }

  const serviceAnchor = at('service_prices');
  const priced = (service: string, offering: Offering) => services.some((p) => p.service === service && offeringsOf(p).includes(offering));
  const listed = [...new Set(catalog.specialServices.map((e) => e.service))];
  for (const service of listed) {
    const unpriced = OFFERINGS.filter((o) => sold(service, o) && !priced(service, o));
    if (unpriced.length === 0) continue;
    issues.push(
      importWarning({
        code: 'MISSING_SERVICE_PRICE',
        sheet: serviceAnchor.sheet,
        cell: serviceAnchor.cell,
        found: labelOf(service),
        expected: `“${labelOf(service)}”在${names(unpriced, 'zh')}的价格(计价单位与单价)`,
        expectedEn: `a price for ${service} on ${names(unpriced, 'en')} (unit and unit price)`,
        message: `专项服务“${labelOf(service)}”在${names(unpriced, 'zh')}没有价格:报价中无法包含它。`,
        messageEn: `The special service "${service}" has no price on ${names(unpriced, 'en')}; quotes cannot include it.`,
      }),
    );
  }
  return issues;
}

// What a policy change means, as the impact list and its export say it: per offering × tier, the services whose
// cells change (by name, from → to), and per contract those of its own offering × tier, the changed special services
// it holds, and whether its deadlines move with a calendar change.
import { OFFERING_NAMES, TIER_NAMES, serviceName } from '../../catalog/catalog-names.ts';
import { OFFERINGS, TIERS } from '../../catalog/catalog-codes.ts';
import type { PolicyDiff } from '../../policy-workbook/policy-diff.ts';
import type { EntitlementChange } from '../../policy-workbook/tiers/tier-diff.ts';
import type { ImpactedContract } from '../../policy/impact-listing.ts';
import { writeDataWorkbook } from '../../workbook/data-workbook-writer.ts';

type Lang = 'zh' | 'en';

/** An export is one workbook of at most this many contracts, newest first (the page says when there are more). */
export const IMPACT_EXPORT_LIMIT = 10_000;

const NONE = { zh: '(无)', en: '(none)' };
const CHANGE = { added: { zh: '新增', en: 'added' }, removed: { zh: '移除', en: 'removed' }, changed: { zh: '变更', en: 'changed' } };
const SPECIAL = { zh: (n: string) => `所持专项服务变化:${n}`, en: (n: string) => `Special service held changes: ${n}` };
const CALENDAR = { zh: '工作日历或节假日变化,响应截止时间随之改变', en: 'Calendar or holidays change: deadlines move' };

/** One change as a line: 7*24问题反馈:2工作日响应 → 4工作小时响应. */
export function changeLine(c: EntitlementChange, lang: Lang): string {
  const name = serviceName(c.service, lang, c.label);
  const sep = lang === 'zh' ? ':' : ': ';
  if (c.kind === 'changed') return `${name}${sep}${c.from || NONE[lang]} → ${c.to || NONE[lang]}`;
  return `${name}${sep}${CHANGE[c.kind][lang]}${c.kind === 'added' && c.to ? ` (${c.to})` : ''}`;
}

export function changesByPair(diff: PolicyDiff, lang: Lang) {
  return OFFERINGS.flatMap((offering) =>
    TIERS.flatMap((tier) => {
      const changes = diff.entitlements.filter((c) => c.offering === offering && c.tier === tier);
      return changes.length ? [{ offering: OFFERING_NAMES[offering].short[lang], tier: TIER_NAMES[tier][lang], lines: changes.map((c) => changeLine(c, lang)) }] : [];
    }),
  );
}

function linesOf(c: ImpactedContract, lang: Lang): string[] {
  const lines = c.changes.map((x) => changeLine(x, lang));
  if (c.specialServices.length) lines.push(SPECIAL[lang](c.specialServices.map((s) => serviceName(s.service, lang, s.label)).join(lang === 'zh' ? '、' : ', ')));
  if (c.calendars) lines.push(CALENDAR[lang]);
  return lines;
}

export function impactRows(contracts: ImpactedContract[], lang: Lang) {
  return contracts.map((c) => ({ ...c, offeringName: OFFERING_NAMES[c.offering].short[lang], tierName: TIER_NAMES[c.tier][lang], lines: linesOf(c, lang) }));
}

export async function impactWorkbook(contracts: ImpactedContract[], lang: Lang): Promise<Buffer> {
  const zh = lang === 'zh';
  return writeDataWorkbook(
    [
      {
        name: zh ? '受影响合同' : 'Contracts changed',
        columns: [
          { header: zh ? '合同' : 'Contract', width: 10 },
          { header: zh ? '客户' : 'Customer', width: 28 },
          { header: zh ? '部署' : 'Offering', width: 16 },
          { header: zh ? '服务产品' : 'Tier', width: 12 },
          { header: zh ? '开始日期' : 'Starts', width: 12 },
          { header: zh ? '结束日期' : 'Ends', width: 12 },
          { header: zh ? '对其变化' : 'What changes for them', width: 80 },
        ],
        rows: impactRows(contracts, lang).map((r) => [r.id, r.customerName, r.offeringName, r.tierName, r.startsOn, r.endsOn, r.lines.join('\n')]),
      },
    ],
    new Date(),
  );
}

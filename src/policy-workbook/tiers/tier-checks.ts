// Checks over the tier tables of a whole workbook: that there is a catalog granting something, for each offering,
// and that a higher tier grants at least what a lower one does. They warn rather than block where a policy owner
// may mean it.
import { OFFERINGS, TIERS } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../../catalog/catalog-names.ts';
import { windowHours, type Catalog } from '../../catalog/catalog.ts';
import { importError, importWarning, type ImportIssue } from '../../workbook/import-issue.ts';

/** `tierRows`: rows the tier tables held, imported or not (rows with errors are already reported). */
export function checkTiers(catalog: Catalog, tierRows = catalog.tierServices.length): ImportIssue[] {
  const issues: ImportIssue[] = [];
  if (catalog.tables.length === 0) {
    issues.push(
      importError({
        code: 'NO_CATALOG_SHEET',
        expected: '至少一个含“服务项目”与“基础服务/优选服务/尊享服务”表头的工作表,或含“专项服务产品”表头的工作表',
        expectedEn: 'a sheet with a 服务项目 header and tier columns (基础服务/优选服务/尊享服务), or one with 专项服务产品',
        message: '工作簿中没有可识别的服务产品目录。',
        messageEn: 'The workbook has no recognisable catalog sheet.',
      }),
    );
    return issues;
  }

  if (tierRows === 0) {
    // Special services alone grant nothing: every customer would be left without a single entitlement.
    issues.push(
      importError({
        code: 'EMPTY_CATALOG',
        expected: '至少一个填写了服务项目行的服务产品目录(“服务项目”与“基础服务/优选服务/尊享服务”表头下方)',
        expectedEn: 'at least one tier table (服务项目 with 基础服务/优选服务/尊享服务) with service rows under its header',
        message: '工作簿中的服务产品目录没有任何服务项目:导入后没有客户享有任何权益。',
        messageEn: 'The workbook’s tier tables list no service item: no customer would have any entitlement.',
      }),
    );
  }

  for (const offering of OFFERINGS) {
    if (tierRows === 0) break; // EMPTY_CATALOG already says it
    if (!catalog.tables.some((t) => t.offering === offering && t.kind === 'tiers')) {
      issues.push(
        importWarning({
          code: 'MISSING_OFFERING',
          expected: `${OFFERING_NAMES[offering].product.zh}的服务产品目录`,
          expectedEn: `a tier table for ${OFFERING_NAMES[offering].product.en}`,
          message: `没有${OFFERING_NAMES[offering].product.zh}的服务产品目录:该部署形态的客户将没有任何权益。`,
          messageEn: `There is no tier table for ${OFFERING_NAMES[offering].product.en}: its customers would have no entitlements.`,
        }),
      );
    }
  }

  for (const entry of catalog.tierServices) {
    const grants = TIERS.map((t) => entry.grants[t]);
    if (grants.every((g) => !g.included)) {
      issues.push(
        importWarning({
          code: 'NOT_IN_ANY_TIER',
          sheet: entry.source.sheet,
          cell: entry.source.cell,
          found: entry.label,
          expected: '至少一个服务产品包含该项目',
          expectedEn: 'at least one tier including the item',
          message: `“${entry.label}”不属于任何服务产品。`,
          messageEn: `"${entry.service}" is in no tier.`,
        }),
      );
      continue;
    }
    // One warning per cell: against the nearest lower tier that has the item, and against the
    // tightest lower window, so fixing the cell to what `expected` says clears the warning.
    for (let higher = 1; higher < TIERS.length; higher++) {
      const hi = grants[higher]!;
      const hiName = TIER_NAMES[TIERS[higher]!];
      const lowers = grants.slice(0, higher).map((grant, i) => ({ grant, name: TIER_NAMES[TIERS[i]!] })).reverse();
      const had = hi.included ? undefined : lowers.find((l) => l.grant.included);
      if (had) {
        const { grant: lo, name: loName } = had;
        issues.push(
          importWarning({
            code: 'TIER_REGRESSION',
            sheet: hi.source.sheet,
            cell: hi.source.cell,
            found: hi.text,
            expected: `与${loName.zh}相同或更好(${loName.zh}:${lo.text})`,
            expectedEn: `at least what ${loName.en} has (${lo.text})`,
            message: `${hiName.zh}缺少${loName.zh}已有的“${entry.label}”。`,
            messageEn: `${hiName.en} lacks "${entry.service}", which ${loName.en} has.`,
          }),
        );
      }
      const hiWindow = hi.responseWindow;
      const shorter = hiWindow
        ? lowers
            .filter((l) => l.grant.responseWindow && windowHours(l.grant.responseWindow) < windowHours(hiWindow))
            .sort((a, b) => windowHours(a.grant.responseWindow!) - windowHours(b.grant.responseWindow!))[0]
        : undefined;
      if (shorter) {
        const { grant: lo, name: loName } = shorter;
        issues.push(
          importWarning({
            code: 'WINDOW_LONGER',
            sheet: hi.source.sheet,
            cell: hi.source.cell,
            found: hi.text,
            expected: `不长于${loName.zh}的响应时限(${lo.text})`,
            expectedEn: `no longer than ${loName.en}'s window (${lo.text})`,
            message: `“${entry.label}”在${hiName.zh}的响应时限比${loName.zh}更长。`,
            messageEn: `"${entry.service}" responds more slowly in ${hiName.en} than in ${loName.en}.`,
          }),
        );
      }
    }
  }

  return issues;
}

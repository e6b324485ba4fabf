// Checks over the special-services tables of a whole workbook: a service meant for on-premise customers listed in
// the cloud catalog would be sold to cloud customers. A warning: a policy owner may mean it.
import { SPECIAL_SERVICES } from '../../catalog/catalog-codes.ts';
import type { Catalog } from '../../catalog/catalog.ts';
import { importWarning, type ImportIssue } from '../../workbook/import-issue.ts';

const PRIVATE_CLOUD_ONLY = /针对私有云客户/;

export function checkSpecialServices(catalog: Catalog): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const entry of catalog.specialServices.filter((e) => e.offering === 'cloud')) {
    const onPremOnly = SPECIAL_SERVICES.find((d) => d.code === entry.service)?.onPremiseOnly ?? false;
    if (onPremOnly || PRIVATE_CLOUD_ONLY.test(entry.description)) {
      issues.push(
        importWarning({
          code: 'ON_PREMISE_SERVICE_ON_CLOUD',
          sheet: entry.source.sheet,
          cell: entry.source.cell,
          found: entry.label,
          expected: '仅列在私有云(On Premise)工作表中',
          expectedEn: 'listed on the on-premise sheet only',
          message: `“${entry.label}”针对私有云客户,却列在公有云目录中:公有云客户将可以购买它。`,
          messageEn: `"${entry.service}" is meant for on-premise customers but stands on a cloud sheet, so cloud customers could buy it.`,
        }),
      );
    }
  }
  return issues;
}

// Reads one tier table (服务项目 | 基础服务 | 优选服务 | 尊享服务) into catalog entries.
import { TIERS, type Offering, type ServiceKind, type Tier } from '../../catalog/catalog-codes.ts';
import { TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { TierGrant, TierServiceEntry } from '../../catalog/catalog.ts';
import { coverageFromName, parseTierCell, type CellMeaning } from '../cell-vocabulary.ts';
import { normalizeCellText } from '../../workbook/cell-text.ts';
import { checkHeaderColumns } from '../header-columns.ts';
import { importError, type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import { CODE_HEADERS, resolveService } from '../service-names.ts';
import { cellAddress, cellAt, findColumn, lineName } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { TIER_NAME_HEADERS, tierHeaderNames } from '../shared-columns.ts';

export function isTierHeader(row: GridRow): boolean {
  return findColumn(row, TIER_NAME_HEADERS) !== null && TIERS.some((t) => findColumn(row, tierHeaderNames(t)) !== null);
}

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface TierTableResult {
  entries: TierServiceEntry[];
  issues: ImportIssue[];
}

export function parseTierTable(sheet: string, offering: Offering, header: GridRow, rows: GridRow[]): TierTableResult {
  const issues = checkHeaderColumns(sheet, header, [TIER_NAME_HEADERS, CODE_HEADERS, ...TIERS.map(tierHeaderNames)]);
  const nameCol = findColumn(header, TIER_NAME_HEADERS)!;
  const codeCol = findColumn(header, CODE_HEADERS);
  const tierCols = {} as Record<Tier, number>;
  let missingColumn = false;
  for (const tier of TIERS) {
    const col = findColumn(header, tierHeaderNames(tier));
    if (col === null) {
      issues.push(
        importError({
          code: 'MISSING_TIER_COLUMN',
          sheet,
          cell: cellAddress(header, nameCol),
          found: header.cells.map((c) => normalizeCellText(c.text)).filter(Boolean).join(' | '),
          expected: `表头包含“${TIER_NAMES[tier].zh}”列`,
          expectedEn: `a header row with a ${TIER_NAMES[tier].zh} (${TIER_NAMES[tier].en}) column`,
          message: `${lineName(header).zh}的表头缺少“${TIER_NAMES[tier].zh}”${header.transposed ? '行' : '列'}。`,
          messageEn: `The header in ${lineName(header).en} has no ${TIER_NAMES[tier].zh} (${TIER_NAMES[tier].en}) ${header.transposed ? 'row' : 'column'}.`,
        }),
      );
      missingColumn = true;
    } else tierCols[tier] = col;
  }
  if (missingColumn) return { entries: [], issues };

  const entries: TierServiceEntry[] = [];
  for (const row of rows) {
    const nameCell = cellAt(row, nameCol);
    const label = normalizeCellText(nameCell?.text ?? '');
    const nameAddress = cellAddress(row, nameCol);
    const tierTexts = TIERS.map((t) => cellAt(row, tierCols[t])?.text ?? '');
    // Stryker disable next-line ConditionalExpression: a column that is not there has no cell, so reads blank anyway
    const codeText = codeCol === null ? '' : (cellAt(row, codeCol)?.text ?? '');
    // A cell that could not be read is already an error; reading it as blank would only add false alarms.
    if (nameCell?.unreadable) continue;
    if (!label) {
      if ([...tierTexts, codeText].some((t) => normalizeCellText(t) !== '')) {
        issues.push(
          importError({
            code: 'MISSING_SERVICE_NAME',
            sheet,
            cell: nameAddress,
            expected: '服务项目名称',
            expectedEn: 'the name of the service item',
            message: `${lineName(row).zh}填写了服务内容,但没有服务项目名称。`,
            messageEn: `${upperFirst(lineName(row).en)} has tier cells but no service item name.`,
          }),
        );
      }
      continue;
    }
    // Stryker disable next-line ConditionalExpression: a code cell of no column reads '', which resolveService takes as no code
    const codeCell = codeCol === null ? null : { text: codeText, address: cellAddress(row, codeCol) };
    const resolved = resolveService('tiers', sheet, { text: nameCell!.text, address: nameAddress }, codeCell);
    if (!resolved.ok) {
      issues.push(resolved.issue);
      continue;
    }
    const kind: ServiceKind = resolved.def?.kind ?? 'any';
    const grants = {} as Record<Tier, TierGrant>;
    let rowOk = true;
    for (const tier of TIERS) {
      const cell = cellAt(row, tierCols[tier]);
      const address = cellAddress(row, tierCols[tier]);
      const text = cell?.text ?? '';
      if (cell?.unreadable) {
        rowOk = false;
        continue;
      }
      const parsed = parseTierCell(text, kind);
      if (!parsed.ok) {
        rowOk = false;
        // A merged cell is one value: report it once, where the person edits it.
        pushOnce(
          issues,
          importError({
            code: 'BAD_CELL',
            sheet,
            // Stryker disable next-line OptionalChaining: a cell that is not there reads as blank, which every kind accepts
            cell: cell?.mergedFrom ?? address,
            found: normalizeCellText(text),
            expected: parsed.expected,
            expectedEn: parsed.expectedEn,
            message: `“${label}”的${TIER_NAMES[tier].zh}内容无法识别。`,
            messageEn: `The ${TIER_NAMES[tier].en} cell of "${label}" cannot be read.`,
          }),
        );
        continue;
      }
      grants[tier] = grantOf(parsed.meaning, kind, normalizeCellText(text), { sheet, cell: address }, label, resolved.def?.names[0]);
    }
    if (rowOk) entries.push({ offering, service: resolved.code, label, kind, grants, source: { sheet, cell: nameAddress } });
  }
  return { entries, issues };
}

/**
 * `label` is the item's name: 7*24电话支持 states its coverage there, and an included grant carries it unless its cell
 * states one. A known item named without it (Phone support, 电话支持) has the coverage of its catalog name.
 */
function grantOf(meaning: CellMeaning, kind: ServiceKind, text: string, source: TierGrant['source'], label: string, catalogName?: string): TierGrant {
  const grant: TierGrant = {
    included: meaning.kind !== 'none',
    channel: null,
    responseWindow: null,
    coverage: null,
    quota: null,
    deliverables: [],
    text,
    source,
  };
  switch (meaning.kind) {
    case 'included':
      if (kind === 'channel') grant.channel = 'standard';
      break;
    case 'dedicated':
      grant.channel = 'dedicated';
      break;
    case 'response_window':
      grant.responseWindow = { amount: meaning.amount, unit: meaning.unit };
      break;
    case 'coverage':
      grant.coverage = { daysPerWeek: meaning.daysPerWeek, hoursPerDay: meaning.hoursPerDay };
      break;
    case 'quota':
      grant.quota = { perYear: meaning.perYear, personDaysEach: meaning.personDaysEach, onsite: meaning.onsite };
      grant.deliverables = [meaning.item];
      break;
    case 'deliverables':
      grant.deliverables = meaning.items;
      break;
    // 'none' grants nothing.
  }
  if (grant.included && grant.coverage === null) grant.coverage = coverageFromName(label) ?? (catalogName === undefined ? null : coverageFromName(catalogName));
  return grant;
}

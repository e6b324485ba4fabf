// The rows under a contract file's header: every cell checked, every problem reported at its address.
import type { Offering, Tier } from '../../catalog/catalog-codes.ts';
import { CONTACT_NAME_MAX, CUSTOMER_NAME_MAX, nameProblem, nameProblemText, shownSafely } from '../../shared/name-text.ts';
import { matchKey, normalizeCellText } from '../../workbook/cell-text.ts';
import { cleanName, parseContractDate, parseEmail, parseOffering, parseTier } from './contract-cells.ts';
import { CONTRACT_COLUMNS, columnDef, type ContractColumn } from './contract-columns.ts';
import { importError, type ImportIssue } from '../../workbook/import-issue.ts';
import { addressOf } from '../../workbook/xlsx-refs.ts';
import type { GridCell, GridRow } from '../../workbook/workbook-grid.ts';

const EXPECT = {
  offering: {
    zh: '公有云(或 云、SaaS、cloud、金蝶云星空)或 私有云(或 On Premise、本地部署、on_premise)',
    en: '公有云 (public cloud; also 云, SaaS, cloud, 金蝶云星空) or 私有云 (on premise; also On Premise, 本地部署, on_premise)',
  },
  tier: {
    zh: '基础服务、优选服务或尊享服务(或 基础、优选、尊享、basic、preferred、premium)',
    en: '基础服务 (basic), 优选服务 (preferred) or 尊享服务 (premium); also 基础, 优选, 尊享, basic, preferred, premium',
  },
  date: {
    zh: '日期,如 2026-01-01、2026/1/1、2026.1.1、2026年1月1日,或 Excel 日期单元格',
    en: 'a date such as 2026-01-01, 2026/1/1, 2026.1.1 or 2026年1月1日, or an Excel date cell',
  },
  email: { zh: '一个电子邮箱地址,如 zhangsan@example.com,或留空', en: 'one e-mail address such as zhangsan@example.com, or blank' },
} as const;

interface Located {
  text: string;
  address: string;
  cell: GridCell | undefined;
}

export interface ContractRow {
  /** 1-based row in the file: the worksheet row, or the CSV record (as Excel numbers it when it opens the file). */
  row: number;
  /** A1 address of the 客户名称 cell, where a problem with the row as a whole is reported. */
  customerCell: string;
  customerName: string;
  /** From 部署. */
  offering: Offering;
  /** From 服务产品. */
  tier: Tier;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD */
  endsOn: string;
  contactName: string | null;
  contactEmail: string | null;
}

export interface ContractTable {
  rows: ContractRow[];
  issues: ImportIssue[];
}

/** Reads the rows below `header`; `columns` must hold every required column. Blank rows are skipped. */
export function readContractRows(sheet: string, header: GridRow, columns: Map<ContractColumn, number>, rows: readonly GridRow[]): ContractTable {
  const out: ContractRow[] = [];
  const issues: ImportIssue[] = [];
  const firstRowOf = new Map<string, number>();
  let dataRows = 0;

  for (const gridRow of rows) {
    if (gridRow.row <= header.row) continue;
    const at = (key: ContractColumn): Located => {
      const col = columns.get(key);
      const cell = col === undefined ? undefined : gridRow.cells.find((c) => c.col === col);
      return { text: cell ? normalizeCellText(cell.text) : '', address: addressOf(col ?? 1, gridRow.row), cell };
    };
    const cells = Object.fromEntries(CONTRACT_COLUMNS.map((c) => [c.key, at(c.key)])) as Record<ContractColumn, Located>;
    if (Object.values(cells).every((c) => c.text === '')) continue;
    dataRows++;

    const rowIssues: ImportIssue[] = [];
    const required = (key: ContractColumn): string | null => {
      const c = cells[key];
      if (c.text !== '') return c.text;
      // A formula without a result or an error value was already reported at this cell.
      if (!c.cell?.unreadable) rowIssues.push(missingValue(sheet, key, c.address));
      return null;
    };
    const parsed = <T>(key: ContractColumn, parse: (text: string) => T | null, bad: (c: Located) => ImportIssue): T | null => {
      const text = required(key);
      if (text === null) return null;
      const value = parse(text);
      if (value === null) rowIssues.push(bad(cells[key]));
      return value;
    };

    const checkName = (name: string, max: number, c: Located, column: [string, string]) => {
      const problem = nameProblem(name, max);
      if (!problem) return;
      const why = nameProblemText(problem, max);
      rowIssues.push(
        importError({
          code: 'BAD_NAME',
          sheet,
          cell: c.address,
          found: shownSafely(name),
          expected: `不含换行或控制字符、至多 ${max} 个字符的${column[0]}`,
          expectedEn: `a ${column[1]} of at most ${max} characters without line breaks or control characters`,
          message: `“${column[0]}”${why.zh}。`,
          messageEn: `The ${column[1]} ${why.en}.`,
        }),
      );
    };
    const customerText = required('customerName');
    const offering = parsed<Offering>('offering', parseOffering, (c) => badCell(sheet, 'BAD_OFFERING', c, EXPECT.offering, ['部署', 'offering']));
    const tier = parsed<Tier>('tier', parseTier, (c) => badCell(sheet, 'BAD_TIER', c, EXPECT.tier, ['服务产品', 'tier']));
    const startsOn = parsed('startsOn', parseContractDate, (c) => badCell(sheet, 'BAD_DATE', c, EXPECT.date, ['开始日期', 'start date']));
    const endsOn = parsed('endsOn', parseContractDate, (c) => badCell(sheet, 'BAD_DATE', c, EXPECT.date, ['结束日期', 'end date']));
    if (startsOn !== null && endsOn !== null && endsOn < startsOn) rowIssues.push(dateOrder(sheet, cells.endsOn, startsOn, endsOn));
    const contactText = cells.contactName.cell ? cleanName(cells.contactName.cell.text) : '';
    // Names follow the rule the API and the pages apply: printable, and as long as the column keeps.
    const customerClean = customerText === null ? null : cleanName(cells.customerName.cell?.text ?? customerText);
    if (customerClean !== null) checkName(customerClean, CUSTOMER_NAME_MAX, cells.customerName, ['客户名称', 'customer name']);
    if (contactText !== '') checkName(contactText, CONTACT_NAME_MAX, cells.contactName, ['联系人', 'contact name']);
    let contactEmail: string | null = null;
    if (cells.contactEmail.text !== '') {
      contactEmail = parseEmail(cells.contactEmail.text);
      if (contactEmail === null) rowIssues.push(badCell(sheet, 'BAD_EMAIL', cells.contactEmail, EXPECT.email, ['邮箱', 'e-mail address']));
    }

    issues.push(...rowIssues);
    if (rowIssues.length > 0 || customerText === null || offering === null || tier === null || startsOn === null || endsOn === null) continue;
    const customerName = customerClean!;
    const key = [matchKey(customerName), offering, tier, startsOn].join('\u0000');
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      issues.push(duplicate(sheet, cells.customerName, first));
      continue;
    }
    firstRowOf.set(key, gridRow.row);
    out.push({ row: gridRow.row, customerCell: cells.customerName.address, customerName, offering, tier, startsOn, endsOn, contactName: contactText === '' ? null : contactText, contactEmail });
  }

  if (dataRows === 0) issues.push(noRows(sheet, header, columns));
  return { rows: out, issues };
}

function missingValue(sheet: string, key: ContractColumn, address: string): ImportIssue {
  const def = columnDef(key);
  return importError({
    code: 'MISSING_VALUE',
    sheet,
    cell: address,
    expected: `填写“${def.names[0]}”`,
    expectedEn: `a ${def.en} (${def.names[0]})`,
    message: `“${def.names[0]}”不能为空。`,
    messageEn: `The ${def.en} (${def.names[0]}) must not be blank.`,
  });
}

function badCell(sheet: string, code: string, c: Located, expected: { zh: string; en: string }, column: [string, string]): ImportIssue {
  return importError({
    code,
    sheet,
    cell: c.address,
    found: c.text,
    expected: expected.zh,
    expectedEn: expected.en,
    message: `无法识别的“${column[0]}”:“${c.text}”。`,
    messageEn: `"${c.text}" is not a valid ${column[1]}.`,
  });
}

function dateOrder(sheet: string, end: Located, startsOn: string, endsOn: string): ImportIssue {
  return importError({
    code: 'DATE_ORDER',
    sheet,
    cell: end.address,
    found: endsOn,
    expected: `不早于开始日期 ${startsOn} 的结束日期`,
    expectedEn: `an end date on or after the start date ${startsOn}`,
    message: `结束日期 ${endsOn} 早于开始日期 ${startsOn}。`,
    messageEn: `The end date ${endsOn} is before the start date ${startsOn}.`,
  });
}

function duplicate(sheet: string, customer: Located, firstRow: number): ImportIssue {
  return importError({
    code: 'DUPLICATE_CONTRACT',
    sheet,
    cell: customer.address,
    found: customer.text,
    expected: `每个客户、部署、服务产品和开始日期的合同只出现一次(第 ${firstRow} 行已有)`,
    expectedEn: `each contract (customer, offering, tier and start date) once (row ${firstRow} already has it)`,
    message: `第 ${firstRow} 行已有同一客户、部署、服务产品和开始日期的合同:请删除重复的行。`,
    messageEn: `Row ${firstRow} already holds a contract with the same customer, offering, tier and start date: remove the duplicate row.`,
  });
}

function noRows(sheet: string, header: GridRow, columns: Map<ContractColumn, number>): ImportIssue {
  return importError({
    code: 'NO_ROWS',
    sheet,
    cell: addressOf(columns.get('customerName') ?? 1, header.row + 1),
    expected: '表头下方至少一行合同',
    expectedEn: 'at least one contract row below the header',
    message: `第 ${header.row} 行的表头下方没有合同。`,
    messageEn: `There are no contracts below the header in row ${header.row}.`,
  });
}

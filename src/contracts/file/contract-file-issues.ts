// File-level problems of a contract file, and rows that repeat a stored contract.
import type { CsvDecoding } from './contract-csv.ts';
import { importError, importWarning, type ImportIssue } from '../../workbook/import-issue.ts';
import { addressOf } from '../../workbook/xlsx-refs.ts';
import type { SheetGrid } from '../../workbook/workbook-grid.ts';

// The xlsx guard words its issues for the policy workbook; a contract file may also be a CSV.
const REWORDINGS: [string, string][] = [
  ['Excel 工作簿 (.xlsx),不超过', 'Excel 工作簿 (.xlsx) 或 CSV 文件,不超过'],
  ['an Excel workbook (.xlsx) of at most', 'an Excel workbook (.xlsx) or a CSV file of at most'],
  ['政策工作簿', '合同文件'],
  ['policy workbook', 'contract file'],
];

function reword(text: string): string {
  return REWORDINGS.reduce((t, [from, to]) => t.replaceAll(from, to), text);
}

/** An issue of the xlsx guard, worded for a contract file. */
export function fileIssue(issue: ImportIssue): ImportIssue {
  return {
    ...issue,
    ...(issue.found === undefined ? {} : { found: reword(issue.found) }),
    expected: reword(issue.expected),
    expectedEn: reword(issue.expectedEn),
    message: reword(issue.message),
    messageEn: reword(issue.messageEn),
  };
}

type NotCsvReason = Extract<CsvDecoding, { ok: false }>['reason'];

const NOT_CSV_FOUND: Record<NotCsvReason, { zh: string; en: string }> = {
  binary: { zh: '无法识别的二进制文件', en: 'an unrecognised binary file' },
  utf16: { zh: 'Unicode (UTF-16) 文本文件', en: 'a Unicode (UTF-16) text file' },
  bad_utf8: { zh: '标记为 UTF-8 但含有无效字符的文本文件', en: 'a text file marked as UTF-8 that holds invalid characters' },
  unknown_encoding: { zh: '编码无法识别的文本文件(既不是 UTF-8 也不是 GB18030)', en: 'a text file in an unknown encoding (neither UTF-8 nor GB18030)' },
  markup: { zh: 'HTML/XML 文本文件(常见于网页系统导出的“Excel”)', en: 'an HTML/XML text file (as web systems export "Excel" files)' },
};

export function notCsv(reason: NotCsvReason): ImportIssue {
  const found = NOT_CSV_FOUND[reason];
  return importError({
    code: 'NOT_CSV',
    found: found.zh,
    expected: 'Excel 工作簿 (.xlsx),或 UTF-8 / GB18030 编码的 CSV 文件',
    expectedEn: 'an Excel workbook (.xlsx), or a CSV file encoded in UTF-8 or GB18030',
    message: `该文件是${found.zh},既不是 Excel 工作簿也不是 CSV 文件:请在 Excel 中打开后另存为“Excel 工作簿 (*.xlsx)”或“CSV UTF-8(逗号分隔)(*.csv)”再重新上传。`,
    messageEn: `This file is ${found.en}, neither an Excel workbook nor a CSV file: open it in Excel, save it as "Excel Workbook (*.xlsx)" or "CSV UTF-8 (Comma delimited) (*.csv)" and upload it again.`,
  });
}

export function unclosedQuote(sheet: string, at: { row: number; col: number }): ImportIssue {
  return importError({
    code: 'CSV_UNCLOSED_QUOTE',
    sheet,
    cell: addressOf(at.col, at.row),
    found: '"',
    expected: '成对的英文双引号:以 " 开头的单元格须以 " 结束',
    expectedEn: 'quotes in pairs: a cell that opens with " must close with "',
    message: '此单元格的英文双引号没有闭合,其后直到文件末尾的内容都被读进了这一个单元格:请补上引号,或在 Excel 中重新导出 CSV。',
    messageEn: 'The quote opening this cell never closes, so everything after it up to the end of the file was read into this one cell: add the closing quote, or export the CSV from Excel again.',
  });
}

/** Another sheet that also holds a contract table: it is not imported, which must not pass unnoticed. */
export function sheetIgnored(sheet: SheetGrid, chosen: string): ImportIssue {
  const hidden = sheet.hidden ? { zh: '隐藏的', en: 'hidden ' } : { zh: '', en: '' };
  return importWarning({
    code: 'SHEET_IGNORED',
    sheet: sheet.name,
    expected: `合同只放在一个可见的工作表中(已导入“${chosen}”)`,
    expectedEn: `contracts on one visible sheet (“${chosen}” was imported)`,
    message: `${hidden.zh}工作表“${sheet.name}”也有合同表头,但只导入了“${chosen}”:如需导入,请把这些合同移到“${chosen}”中。`,
    messageEn: `The ${hidden.en}sheet "${sheet.name}" also has a contract header, but only "${chosen}" was imported: move those contracts into "${chosen}" to import them.`,
  });
}

/** A row that would store a second copy of a contract already stored. */
export function storedDuplicate(sheet: string, row: { customerCell: string; customerName: string }, contractId: number): ImportIssue {
  return importError({
    code: 'CONTRACT_EXISTS',
    sheet,
    cell: row.customerCell,
    found: row.customerName,
    expected: `尚未登记的合同(合同 #${contractId} 已有同一客户、部署、服务产品和开始日期)`,
    expectedEn: `a contract not yet stored (contract #${contractId} has the same customer, offering, tier and start date)`,
    message: `合同 #${contractId} 已登记同一客户、部署、服务产品和开始日期:请删除这一行,或在合同页面修改已有合同。`,
    messageEn: `Contract #${contractId} already holds the same customer, offering, tier and start date: remove this row, or change the existing contract on its page.`,
  });
}

/** An imported 尊享 contract whose customer has no customer-success manager: imported, and said (NO_CSM). */
export function noCsmWarning(sheet: string, row: { customerCell: string; customerName: string }, contractId: number): ImportIssue {
  return importWarning({
    code: 'NO_CSM',
    sheet,
    cell: row.customerCell,
    found: row.customerName,
    expected: '尊享服务的客户有一位客户成功经理',
    expectedEn: 'a customer-success manager for a 尊享 (premium) customer',
    message: `合同 #${contractId} 为尊享服务,承诺指定客户成功经理,但客户“${row.customerName}”还没有:请在客户资料中添加角色为“客户成功经理”的联系人。`,
    messageEn: `Contract #${contractId} is 尊享 (premium), which promises a named customer-success manager, but customer "${row.customerName}" has none: add one on the customer's page.`,
  });
}

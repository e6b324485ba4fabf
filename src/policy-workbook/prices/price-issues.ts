// The issues of the 价格 sheet's cells: an amount, a rate or a word that cannot be read, reported at the
// cell to fix with what was expected. Checks across rows live in price-checks.ts.
import { importError, type ImportIssue } from '../../workbook/import-issue.ts';
import { MONEY_EXPECTED, RATE_EXPECTED, parseMoney, parseRate, type TextParse } from './price-cells.ts';
import type { ColumnCell } from '../../workbook/grid-columns.ts';

export interface Words {
  zh: string;
  en: string;
}

type Problem = Extract<TextParse<number>, { ok: false }>['problem'];

const AMOUNT_PROBLEMS: Record<Problem, { code: string; zh: string; en: string }> = {
  unreadable: { code: 'BAD_AMOUNT', zh: '无法识别为金额', en: 'is not an amount of money' },
  too_precise: { code: 'BAD_AMOUNT', zh: '精确到了分以下:金额最多两位小数', en: 'is finer than a fen: amounts have at most 2 decimals' },
  negative: { code: 'NEGATIVE_AMOUNT', zh: '是负数:价格不能为负', en: 'is negative; a price cannot be' },
  out_of_range: { code: 'BAD_AMOUNT', zh: '超过了 10 亿元', en: 'exceeds 1,000,000,000 yuan' },
};

const RATE_PROBLEMS: Record<Problem, { code: string; zh: string; en: string }> = {
  unreadable: { code: 'BAD_RATE', zh: '无法识别为百分比', en: 'is not a percentage' },
  too_precise: { code: 'BAD_RATE', zh: '超过两位小数:百分比最多精确到 0.01%', en: 'has more than 2 decimals; rates go to 0.01% at most' },
  negative: { code: 'RATE_OUT_OF_RANGE', zh: '是负数', en: 'is negative' },
  out_of_range: { code: 'RATE_OUT_OF_RANGE', zh: '超过了 100%', en: 'exceeds 100%' },
};

/** A required cell left blank: the row means something, but not what it costs. */
export function missingValue(sheet: string, cell: ColumnCell, row: number, what: Words, expected: Words): ImportIssue {
  return importError({
    code: 'MISSING_PRICE',
    sheet,
    cell: cell.reportAt || cell.address,
    expected: expected.zh,
    expectedEn: expected.en,
    message: `第 ${row} 行没有填写${what.zh}。`,
    messageEn: `Row ${row} gives no ${what.en}.`,
  });
}

function valueIssue(sheet: string, cell: ColumnCell, what: Words, problem: { code: string; zh: string; en: string }, expected: Words, hint?: Words): ImportIssue {
  return importError({
    code: problem.code,
    sheet,
    cell: cell.reportAt,
    found: cell.text,
    expected: expected.zh,
    expectedEn: expected.en,
    message: `${what.zh}“${cell.text}”${problem.zh}${hint ? `;${hint.zh}` : ''}。`,
    messageEn: `The ${what.en} "${cell.text}" ${problem.en}${hint ? `; ${hint.en}` : ''}.`,
  });
}

/** Fen, or the issue that says why not; `hint` adds what the rest of the row implies. */
export function readMoney(sheet: string, cell: ColumnCell, what: Words, hint?: Words): { fen: number } | { issue: ImportIssue } {
  const parsed = parseMoney(cell.text);
  return parsed.ok ? { fen: parsed.value } : { issue: valueIssue(sheet, cell, what, AMOUNT_PROBLEMS[parsed.problem], MONEY_EXPECTED, hint) };
}

export function readRate(sheet: string, cell: ColumnCell, what: Words, hint?: Words): { basisPoints: number } | { issue: ImportIssue } {
  const parsed = parseRate(cell.text);
  return parsed.ok ? { basisPoints: parsed.value } : { issue: valueIssue(sheet, cell, what, RATE_PROBLEMS[parsed.problem], RATE_EXPECTED, hint) };
}

/** A word outside the cell's vocabulary (计价方式, 计价单位, 部署, 服务产品, 项目), or none at all. */
export function unknownWord(code: string, sheet: string, cell: ColumnCell, row: number, what: Words, expected: Words): ImportIssue {
  return importError({
    code,
    sheet,
    cell: cell.reportAt || cell.address,
    ...(cell.text ? { found: cell.text } : {}),
    expected: expected.zh,
    expectedEn: expected.en,
    message: cell.text ? `无法识别${what.zh}“${cell.text}”。` : `第 ${row} 行没有填写${what.zh}。`,
    messageEn: cell.text ? `The ${what.en} "${cell.text}" is not known.` : `Row ${row} gives no ${what.en}.`,
  });
}

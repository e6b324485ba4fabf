// Small helpers shared by the table parsers: addresses, header matching and service-code resolution.
import { SERVICE_CODE_PATTERN } from '../policy/catalog-codes.ts';
import { matchKey, normalizeCellText } from './cell-vocabulary.ts';
import { importError, type ImportIssue } from './import-issue.ts';
import type { GridCell, GridRow } from './workbook-grid.ts';

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function addressOf(col: number, row: number): string {
  return `${columnLetter(col)}${row}`;
}

export function cellAt(row: GridRow, col: number): GridCell | undefined {
  return row.cells.find((c) => c.col === col);
}

// Every row is tested as a possible header; build each name list's keys once.
const headerKeys = new WeakMap<readonly string[], Set<string>>();

/** The first column whose header matches one of the names (compared by matchKey). */
export function findColumn(header: GridRow, names: readonly string[]): number | null {
  let keys = headerKeys.get(names);
  if (!keys) headerKeys.set(names, (keys = new Set(names.map(matchKey))));
  return header.cells.find((c) => keys.has(matchKey(c.text)))?.col ?? null;
}

export const CODE_HEADERS = ['代码', '服务代码', 'code'];

interface ServiceDef {
  code: string;
  names: readonly string[];
}

export type Resolution<D extends ServiceDef> = { ok: true; code: string; def: D | null } | { ok: false; issue: ImportIssue };

/**
 * Maps a row's name (and optional code cell) to a service code. A known name maps to its DOMAIN.md code;
 * an unknown name needs a code; a code that contradicts a known name is an error, since it is almost
 * always a row copied and half edited.
 */
export function resolveService<D extends ServiceDef>(
  defs: readonly D[],
  sheet: string,
  name: { text: string; address: string },
  code: { text: string; address: string } | null,
): Resolution<D> {
  const key = matchKey(name.text);
  const byName = defs.find((d) => d.names.some((n) => matchKey(n) === key)) ?? null;
  const codeText = code ? normalizeCellText(code.text) : '';
  if (code && codeText) {
    if (!SERVICE_CODE_PATTERN.test(codeText)) {
      return {
        ok: false,
        issue: importError({
          code: 'BAD_SERVICE_CODE',
          sheet,
          cell: code.address,
          found: codeText,
          expected: '小写英文字母开头,由小写字母、数字和下划线组成的代码,如 system_ops',
          expectedEn: 'a code of lower-case letters, digits and underscores starting with a letter, e.g. system_ops',
          message: `服务代码“${codeText}”格式不正确。`,
          messageEn: `The service code "${codeText}" is not well formed.`,
        }),
      };
    }
    const byCode = defs.find((d) => d.code === codeText) ?? null;
    if (byName && byName.code !== codeText) {
      return {
        ok: false,
        issue: importError({
          code: 'CODE_MISMATCH',
          sheet,
          cell: code.address,
          found: codeText,
          expected: `${byName.code}(“${normalizeCellText(name.text)}”的标准代码),或清空代码列`,
          expectedEn: `${byName.code} (the standard code of "${normalizeCellText(name.text)}"), or leave the code blank`,
          message: `代码“${codeText}”与服务项目“${normalizeCellText(name.text)}”不一致。`,
          messageEn: `The code "${codeText}" contradicts the item "${normalizeCellText(name.text)}".`,
        }),
      };
    }
    return { ok: true, code: codeText, def: byCode ?? byName };
  }
  if (byName) return { ok: true, code: byName.code, def: byName };
  const known = defs.map((d) => d.names[0]).join('、');
  return {
    ok: false,
    issue: importError({
      code: 'UNKNOWN_SERVICE',
      sheet,
      cell: name.address,
      found: normalizeCellText(name.text),
      expected: `已知的服务项目(${known}),或在“代码”列为新项目填写代码`,
      expectedEn: `a known item (${defs.map((d) => d.code).join(', ')}), or a code for the new item in a 代码 column`,
      message: `无法识别服务项目“${normalizeCellText(name.text)}”。`,
      messageEn: `The item "${normalizeCellText(name.text)}" is not a known service and has no code.`,
    }),
  };
}

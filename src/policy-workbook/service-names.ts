// The services a table row may name: docs/domain.md's names and codes, resolved for the tier and special-services tables.
import { SERVICE_CODE_PATTERN, SPECIAL_SERVICES, TIER_SERVICES } from '../catalog/catalog-codes.ts';
import type { TableKind } from '../catalog/catalog.ts';
import { matchKey, normalizeCellText } from '../workbook/cell-text.ts';
import { importError, type ImportIssue } from '../workbook/import-issue.ts';
import { columnWords } from './column-words.ts';

export const CODE_WORDS = columnWords(['代码', '服务代码'], ['Code', 'Service code']);
export const CODE_HEADERS = CODE_WORDS.all;

interface ServiceDef {
  code: string;
  names: readonly string[];
}

const SERVICE_TABLES = {
  tiers: { defs: TIER_SERVICES, zh: '服务产品目录', en: 'tier table' },
  special_services: { defs: SPECIAL_SERVICES, zh: '专项服务表', en: 'special-services table' },
} as const;

type DefOf<K extends TableKind> = (typeof SERVICE_TABLES)[K]['defs'][number];

const nameKeys = {
  tiers: new Set(TIER_SERVICES.flatMap((d) => d.names.map(matchKey))),
  special_services: new Set(SPECIAL_SERVICES.flatMap((d) => d.names.map(matchKey))),
};

const codeByNameKey = new Map([...TIER_SERVICES, ...SPECIAL_SERVICES].flatMap((d) => [[d.code, d.code], ...d.names.map((n) => [matchKey(n), d.code])] as [string, string][]));

/** The code of a service docs/domain.md knows, from one of its names or its code (of either table), or null. */
export function knownServiceCode(text: string): string | null {
  return codeByNameKey.get(matchKey(text)) ?? null;
}

/** Whether a text is the name of a known service of that kind of table (of either kind when none is given). */
export function isKnownServiceName(text: string, kind?: TableKind): boolean {
  const key = matchKey(text);
  return kind ? nameKeys[kind].has(key) : nameKeys.tiers.has(key) || nameKeys.special_services.has(key);
}

export type Resolution<D extends ServiceDef> = { ok: true; code: string; def: D | null } | { ok: false; issue: ImportIssue };

/**
 * Maps a row's name (and optional code cell) to a service code. A known name maps to its docs/domain.md code;
 * an unknown name needs a code; a code that contradicts a known name is an error, since it is almost
 * always a row copied and half edited.
 */
export function resolveService<K extends TableKind>(
  kind: K,
  sheet: string,
  name: { text: string; address: string },
  code: { text: string; address: string } | null,
): Resolution<DefOf<K>> {
  const defs: readonly DefOf<K>[] = SERVICE_TABLES[kind].defs;
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
    const other = SERVICE_TABLES[kind === 'tiers' ? 'special_services' : 'tiers'];
    if (!byCode && other.defs.some((d) => d.code === codeText)) {
      // The service fact would then name a tier item and a special service at once, and decisions would mix them up.
      const own = SERVICE_TABLES[kind];
      return {
        ok: false,
        issue: importError({
          code: 'CODE_OF_OTHER_TABLE',
          sheet,
          cell: code.address,
          found: codeText,
          expected: `${own.zh}自己的代码:新项目请另起一个代码,或清空代码列`,
          expectedEn: `a code of the ${own.en}: give the new item a code of its own, or leave the code blank`,
          message: `代码“${codeText}”属于${other.zh}中的服务,不能用于${own.zh}的“${normalizeCellText(name.text)}”。`,
          messageEn: `The code "${codeText}" belongs to a service of the ${other.en}, so the ${own.en} cannot use it for "${normalizeCellText(name.text)}".`,
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

// --lang for the commands that write a workbook: zh (the default) or en. Anything else is a usage error that says
// which languages there are, in both languages.
import { InvalidArgumentError } from 'commander';
import { WORKBOOK_LANGS, type WorkbookLang } from '../policy-workbook/column-words.ts';

export const LANG_OPTION = ['--lang <lang>', '工作簿的语言:zh(中文,默认)或 en(英文) (workbook language: zh, the default, or en)'] as const;

export function parseLang(value: string): WorkbookLang {
  const lang = value.trim().toLowerCase();
  if ((WORKBOOK_LANGS as readonly string[]).includes(lang)) return lang as WorkbookLang;
  throw new InvalidArgumentError(`未知的语言“${value}”:可用 ${WORKBOOK_LANGS.join('、')} (unknown language "${value}": use ${WORKBOOK_LANGS.join(' or ')})`);
}

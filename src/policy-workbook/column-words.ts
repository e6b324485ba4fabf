// A sheet kind's vocabulary as data: the words each of its columns may be headed with, per language. The reader
// accepts every word of every language (a Chinese header over English cells, or the reverse, is one workbook);
// an export writes the first word of the language asked for. The next language is one more list per column.
export type WorkbookLang = 'zh' | 'en';

export const WORKBOOK_LANGS: readonly WorkbookLang[] = ['zh', 'en'];

export interface ColumnWords {
  readonly zh: readonly string[];
  readonly en: readonly string[];
  /** Every word of every language, the reader's list (one array, so header lookups cache it). */
  readonly all: readonly string[];
}

export function columnWords(zh: readonly string[], en: readonly string[]): ColumnWords {
  return Object.freeze({ zh, en, all: Object.freeze([...zh, ...en]) });
}

/** What an export heads the column with in a language. */
export function headerIn(words: ColumnWords, lang: WorkbookLang): string {
  return words[lang][0] ?? words.zh[0]!;
}

/** How a table of a kind may stand: one row per item under a header row, or turned on its side. */
export type Orientation = 'rows' | 'columns';

export interface SheetVocabulary {
  /** Each column a kind's tables read, by its role in the kind. */
  readonly columns: Readonly<Record<string, ColumnWords>>;
  /**
   * A table turned on its side (orientation `columns`) has its header down the first column and its items across
   * the first row; the corner cell where they meet carries one of these words (服务产品 over tier names), and the
   * table is read as if that corner said `nameColumn`'s first word.
   */
  readonly corner?: { readonly words: ColumnWords; readonly nameColumn: string };
}

// Reading is each sheet kind's job, and its words are data: every kind declares each column it reads with Chinese
// and English words, and a kind that lets its tables stand on their side says what their corner is called.
import { describe, expect, it } from 'vitest';
import { WORKBOOK_LANGS, headerIn } from '../../src/policy-workbook/column-words.ts';
import { SHEET_KINDS } from '../../src/policy-workbook/sheet-kinds.ts';

describe.each(SHEET_KINDS.map((kind) => [kind.name, kind] as const))('the %s sheet kind', (_name, kind) => {
  it('declares the columns it reads, each with words in every language, read in all of them', () => {
    const columns = Object.entries(kind.vocabulary.columns);
    expect(columns.length).toBeGreaterThan(0);
    for (const [role, words] of columns) {
      for (const lang of WORKBOOK_LANGS) expect(words[lang].length, `${kind.name}.${role} in ${lang}`).toBeGreaterThan(0);
      expect(words.all).toEqual([...words.zh, ...words.en]);
      for (const lang of WORKBOOK_LANGS) expect(headerIn(words, lang)).toBe(words[lang][0]);
    }
  });

  it('declares how its tables may stand, and a corner for tables on their side', () => {
    expect(kind.orientations).toContain('rows');
    if (!kind.orientations.includes('columns')) return;
    const corner = kind.vocabulary.corner!;
    expect(corner.words.zh.length * corner.words.en.length).toBeGreaterThan(0);
    expect(kind.vocabulary.columns[corner.nameColumn]).toBeDefined();
  });
});

describe('the tier kind', () => {
  it('lets its tables stand on their side, their corner being 服务产品 or Tier', () => {
    const tiers = SHEET_KINDS.find((kind) => kind.name === 'tiers')!;
    expect(tiers.orientations).toEqual(['rows', 'columns']);
    expect(tiers.vocabulary.corner!.words.all).toEqual(expect.arrayContaining(['服务产品', 'Tier']));
  });
});

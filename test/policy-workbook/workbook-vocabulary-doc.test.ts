// docs/workbook-vocabulary.md lists every header word each sheet kind declares, in both languages, and the corner
// words of a table on its side: a word added to a kind and not to the page fails here.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHEET_KINDS } from '../../src/policy-workbook/sheet-kinds.ts';

const page = fs.readFileSync('docs/workbook-vocabulary.md', 'utf8').replaceAll('\\*', '*');

describe('docs/workbook-vocabulary.md', () => {
  it.each(SHEET_KINDS.map((k) => [k.name, k] as const))('lists every word of the %s kind', (_, kind) => {
    const words = [...Object.values(kind.vocabulary.columns), ...(kind.vocabulary.corner ? [kind.vocabulary.corner.words] : [])].flatMap((w) => w.all);
    expect(words.length).toBeGreaterThan(0);
    // Written in a table cell or a list, between separators.
    const missing = words.filter((w) => w !== 'on_premise' && !new RegExp(`(^|[|,(/ ])${w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}( |,|\\||$)`, 'mu').test(page));
    expect(missing).toEqual([]);
  });
});

// Words looked up in the readers' own tables match those tables' own entries only: a cell saying "constructor",
// "toString" or "__proto__" found Object.prototype's members instead. The fuzz suite wrote one into the 服务时间
// sheet's 工作日 column, and the reader threw "alias.forEach is not a function" instead of reporting the cell.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWeekdays } from '../../src/policy-workbook/calendars/calendar-cells.ts';
import { parseChineseNumber } from '../../src/policy-workbook/cell-vocabulary.ts';
import { decodeXmlText } from '../../src/workbook/xlsx-refs.ts';

const PROTOTYPE_WORDS = Object.getOwnPropertyNames(Object.prototype);

describe("Object's own words are no words of the workbook", () => {
  it('weekdays: unreadable, alone or beside real days', () => {
    for (const word of PROTOTYPE_WORDS) {
      expect(parseWeekdays(word), word).toBeNull();
      expect(parseWeekdays(`周一、${word}`), word).toBeNull();
    }
    expect(parseWeekdays('周一至周五')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('工作日')).toEqual([1, 2, 3, 4, 5]);
  });

  it('numbers written in Chinese: not a number', () => {
    for (const word of PROTOTYPE_WORDS) expect(parseChineseNumber(word), word).toBeNull();
    expect(parseChineseNumber('两')).toBe(2);
  });

  it('XML entities: left as written', () => {
    for (const word of PROTOTYPE_WORDS.filter((w) => /^[a-z]+$/u.test(w))) expect(decodeXmlText(`&${word};`)).toBe(`&${word};`);
    expect(decodeXmlText('&lt;&amp;&#20013;')).toBe('<&中');
  });

  it('any text: weekdays and numbers are read or refused, never thrown over', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_WORDS)), (text) => {
        const days = parseWeekdays(text);
        expect(days === null || days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)).toBe(true);
        const n = parseChineseNumber(text);
        expect(n === null || typeof n === 'number').toBe(true);
      }),
    );
  });
});

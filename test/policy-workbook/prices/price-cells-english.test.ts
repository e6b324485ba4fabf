// The 价格 sheet's method and unit cells in English, read as the Chinese words are.
import { describe, expect, it } from 'vitest';
import { METHOD_EXPECTED, UNIT_EXPECTED, parsePriceUnit, parsePricingMethod } from '../../../src/policy-workbook/prices/price-cells.ts';

describe('parsePricingMethod: English', () => {
  it.each(['Fixed', 'Fixed annual fee', 'FIXED ANNUAL FEE', 'Annual fee', 'Fixed fee', 'Yearly fee', 'Per year', 'Yuan/year', '¥/year', '￥/year'])(
    '%j is a fixed annual fee',
    (text) => expect(parsePricingMethod(text)).toBe('fixed'),
  );

  it.each([
    'Licence share',
    'License share',
    'Share of licence fee',
    'Share of license fee',
    'SHARE OF LICENCE FEE',
    'Licence fee share',
    'License fee share',
    'Percentage of licence fee',
    'Percentage of license fee',
    '% of licence fee',
    '% of license fee',
    'Share of licence',
    'Share of license',
  ])('%j is a share of the licence amount', (text) => expect(parsePricingMethod(text)).toBe('licence_share'));

  it.each(['Monthly fee', 'Free', 'constructor'])('%j is no method', (text) => expect(parsePricingMethod(text)).toBeNull());

  it('the expected text names the English forms in both languages', () => {
    expect(METHOD_EXPECTED.zh).toContain('Fixed annual fee');
    expect(METHOD_EXPECTED.en).toContain('Share of licence fee');
  });
});

describe('parsePriceUnit: English', () => {
  it.each(['Person-day', 'person day', 'Person-days', 'Person days', 'Per person-day', 'Per person day', 'PER PERSON-DAY', 'Man-day', 'Man-days', 'Per man-day'])(
    '%j is per person-day',
    (text) => expect(parsePriceUnit(text)).toBe('person_day'),
  );

  it.each(['Item', 'Items', 'Per item', 'PER ITEM', 'Each'])('%j is per item', (text) => expect(parsePriceUnit(text)).toBe('item'));

  it.each(['Per hour', 'Per month', 'constructor'])('%j is no unit', (text) => expect(parsePriceUnit(text)).toBeNull());

  it('the expected text names the English forms in both languages', () => {
    expect(UNIT_EXPECTED.zh).toContain('Per person-day');
    expect(UNIT_EXPECTED.en).toContain('Per item');
  });
});

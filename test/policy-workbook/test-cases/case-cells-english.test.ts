// The 测试用例 sheet's cells in English: reasons, marks, channels and windows read as the Chinese words are.
import { describe, expect, it } from 'vitest';
import { CASE_REASONS, CASE_REASONS_EN, isNoneText, parseChannel, parseMark, parseReason, parseWindow } from '../../../src/policy-workbook/test-cases/case-cells.ts';

describe('parseReason: English', () => {
  it.each([
    ['Not purchased', 'NOT_PURCHASED'],
    ['NOT PURCHASED', 'NOT_PURCHASED'],
    ['Not bought', 'NOT_PURCHASED'],
    ['Not in tier', 'NOT_IN_TIER'],
    ['Not in the tier', 'NOT_IN_TIER'],
    ['Not included in tier', 'NOT_IN_TIER'],
    ['Not included', 'NOT_IN_TIER'],
    ['Not offered', 'NOT_OFFERED'],
    ['Not in catalog', 'NOT_OFFERED'],
    ['Not in the catalogue', 'NOT_OFFERED'],
    ['On premise only', 'ON_PREMISE_ONLY'],
    ['On-premise only', 'ON_PREMISE_ONLY'],
    ['Private cloud only', 'ON_PREMISE_ONLY'],
    ['Quota used up', 'QUOTA_EXHAUSTED'],
    ['Quota exhausted', 'QUOTA_EXHAUSTED'],
    ['No quota left', 'QUOTA_EXHAUSTED'],
    ['Outside the contract', 'CONTRACT_INACTIVE'],
    ['Outside the contract term', 'CONTRACT_INACTIVE'],
    ['Contract inactive', 'CONTRACT_INACTIVE'],
    ['Contract not active', 'CONTRACT_INACTIVE'],
    ['not_purchased', 'NOT_PURCHASED'],
  ])('%j → %s', (text, code) => expect(parseReason(text)).toBe(code));

  it('every English word of every reason reads back to it, and every reason has English words', () => {
    expect(Object.keys(CASE_REASONS_EN).sort()).toEqual(Object.keys(CASE_REASONS).sort());
    for (const [code, words] of Object.entries(CASE_REASONS_EN)) for (const word of words) expect(parseReason(word), word).toBe(code);
  });

  it.each(['Denied', 'constructor'])('%j is no reason', (text) => expect(parseReason(text)).toBeNull());
});

describe('parseMark, parseChannel, parseWindow: English', () => {
  it.each([['Yes', true], ['TRUE', true], ['Entitled', true], ['No', false], ['FALSE', false], ['Not entitled', false]] as const)('mark %j → %s', (text, mark) => {
    expect(parseMark(text)).toBe(mark);
  });

  it.each([
    ['Standard agent', 'standard'],
    ['Standard seat', 'standard'],
    ['Standard', 'standard'],
    ['Regular', 'standard'],
    ['Dedicated agent', 'dedicated'],
    ['DEDICATED SEAT', 'dedicated'],
    ['Dedicated', 'dedicated'],
    ['None', null],
    ['Not applicable', null],
    ['N/A', null],
  ] as const)('channel %j → %s', (text, channel) => expect(parseChannel(text)).toBe(channel));

  it.each(['Premium agent', 'Yes'])('channel %j is no channel', (text) => expect(parseChannel(text)).toBeUndefined());

  it.each([
    ['Response within 4 working hours', { amount: 4, unit: 'working_hour' }],
    ['Response within 1 working day', { amount: 1, unit: 'working_day' }],
    ['0.5 working day', { amount: 0.5, unit: 'working_day' }],
    ['2 working days', { amount: 2, unit: 'working_day' }],
    ['Half a working day', { amount: 0.5, unit: 'working_day' }],
    ['1工作日响应', { amount: 1, unit: 'working_day' }],
    ['4工作小时', { amount: 4, unit: 'working_hour' }],
    ['None', null],
    ['Nil', null],
  ] as const)('window %j → %j', (text, window) => expect(parseWindow(text)).toEqual(window));

  it.each(['Response within 61 working days', 'Soon', 'Response within 0 working days'])('window %j is no window', (text) => {
    expect(parseWindow(text)).toBeUndefined();
  });

  it('none words are none', () => {
    for (const word of ['None', 'N/A', 'Not applicable', 'Nil', '-']) expect(isNoneText(word), word).toBe(true);
  });
});

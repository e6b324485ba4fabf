// A response window longer than any contract could mean is a typo, not a policy.
import { describe, expect, it } from 'vitest';
import { parseTierCell } from '../../../src/policy-workbook/cell-vocabulary.ts';

describe('parseTierCell: response window bounds', () => {
  it.each([
    ['60工作日响应', 60, 'working_day'],
    ['59.5个工作日响应', 59.5, 'working_day'],
    ['480工作小时响应', 480, 'working_hour'],
    ['479.5小时响应', 479.5, 'working_hour'],
  ] as const)('%j is within bounds', (text, amount, unit) => {
    expect(parseTierCell(text, 'response_window')).toEqual({ ok: true, meaning: { kind: 'response_window', amount, unit } });
  });

  it.each([
    ['99999999999999999999999工作日响应', '60'],
    ['61工作日响应', '60'],
    ['60.5个工作日内响应', '60'],
    ['481工作小时响应', '480'],
    ['1000小时响应', '480'],
  ])('%j is refused, naming the bound %s', (text, bound) => {
    for (const kind of ['response_window', 'any'] as const) {
      const parsed = parseTierCell(text, kind);
      expect(parsed.ok, kind).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.expected).toContain(bound);
      expect(parsed.expectedEn).toContain(bound);
    }
  });
});

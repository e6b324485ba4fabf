// The cell vocabulary's modules build their patterns from the word lists when they load. Imported inside the test,
// so that a list that no longer builds (a missing language, a template without its number) fails a named test here;
// a test file that fails to load counts as no test at all for Stryker's vitest runner.
import { describe, expect, it } from 'vitest';

describe('the cell vocabulary loads and reads each language', () => {
  it('reads marks, windows, coverage, quotas and lists in Chinese and English', async () => {
    const { parseTierCell, parseResolutionTarget, coverageFromName } = await import('../../src/policy-workbook/cell-vocabulary.ts');
    const meaning = (text: string, kind: Parameters<typeof parseTierCell>[1]) => {
      const parsed = parseTierCell(text, kind);
      return parsed.ok ? parsed.meaning : parsed.expectedEn;
    };
    expect(meaning('✓', 'inclusion')).toEqual({ kind: 'included' });
    expect(meaning('Yes', 'inclusion')).toEqual({ kind: 'included' });
    expect(meaning('否', 'inclusion')).toEqual({ kind: 'none' });
    expect(meaning('专属坐席', 'channel')).toEqual({ kind: 'dedicated' });
    expect(meaning('Dedicated agent', 'channel')).toEqual({ kind: 'dedicated' });
    expect(meaning('一个半工作日响应', 'response_window')).toEqual({ kind: 'response_window', amount: 1.5, unit: 'working_day' });
    expect(meaning('Response within 4 working hours', 'response_window')).toEqual({ kind: 'response_window', amount: 4, unit: 'working_hour' });
    expect(parseResolutionTarget('2个工作日内解决')).toEqual({ amount: 2, unit: 'working_day' });
    expect(parseResolutionTarget('Resolved within 2 working days')).toEqual({ amount: 2, unit: 'working_day' });
    expect(meaning('5天×8小时', 'coverage')).toEqual({ kind: 'coverage', daysPerWeek: 5, hoursPerDay: 8 });
    expect(meaning('7 x 12 hours', 'coverage')).toEqual({ kind: 'coverage', daysPerWeek: 7, hoursPerDay: 12 });
    expect(meaning('24/7', 'coverage')).toEqual({ kind: 'coverage', daysPerWeek: 7, hoursPerDay: 24 });
    expect(coverageFromName('7*24电话支持')).toEqual({ daysPerWeek: 7, hoursPerDay: 24 });
    expect(meaning('代码诊断(限一年两次,2人天/次,现场)', 'quota')).toEqual({ kind: 'quota', item: '代码诊断', perYear: 2, personDaysEach: 2, onsite: true });
    expect(meaning('Code diagnosis (twice a year, 2 person-days each, remote)', 'quota')).toEqual({
      kind: 'quota',
      item: 'Code diagnosis',
      perYear: 2,
      personDaysEach: 2,
      onsite: false,
    });
    expect(meaning('1、产品更新 2、服务工具', 'deliverables')).toEqual({ kind: 'deliverables', items: ['产品更新', '服务工具'] });
  });
});

// A refused form told in the page's language only, with the field's name, and zod's issues in plain words.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../../src/http/http-error.ts';
import { validationFailed } from '../../src/http/mount-routes.ts';
import { fieldName, pageProblems } from '../../src/http/pages/form-problems.ts';

const NAMES = { startsOn: { zh: '开始日期', en: 'Start date' }, endsOn: { zh: '结束日期', en: 'End date' }, 'services.*.personDays': { zh: '人天数', en: 'Person-days' } };

const schema = z.object({
  name: z.string().min(1),
  code: z.string().max(3),
  email: z.email(),
  days: z.number().int().min(0),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
}).refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'must not be before the start date', params: { zh: '不能早于开始日期' } });

function refusalOf(value: unknown): HttpError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  return validationFailed(result.error, 'body', value);
}

describe('a schema refusal', () => {
  it('says each problem in Chinese and in plain English, with the limit broken', () => {
    const refusal = refusalOf({ name: '', code: 'ABCD', email: 'nobody', days: 1.5, startsOn: '2026-02-30x', endsOn: '2026-01-01' });
    expect(refusal.details).toEqual([
      { field: 'name', message: 'is required', messageZh: '必须填写' },
      { field: 'code', message: 'must have at most 3 characters', messageZh: '最多 3 个字符' },
      { field: 'email', message: 'is not an e-mail address such as name@example.com', messageZh: '不是有效的电子邮件地址,例如 name@example.com' },
      { field: 'days', message: 'must be a whole number', messageZh: '应为整数' },
      { field: 'startsOn', message: 'must be a date such as 2026-12-31', messageZh: '日期格式应为 年-月-日,例如 2026-12-31' },
    ]);
    const missing = refusalOf({ code: 'A', email: 'a@b.cn', days: -1, startsOn: '2026-01-02', endsOn: '2026-01-01' });
    expect(missing.details).toEqual([
      { field: 'name', message: 'is required', messageZh: '必须填写' },
      { field: 'days', message: 'must be at least 0', messageZh: '不能小于 0' },
    ]);
  });

  it('keeps a refinement’s own words, in both languages', () => {
    const refusal = refusalOf({ name: 'a', code: 'A', email: 'a@b.cn', days: 1, startsOn: '2026-01-02', endsOn: '2026-01-01' });
    expect(refusal.details).toEqual([{ field: 'endsOn', message: 'must not be before the start date', messageZh: '不能早于开始日期' }]);
    const zh = pageProblems(refusal, 'zh', NAMES);
    expect(zh).toEqual({ summary: null, problems: [{ field: 'endsOn', message: '结束日期:不能早于开始日期' }], byField: { endsOn: '不能早于开始日期' } });
    const en = pageProblems(refusal, 'en', NAMES);
    expect(en.problems).toEqual([{ field: 'endsOn', message: 'End date: must not be before the start date' }]);
    // Nothing internal on the page: no field path, no code, no second language.
    expect(JSON.stringify(zh)).not.toMatch(/Invalid|VALIDATION|must/);
  });
});

describe('a domain refusal on a page', () => {
  it('shows the refusal’s sentence in the page language when it has no field details', () => {
    const refusal = new HttpError(409, 'OWN_QUOTE', '不能审批自己的报价', 'You cannot approve your own quote');
    expect(pageProblems(refusal, 'zh')).toEqual({ summary: '不能审批自己的报价', problems: [{ field: null, message: '不能审批自己的报价' }], byField: {} });
    expect(pageProblems(refusal, 'en').summary).toBe('You cannot approve your own quote');
  });

  it('splits an older bilingual detail at its slash, and never shows English on a Chinese page', () => {
    const refusal = new HttpError(400, 'BAD_ROWS', '节假日有误', 'Bad holidays', [
      { field: 'rows.0.date', message: '日期应为 YYYY-MM-DD / the date is YYYY-MM-DD' },
      { field: 'services.2.personDays', message: 'at most 8' },
    ]);
    const zh = pageProblems(refusal, 'zh', NAMES);
    expect(zh.byField).toEqual({ 'rows.0.date': '日期应为 YYYY-MM-DD', 'services.2.personDays': '内容不正确,请检查后重新填写' });
    expect(zh.problems[1]).toEqual({ field: 'services.2.personDays', message: '人天数:内容不正确,请检查后重新填写' });
    // A field the form does not name is not linked (there is no control to go to).
    expect(zh.problems[0]!.field).toBeNull();
    expect(pageProblems(refusal, 'en', NAMES).byField).toEqual({ 'rows.0.date': 'the date is YYYY-MM-DD', 'services.2.personDays': 'at most 8' });
  });

  it('names a field exactly, by its list pattern, or by its head', () => {
    expect(fieldName('services.3.personDays', NAMES, 'zh')).toBe('人天数');
    expect(fieldName('startsOn', NAMES, 'en')).toBe('Start date');
    expect(fieldName('endsOn.year', NAMES, 'zh')).toBe('结束日期');
    expect(fieldName('unknown', NAMES, 'zh')).toBeNull();
  });
});

describe('a schema’s own messages', () => {
  it('keeps a message the schema gave, split when it is written "中文 / English"', () => {
    const year = z.object({ year: z.number().int('年份应为整数 / the year is a whole number').min(2000, '年份应在 2000–2099 之间 / a year in 2000–2099'), code: z.string().max(2, 'two letters at most') });
    const result = year.safeParse({ year: 1999, code: 'abc' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(validationFailed(result.error, 'body', { year: 1999 }).details).toEqual([
      { field: 'year', message: 'a year in 2000–2099', messageZh: '年份应在 2000–2099 之间' },
      { field: 'code', message: 'two letters at most', messageZh: '最多 2 个字符' },
    ]);
  });
});

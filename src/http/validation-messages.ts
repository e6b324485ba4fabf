// What a schema refusal says to a person: each zod issue in Chinese and in plain English, with the limit it
// broke, instead of zod's own wording ("Too small: expected string to have >=1 characters"). A schema's own
// refinement keeps its message; it may give its Chinese as `params: { zh }`.
import type { z } from 'zod';

export interface FieldDetail {
  field: string;
  /** English. */
  message: string;
  messageZh: string;
}

const TYPE_ZH: Record<string, string> = { number: '数字', int: '整数', string: '文字', boolean: '是或否', array: '列表', object: '一组内容', date: '日期' };

/** The value at an issue's path in what was sent (zod does not keep it): a missing one is "required". */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** zod's own wording, as opposed to a message the schema gave (`.min(2000, '年份应在… / a year in…')`). */
const ZOD_WORDING = /^(Too (small|big)|Invalid|Expected|Unrecognized|Required)\b/;
const HAS_CJK = /[\u3400-\u9fff]/;

function describe(issue: z.core.$ZodIssue, input: unknown): { zh: string; en: string } {
  const own = issue.code !== 'custom' && !ZOD_WORDING.test(issue.message) ? issue.message : null;
  const generic = describeCode(issue, input);
  if (own === null) return generic;
  // The project writes a schema's bilingual messages as "中文 / English".
  const slash = own.indexOf(' / ');
  if (slash > 0) return { zh: own.slice(0, slash), en: own.slice(slash + 3) };
  return HAS_CJK.test(own) ? { zh: own, en: generic.en } : { zh: generic.zh, en: own };
}

function describeCode(issue: z.core.$ZodIssue, input: unknown): { zh: string; en: string } {
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) == null) return { zh: '必须填写', en: 'is required' };
      return { zh: `应为${TYPE_ZH[String(i.expected)] ?? '正确的格式'}`, en: `must be ${i.expected === 'int' ? 'a whole number' : `a ${String(i.expected)}`}` };
    case 'too_small': {
      const min = Number(i.minimum);
      if (i.origin === 'string') return min <= 1 ? { zh: '必须填写', en: 'is required' } : { zh: `至少 ${min} 个字符`, en: `must have at least ${min} characters` };
      if (i.origin === 'array' || i.origin === 'set') return { zh: `至少选择 ${min} 项`, en: `needs at least ${min}` };
      return i.inclusive === false ? { zh: `应大于 ${min}`, en: `must be more than ${min}` } : { zh: `不能小于 ${min}`, en: `must be at least ${min}` };
    }
    case 'too_big': {
      const max = Number(i.maximum);
      if (i.origin === 'string') return { zh: `最多 ${max} 个字符`, en: `must have at most ${max} characters` };
      if (i.origin === 'array' || i.origin === 'set') return { zh: `最多 ${max} 项`, en: `allows at most ${max}` };
      return i.inclusive === false ? { zh: `应小于 ${max}`, en: `must be less than ${max}` } : { zh: `不能大于 ${max}`, en: `must be at most ${max}` };
    }
    case 'invalid_format':
      if (i.format === 'email') return { zh: '不是有效的电子邮件地址,例如 name@example.com', en: 'is not an e-mail address such as name@example.com' };
      if (i.format === 'date') return { zh: '日期格式应为 年-月-日,例如 2026-12-31', en: 'must be a date such as 2026-12-31' };
      if (i.format === 'datetime') return { zh: '时间格式不正确,例如 2026-12-31 09:30', en: 'must be a time such as 2026-12-31 09:30' };
      return { zh: '格式不正确', en: 'is not in the expected format' };
    case 'not_multiple_of':
      return { zh: `应为 ${String(i.divisor)} 的整数倍`, en: `must be a multiple of ${String(i.divisor)}` };
    case 'invalid_value':
    case 'invalid_union':
      return { zh: '不是可选的值,请从列表中选择', en: 'is not one of the choices; pick one from the list' };
    case 'unrecognized_keys':
      return { zh: '含有无法识别的内容', en: 'has fields that are not recognised' };
    case 'custom': {
      const zh = (i.params as { zh?: unknown } | undefined)?.zh;
      const slash = issue.message.indexOf(' / ');
      if (typeof zh === 'string') return { zh, en: issue.message };
      if (slash > 0) return { zh: issue.message.slice(0, slash), en: issue.message.slice(slash + 3) };
      return { zh: HAS_CJK.test(issue.message) ? issue.message : '内容不正确,请检查后重新填写', en: issue.message };
    }
    default:
      return { zh: '内容不正确', en: issue.message };
  }
}

/** `input` is what was validated, to tell a missing value from a wrong one. */
export function fieldDetails(error: z.ZodError, part: 'body' | 'query', input: unknown): FieldDetail[] {
  return error.issues.map((issue) => {
    const { zh, en } = describe(issue, input);
    return { field: issue.path.join('.') || part, message: en, messageZh: zh };
  });
}

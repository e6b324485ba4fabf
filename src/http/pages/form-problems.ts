// A refused form, told to the person who filled it in: each problem in the page's language only, beginning
// with the field's name as the form labels it ("结束日期:不能早于开始日期"), keyed by field so the template can
// put it beside the control and highlight it, and listed again in the summary at the top of the form.
// The API answers the same refusal with both languages and its codes; none of that reaches the page.
import type { HttpError } from '../http-error.ts';
import type { Lang } from '../i18n.ts';

export type FieldNames = Record<string, { zh: string; en: string }>;

export interface PageProblem {
  /** The form field (its control has id `f-FIELD`), or null for a problem with the form as a whole. */
  field: string | null;
  message: string;
}

export interface PageProblems {
  /** The refusal in a sentence, when it says more than "see the fields below"; null for a schema refusal. */
  summary: string | null;
  problems: PageProblem[];
  /** The first problem of each field, without the field's name: the text beside the control. */
  byField: Record<string, string>;
}

interface Detail {
  field?: unknown;
  message?: unknown;
  messageZh?: unknown;
}

const HAS_CJK = /[\u3400-\u9fff]/;

/** The detail's text in `lang`; an older bilingual "中文 / English" message is split at its slash. */
function textOf(detail: Detail, lang: Lang): string {
  const en = typeof detail.message === 'string' ? detail.message : '';
  const zh = typeof detail.messageZh === 'string' ? detail.messageZh : '';
  const [left, right] = en.includes(' / ') ? [en.slice(0, en.indexOf(' / ')), en.slice(en.indexOf(' / ') + 3)] : [en, en];
  if (lang === 'zh') return zh || (HAS_CJK.test(left) ? left : '内容不正确,请检查后重新填写');
  return HAS_CJK.test(right) ? 'is not valid; check it and try again' : right || 'is not valid; check it and try again';
}

/** The field's name on the form: exact, then with list positions as `*` (services.*.personDays), then its head. */
export function fieldName(field: string, names: FieldNames, lang: Lang): string | null {
  const entry = names[field] ?? names[field.replace(/\.\d+(?=\.|$)/g, '.*')] ?? names[field.split('.')[0]!];
  return entry ? entry[lang] : null;
}

export function pageProblems(refusal: HttpError, lang: Lang, names: FieldNames = {}): PageProblems {
  const details: Detail[] = Array.isArray(refusal.details) ? (refusal.details as Detail[]) : [];
  const problems: PageProblem[] = [];
  const byField: Record<string, string> = {};
  for (const detail of details) {
    const field = typeof detail.field === 'string' && detail.field !== '' ? detail.field : null;
    const text = textOf(detail, lang);
    const name = field ? fieldName(field, names, lang) : null;
    if (field && !(field in byField)) byField[field] = text;
    problems.push({ field: name ? field : null, message: name ? `${name}${lang === 'zh' ? ':' : ': '}${text}` : text });
  }
  const summary = refusal.code === 'VALIDATION_FAILED' && problems.length > 0 ? null : lang === 'zh' ? refusal.messageZh : refusal.message;
  if (problems.length === 0 && summary) problems.push({ field: null, message: summary });
  return { summary, problems, byField };
}

// What the request pages share: the form fields' names (for a refusal's summary and the text beside each field),
// times typed in Asia/Shanghai, and a refusal turned into the page's words.
import { formatShanghaiIso } from '../../calendar/shanghai-time.ts';
import type { Lang } from '../i18n.ts';
import { pageProblems, type FieldNames, type PageProblems } from './form-problems.ts';
import { textField } from './form-body.ts';
import { formRefusal } from './page-context.ts';

export const REQUEST_FIELD_NAMES: FieldNames = {
  contractId: { zh: '合同', en: 'Contract' },
  service: { zh: '服务项目', en: 'Service' },
  openedAt: { zh: '受理时间', en: 'Received at' },
  summary: { zh: '问题描述', en: 'Summary' },
  respondedAt: { zh: '响应时间', en: 'Responded at' },
  assignee: { zh: '处理人', en: 'Assignee' },
  priority: { zh: '优先级', en: 'Priority' },
  reason: { zh: '原因', en: 'Reason' },
  body: { zh: '内容', en: 'Text' },
  kind: { zh: '类型', en: 'Kind' },
  state: { zh: '状态', en: 'Status' },
  resolution: { zh: '解决说明', en: 'Resolution' },
};

/** A refusal a person can fix, in the page's language, with its HTTP status; anything else is rethrown. */
export function problemsOf(err: unknown, lang: Lang): PageProblems & { status: number; code: string } {
  const refusal = formRefusal(err);
  return { ...pageProblems(refusal, lang, REQUEST_FIELD_NAMES), status: refusal.status, code: refusal.code };
}

export const localNow = () => formatShanghaiIso(Date.now()).slice(0, 16);

/**
 * A datetime-local value as the API's text: the wall-clock time in Asia/Shanghai with its offset; anything else
 * (an instant with an offset, or text that is no time) as typed. The API's schema then decides, range included.
 */
export function asInstantText(value: string | undefined): string | undefined {
  const typed = textField(value);
  const local = typed === undefined ? null : /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(typed);
  return local ? `${local[1]}${local[2] ?? ':00'}+08:00` : typed;
}

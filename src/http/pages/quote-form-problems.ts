// A refused quote, told on the quote form: each reason beside the field it is about, named as the form labels
// it, in the page's language only. The sales rules name their fields as the API body has them
// (specialServices[1].quantity, licenceFen) or name the services (ON_PREMISE_ONLY); here they become the form's.
import { SPECIAL_SERVICES } from '../../catalog/catalog-codes.ts';
import { serviceName } from '../../catalog/catalog-names.ts';
import { HttpError } from '../http-error.ts';
import type { Lang } from '../i18n.ts';
import { pageProblems, type FieldNames, type PageProblems } from './form-problems.ts';
import type { QuoteForm } from './quote-form.ts';

const BASE_NAMES: FieldNames = {
  customerId: { zh: '已有客户', en: 'Existing customer' },
  customerName: { zh: '客户名称', en: 'Customer name' },
  offering: { zh: '部署', en: 'Deployment' },
  tier: { zh: '服务产品', en: 'Tier' },
  termYears: { zh: '服务年限', en: 'Term' },
  licence: { zh: '软件许可金额', en: 'Licence amount' },
  discount: { zh: '折扣', en: 'Discount' },
  codeDiagnosisUses: { zh: '每年代码诊断次数', en: 'Code-diagnosis uses a year' },
  notes: { zh: '备注', en: 'Notes' },
};

/** The form's field names: the fixed ones and, for each special service, its tick box, quantity and trips. */
export const QUOTE_FIELD_NAMES: FieldNames = {
  ...BASE_NAMES,
  ...Object.fromEntries(
    SPECIAL_SERVICES.flatMap((s) => {
      const zh = serviceName(s.code, 'zh');
      const en = serviceName(s.code, 'en');
      return [
        [`service_${s.code}`, { zh, en }],
        [`quantity_${s.code}`, { zh: `${zh}数量`, en: `${en}: quantity` }],
        [`trips_${s.code}`, { zh: `${zh}出差次数`, en: `${en}: trips` }],
      ];
    }),
  ),
};

/** The ticked services in the order the draft lists them: a reason's specialServices[i] is the i-th of these. */
function tickedServices(form: QuoteForm): string[] {
  return SPECIAL_SERVICES.filter((s) => form[`service_${s.code}`]).map((s) => s.code);
}

/** A field path of the sales rules as the form's field. */
function formFieldOf(path: string, ticked: string[]): string {
  const service = /^specialServices\[(\d+)\]\.(quantity|trips)$/.exec(path);
  if (service) return `${service[2]}_${ticked[Number(service[1])] ?? ''}`;
  if (path.startsWith('codeDiagnosis')) return 'codeDiagnosisUses';
  return { licenceFen: 'licence', discountBasisPoints: 'discount' }[path] ?? path;
}

interface Reason {
  field?: string;
  message?: string;
}

export function quoteFormProblems(refusal: HttpError, lang: Lang, form: QuoteForm): PageProblems {
  const details = refusal.details as { reasons?: Reason[]; services?: string[] } | unknown[] | null;
  if (details && !Array.isArray(details)) {
    if (Array.isArray(details.reasons)) {
      const ticked = tickedServices(form);
      const reasons = details.reasons.map((r) => ({ field: formFieldOf(String(r.field ?? ''), ticked), message: r.message }));
      return pageProblems(new HttpError(refusal.status, 'VALIDATION_FAILED', refusal.messageZh, refusal.message, reasons), lang, QUOTE_FIELD_NAMES);
    }
    if (Array.isArray(details.services)) {
      // The form comes back as a cloud form, with these services held (hidden, kept): no field to point at.
      const reasons = details.services.map((code) => ({
        field: null,
        messageZh: `${serviceName(code, 'zh')}:仅限私有云客户,不能报给公有云客户;已从本报价移出并保留,切回私有云即恢复`,
        message: `${serviceName(code, 'en')}: only on-premise customers may have it; it is taken off this quote and kept, and switching back to on premise restores it`,
      }));
      return pageProblems(new HttpError(refusal.status, 'VALIDATION_FAILED', refusal.messageZh, refusal.message, reasons), lang, QUOTE_FIELD_NAMES);
    }
  }
  return pageProblems(refusal, lang, QUOTE_FIELD_NAMES);
}

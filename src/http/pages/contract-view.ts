// What the contract page shows, in the page's language: every service by its name (the code only as small
// secondary text), the reasons a decision says no, the warnings until they are fixed, and the services whose
// quota a use can be recorded against.
import { serviceName } from '../../catalog/catalog-names.ts';
import type { ContractWarning } from '../../contracts/contract-warnings.ts';
import type { Contract } from '../../contracts/contract-store.ts';
import type { Decision } from '../../entitlement/decision.ts';
import type { ReasonCode } from '../../entitlement/reasons.ts';
import type { HttpError } from '../http-error.ts';
import { translate, type Lang } from '../i18n.ts';
import { pageProblems, type FieldNames } from './form-problems.ts';

const REASON_WORDS: Record<ReasonCode, string> = {
  NOT_IN_TIER: 'reasonNotInTier',
  NOT_OFFERED: 'reasonNotOffered',
  ON_PREMISE_ONLY: 'reasonOnPremiseOnly',
  NOT_PURCHASED: 'reasonNotPurchased',
  QUOTA_EXHAUSTED: 'reasonQuotaExhausted',
  CONTRACT_INACTIVE: 'reasonContractInactive',
  NO_ACTIVE_POLICY: 'reasonNoActivePolicy',
};

/** The usage form's fields as it labels them. */
const USAGE_FIELDS: FieldNames = {
  service: { zh: '服务', en: 'Service' },
  personDays: { zh: '人天', en: 'Person-days' },
  onsite: { zh: '现场服务', en: 'On site' },
  note: { zh: '备注', en: 'Note' },
  overrideReason: { zh: '超额登记的理由', en: 'Reason to go beyond the grant' },
  'override.reason': { zh: '超额登记的理由', en: 'Reason to go beyond the grant' },
};

export function warningText(w: ContractWarning, lang: Lang): string {
  return lang === 'zh' ? w.messageZh : w.messageEn;
}

function quotaText(d: Decision, lang: Lang): string {
  const q = d.quota;
  if (!q) return '';
  if (q.kind === 'person_days') return translate('personDaysLeft', lang, { n: q.remaining });
  const parts = [translate('usesOf', lang, { used: q.used, of: q.perYear }), translate('personDaysEach', lang, { n: q.personDaysEach })];
  if (!q.onsite) parts.push(translate('offsite', lang));
  return parts.join(lang === 'zh' ? ',' : ', ');
}

/** The contract page's data: the decisions and services named, warnings and reasons in `lang` only. */
export function contractPageView(view: { contract: Contract; decisions: Decision[] }, warnings: ContractWarning[], lang: Lang) {
  const decisions = view.decisions.map((d) => ({
    ...d,
    name: serviceName(d.service, lang),
    reasonTexts: d.reasons.map((r) => translate(REASON_WORDS[r.code], lang)),
  }));
  return {
    contract: { ...view.contract, services: view.contract.services.map((s) => ({ ...s, name: serviceName(s.service, lang) })) },
    decisions,
    warnings: warnings.map((w) => ({ ...w, text: warningText(w, lang) })),
    usageOptions: decisions.filter((d) => d.quota).map((d) => ({ value: d.service, name: d.name, detail: quotaText(d, lang) })),
  };
}

/** A refused use, for the form: its summary and the text beside each field, in `lang` only. */
export function usageProblems(refusal: HttpError, lang: Lang) {
  const { summary, problems, byField } = pageProblems(refusal, lang, USAGE_FIELDS);
  // The API names the override's reason `override.reason`; the form's field is overrideReason.
  if (byField['override.reason'] && !byField.overrideReason) byField.overrideReason = byField['override.reason'];
  return { summary, problems: problems.map((p) => (p.field === 'override.reason' ? { ...p, field: 'overrideReason' } : p)), byField };
}

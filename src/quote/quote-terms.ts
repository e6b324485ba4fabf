// The terms a quote is issued under, in both languages, read through the one i18n helper (src/shared/i18n.ts).
// They are stored with each quote, so changing them here changes the quotes made from now on, never one already
// issued.
import { translator, type Lang, type Words } from '../shared/i18n.ts';

const TERMS = {
  validity: { zh: '本报价自报价日期起 {days} 天内有效。', en: 'This quotation is valid for {days} days from its date.' },
  currency: { zh: '金额以人民币计,含增值税;服务期自合同约定的开始日期起算。', en: 'Amounts are in RMB including VAT; the service term starts on the date the contract sets.' },
  catalog: { zh: '服务内容以报价所依据的服务产品目录(策略版本 v{version})为准。', en: 'Services are as the catalog this quotation was made from (policy version v{version}) describes.' },
  settlement: { zh: '专项服务按实际交付的人天或项结算,差旅补贴按实际出差次数结算。', en: 'Special services are settled by the person-days or items delivered; travel allowances by the trips made.' },
} as const satisfies Words;

const t = translator('quote terms', TERMS);

export function quoteTerms(validDays: number, policyVersion: number): Record<Lang, string[]> {
  const terms = (lang: Lang) => [t('validity', lang, { days: validDays }), t('currency', lang), t('catalog', lang, { version: policyVersion }), t('settlement', lang)];
  return { zh: terms('zh'), en: terms('en') };
}

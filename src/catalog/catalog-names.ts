// The names people read for offerings and tiers, in Chinese and English, defined once for pages, reports, quotes,
// contract files and policy workbooks alike. An offering has two forms: the product's full name, as a quote or a
// workbook title writes it, and the short form that labels a column or a page beside other offerings.
import type { Offering, Tier } from './catalog-codes.ts';

export interface Names {
  zh: string;
  en: string;
}

export const OFFERING_NAMES: Record<Offering, { product: Names; short: Names }> = {
  cloud: {
    product: { zh: '金蝶云星空(公有云)', en: 'Cloud Galaxy (public cloud)' },
    short: { zh: '公有云', en: 'Public cloud' },
  },
  on_premise: {
    product: { zh: '金蝶云星空(On Premise)', en: 'Cloud Galaxy (on premise)' },
    short: { zh: '私有云(On Premise)', en: 'On premise' },
  },
};

/** `short` is what a workbook's tier column may say instead of the full name (基础 for 基础服务). */
export const TIER_NAMES: Record<Tier, Names & { short: string }> = {
  basic: { zh: '基础服务', short: '基础', en: 'Basic' },
  preferred: { zh: '优选服务', short: '优选', en: 'Preferred' },
  premium: { zh: '尊享服务', short: '尊享', en: 'Premium' },
};

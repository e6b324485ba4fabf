// Page text in Simplified Chinese first, English on request (?lang=en, remembered in a cookie). The words live
// in src/http/words, one file per area of the site; this file puts them into one table and reads it through the
// one i18n helper (src/shared/i18n.ts: `{name}` placeholders; a missing key throws under test and shows as the
// key, logged once, in production).
import { translator, type Lang } from '../shared/i18n.ts';
import { ADMIN_WORDS } from './words/admin-words.ts';
import { APPROVAL_WORDS } from './words/approval-words.ts';
import { AUDIT_WORDS } from './words/audit-words.ts';
import { CONTRACT_WORDS } from './words/contract-words.ts';
import { HOLIDAY_WORDS } from './words/holiday-words.ts';
import { HOME_WORDS } from './words/home-words.ts';
import { LIST_WORDS } from './words/list-words.ts';
import { POLICY_WORDS } from './words/policy-words.ts';
import { QUOTE_WORDS } from './words/quote-words.ts';
import { REPORT_PAGE_WORDS } from './words/report-words.ts';
import { REQUEST_WORDS } from './words/request-words.ts';
import { SITE_WORDS } from './words/site-words.ts';
import { SSO_WORDS } from './words/sso-words.ts';

export type { Lang };

/** Each area's words; a key is in one area only (test/shared/words.test.ts). */
export const PAGE_WORD_AREAS = [SITE_WORDS, HOME_WORDS, POLICY_WORDS, CONTRACT_WORDS, REQUEST_WORDS, QUOTE_WORDS, HOLIDAY_WORDS, REPORT_PAGE_WORDS, LIST_WORDS, APPROVAL_WORDS, AUDIT_WORDS, ADMIN_WORDS, SSO_WORDS] as const;

export const MESSAGES = { ...SITE_WORDS, ...HOME_WORDS, ...POLICY_WORDS, ...CONTRACT_WORDS, ...REQUEST_WORDS, ...QUOTE_WORDS, ...HOLIDAY_WORDS, ...REPORT_PAGE_WORDS, ...LIST_WORDS, ...APPROVAL_WORDS, ...AUDIT_WORDS, ...ADMIN_WORDS, ...SSO_WORDS };

export type MessageKey = keyof typeof MESSAGES;

/** A page's words in `lang`; keys come from templates too, so any string is taken. */
export const translate = translator('page', MESSAGES);

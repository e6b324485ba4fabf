// Refusals are collected rather than thrown: the form shows every field at fault at once, and the API's 422
// lists the same reasons.
import type { QuoteRefusal, QuoteRefusalCode } from './quote-types.ts';

export type Refuse = (code: QuoteRefusalCode, field: string, zh: string, en: string) => void;

export function refusalCollector(): { refusals: QuoteRefusal[]; refuse: Refuse } {
  const refusals: QuoteRefusal[] = [];
  return {
    refusals,
    refuse: (code, field, zh, en) => {
      refusals.push({ code, field, message: `${zh} / ${en}` });
    },
  };
}

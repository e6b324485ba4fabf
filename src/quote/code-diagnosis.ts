// Code diagnosis (代码诊断) is part of a tier, a few uses a year. A customer who wants more buys the excess as
// dev_support_project person-days (issue 6, Rules and money): the uses within the quota show on the quote at
// no charge, so the customer sees what the tier already gives, and the rest is a priced line that names the
// quota it goes beyond.
import { TIER_NAMES } from '../catalog/catalog-names.ts';
import type { PriceList } from '../catalog/price-list.ts';
import { multiplyRoundHalfUp } from './money.ts';
import { findServicePrice, specialServiceName } from './price-lookup.ts';
import { decimalQuantity, multiplyQuantities, quantityOf, type Quantity } from './quantity.ts';
import type { Refuse } from './quote-refusals.ts';
import type { QuoteInput, QuoteLine } from './quote-types.ts';

export const DEV_SUPPORT_SERVICE = 'dev_support_project';
const MAX_USES_PER_YEAR = 365;
const MAX_PERSON_DAYS_EACH = 1000;

/** Person-days of one use, exactly (the workbook may say 0.5 or 1.25), or null when it is not a sensible size. */
function useSize(value: number): Quantity | null {
  const q = decimalQuantity(value, 6);
  return q && q.numerator > 0 && q.numerator / q.denominator <= MAX_PERSON_DAYS_EACH ? q : null;
}

/** The quote lines for the requested code-diagnosis uses; refusals go to `refuse`, and then the lines are moot. */
export function codeDiagnosisLines(priceList: PriceList, input: QuoteInput, years: number, refuse: Refuse): QuoteLine[] {
  const requested = input.codeDiagnosisRequested;
  if (!requested) return [];
  const { uses } = requested;
  if (!Number.isInteger(uses) || uses < 0 || uses > MAX_USES_PER_YEAR) {
    refuse('INVALID_QUANTITY', 'codeDiagnosisRequested.uses', `代码诊断次数应为 0–${MAX_USES_PER_YEAR} 的整数（每年）`, `code-diagnosis uses must be a whole number from 0 to ${MAX_USES_PER_YEAR} a year`);
    return [];
  }
  const allowance = input.includedCodeDiagnosis;
  const tierName = TIER_NAMES[input.tier].zh;
  const lines: QuoteLine[] = [];

  let perYear = 0;
  let tierSize: Quantity | null = null;
  if (allowance) {
    tierSize = useSize(allowance.personDaysEach);
    if (!Number.isInteger(allowance.perYear) || allowance.perYear < 0 || !tierSize) {
      refuse('INVALID_QUANTITY', 'includedCodeDiagnosis', `${tierName}的代码诊断配额不可用`, `the tier’s code-diagnosis quota is not usable`);
      return [];
    }
    perYear = allowance.perYear;
    const included = Math.min(uses, perYear);
    if (included > 0) {
      lines.push({
        kind: 'code_diagnosis_included',
        code: 'code_diagnosis',
        name: `代码诊断（${tierName}内含）`,
        unit: '次',
        quantity: quantityOf(included * years),
        unitFen: 0,
        amountFen: 0,
        discountable: true,
        note: `${tierName}每年含 ${perYear} 次，每次 ${tierSize.display} 人天，不另收费`,
      });
    }
  }

  const excess = uses - perYear;
  if (excess <= 0) return lines;
  const size = requested.personDaysEach === undefined ? tierSize : useSize(requested.personDaysEach);
  if (!size) {
    refuse(
      'INVALID_QUANTITY',
      'codeDiagnosisRequested.personDaysEach',
      allowance ? '每次代码诊断的人天数应为正数' : `${tierName}不含代码诊断：请填写每次的人天数`,
      allowance ? 'person-days per code-diagnosis use must be positive' : 'the tier includes no code diagnosis: give the person-days each use takes',
    );
    return [];
  }
  const price = findServicePrice(priceList, DEV_SUPPORT_SERVICE, input.offering);
  if (!price || price.unit !== 'person_day') {
    refuse(
      'NO_PRICE',
      'codeDiagnosisRequested.uses',
      `价格表中没有“${specialServiceName(DEV_SUPPORT_SERVICE)}”的人天价格，无法报价超出配额的代码诊断`,
      `the price list has no per-person-day price for ${DEV_SUPPORT_SERVICE}, so code diagnosis beyond the quota cannot be quoted`,
    );
    return [];
  }
  const quantity = multiplyQuantities(quantityOf(excess * years), size);
  const quota = allowance ? `${tierName}配额每年 ${perYear} 次` : `${tierName}不含代码诊断`;
  lines.push({
    kind: 'code_diagnosis_extra',
    code: DEV_SUPPORT_SERVICE,
    name: `${specialServiceName(DEV_SUPPORT_SERVICE)}（代码诊断超出配额）`,
    unit: '人天',
    quantity,
    unitFen: price.unitFen,
    amountFen: multiplyRoundHalfUp(price.unitFen, quantity.numerator, quantity.denominator),
    discountable: true,
    note: `${quota}；每年超出 ${excess} 次 × 每次 ${size.display} 人天 × ${years} 年`,
    source: price.source,
  });
  return lines;
}

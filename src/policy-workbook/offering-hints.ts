// Which offering a sheet name or a title points at. A text that names both offerings ("公有云 vs 私有云")
// or neither points at none, so an aside about the other catalog never flips a table.
import type { Offering } from '../catalog/catalog-codes.ts';

const ON_PREMISE_HINT = /on\s*-?\s*premises?|private\s*cloud|私有云|本地部署/i;
// Not a bare 云: the product name 金蝶云星空 contains it.
const CLOUD_HINT = /公有云|saas|public\s*cloud/i;

export function offeringHint(text: string): Offering | null {
  const onPremise = ON_PREMISE_HINT.test(text);
  if (onPremise === CLOUD_HINT.test(text)) return null;
  return onPremise ? 'on_premise' : 'cloud';
}

export function offeringFromText(text: string): Offering {
  return offeringHint(text) ?? 'cloud';
}

/** The sheet name, then the table's own title, then the sheet's title: the first that names one offering decides. */
export function tableOffering(sheetName: string, tableTitle: string | null, sheetTitle: string | null): Offering {
  for (const text of [sheetName, tableTitle, sheetTitle]) {
    const hint = text === null ? null : offeringHint(text);
    if (hint) return hint;
  }
  return 'cloud';
}

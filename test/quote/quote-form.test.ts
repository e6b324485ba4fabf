// The quote form's fields and a quote's draft: one form for both offerings holds what a cloud quote cannot sell
// (keep_… fields) and gives it back on premise; a stored quote becomes the form a copy or a revision starts from.
import { describe, expect, it } from 'vitest';
import { SPECIAL_SERVICES } from '../../src/catalog/catalog-codes.ts';
import { draftFromForm, formOfDraft, serviceRows, settleOffering } from '../../src/http/pages/quote-form.ts';
import { footerTemplate } from '../../src/quote/pdf-renderer.ts';
import { draftOfQuote } from '../../src/quote/quote-draft.ts';
import type { Quote, QuoteFormCatalog } from '../../src/quote/quote-service.ts';
import { quantityOf } from '../../src/quote/quantity.ts';

const CATALOG: QuoteFormCatalog = {
  services: SPECIAL_SERVICES.map((s) => ({ code: s.code, onPremiseOnly: s.onPremiseOnly, unit: { on_premise: s.code === 'cluster_ha' ? '项' : '人天', cloud: s.onPremiseOnly ? null : '人天' }, travel: s.code === 'onsite_support' })),
  licenceShare: ['on_premise:premium'],
};

const typed = { customerName: '温州电气', offering: 'on_premise', tier: 'premium', termYears: '2', licence: '1000000', discount: '5', service_db_migration: '1', quantity_db_migration: '10', service_data_repair: '1', quantity_data_repair: '2.5', notes: '备注' };

describe('one form for both offerings', () => {
  it('holds the on-premise-only services of a form switched to cloud, sells the rest, and gives them back on premise', () => {
    const cloud = settleOffering({ ...typed, offering: 'cloud' }, { hold: true });
    expect(cloud).toMatchObject({ keep_service_db_migration: '1', keep_quantity_db_migration: '10', service_data_repair: '1', quantity_data_repair: '2.5' });
    expect(cloud.service_db_migration).toBeUndefined();
    expect(draftFromForm(cloud).specialServices).toEqual([{ service: 'data_repair', quantity: 2.5 }]);
    const rows = serviceRows(cloud, CATALOG, 'zh');
    expect(rows.find((r) => r.code === 'db_migration')).toMatchObject({ held: true, prefix: 'keep_', checked: true, quantity: '10', name: '数据库迁移', unit: '人天' });
    expect(rows.find((r) => r.code === 'data_repair')).toMatchObject({ held: false, prefix: '', checked: true, quantity: '2.5' });

    const back = settleOffering({ ...cloud, offering: 'on_premise' }, { hold: true });
    expect(back).toMatchObject({ service_db_migration: '1', quantity_db_migration: '10' });
    expect(back.keep_service_db_migration).toBeUndefined();
    expect(draftFromForm(back).specialServices.map((s) => s.service).sort()).toEqual(['data_repair', 'db_migration']);
  });

  it('does not quietly drop an on-premise-only service posted under its own name with a cloud quote', () => {
    const form = settleOffering({ ...typed, offering: 'cloud' }, { hold: false });
    expect(draftFromForm(form).specialServices.map((s) => s.service)).toContain('db_migration');
  });

  it('names services in the page language and takes each unit from the price list', () => {
    const rows = serviceRows({ offering: 'on_premise' }, CATALOG, 'en');
    expect(rows.find((r) => r.code === 'cluster_ha')).toMatchObject({ name: 'Clustering and high availability', unit: '项' });
    expect(rows.every((r) => r.unit !== null && r.name !== r.code)).toBe(true);
  });
});

describe('a stored quote as the form a copy or revision starts from', () => {
  const quote = (document: Partial<Quote['document']>): Quote =>
    ({ customerId: 7, offering: 'on_premise', tier: 'premium', termYears: 2, discountBasisPoints: 1250, document: { notes: '备注', lines: [], ...document } }) as unknown as Quote;

  it('gives back the draft as asked, and the form as typed', () => {
    const draft = draftOfQuote(quote({ asked: { licenceFen: 100_000_050, specialServices: [{ service: 'onsite_support', quantity: 3, trips: 2 }], codeDiagnosisUses: 5 } }));
    expect(draft).toMatchObject({ customerId: 7, offering: 'on_premise', tier: 'premium', termYears: 2, discountBasisPoints: 1250, licenceFen: 100_000_050, codeDiagnosisUses: 5, notes: '备注' });
    const form = formOfDraft(draft);
    expect(form).toMatchObject({ customerId: '7', licence: '1000000.50', discount: '12.5', service_onsite_support: '1', quantity_onsite_support: '3', trips_onsite_support: '2', codeDiagnosisUses: '5', termYears: '2' });
    expect(draftFromForm(form)).toMatchObject({ customerId: 7, licenceFen: 100_000_050, discountBasisPoints: 1250, codeDiagnosisUses: 5, specialServices: [{ service: 'onsite_support', quantity: 3, trips: 2 }] });
  });

  it('reads the special services and trips back from the lines of a quote stored before the draft was', () => {
    const line = (kind: string, code: string, n: number, d = 1) => ({ kind, code, quantity: quantityOf(n, d) });
    const draft = draftOfQuote(quote({ lines: [line('tier_fee', 'premium', 2), line('special_service', 'data_repair', 5, 2), line('special_service', 'onsite_support', 3), line('travel_allowance', 'onsite_support', 2)] as never }));
    expect(draft.specialServices).toEqual([{ service: 'data_repair', quantity: 2.5 }, { service: 'onsite_support', quantity: 3, trips: 2 }]);
    expect(draft.licenceFen).toBeNull();
  });
});

describe("the PDF's page footer", () => {
  it("puts Chromium's page number and page count into the line, and escapes the rest", () => {
    const html = footerTemplate('第 {page} 页 / 共 {pages} 页 <b>');
    expect(html).toContain('第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页 &#60;b&#62;');
  });
});

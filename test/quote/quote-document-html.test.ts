// The quote document's HTML (templates/quote.hbs), as the page and the PDF render it: the seller block and the
// signature area for both parties, a watermark on every quote not issued, and print rules that keep rows, units
// and 大写 whole. (The PDF itself, with its page numbers, is read back in test/browser/quote-journey.test.ts.)
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { createViews } from '../../src/http/views.ts';
import { quoteForPage } from '../../src/http/pages/quote-document-view.ts';
import type { Quote } from '../../src/quote/quote-service.ts';
import type { QuoteStatus } from '../../src/quote/quote-store.ts';
import { quantityOf } from '../../src/quote/quantity.ts';

const views = createViews(path.resolve('templates'));
const seller = { ...loadConfig({}).seller, company: '杭州<云>服务有限公司' };

function quote(status: QuoteStatus): Quote {
  return {
    id: 1, number: 'Q-2026-000001', baseNumber: 'Q-2026-000001', revision: 1, customerId: 1, customerName: '温州电气', offering: 'on_premise', tier: 'premium', termYears: 1,
    discountBasisPoints: 0, status, policy: { id: 1, version: 1 }, totalFen: 106_000, validUntil: '2027-01-04', createdBy: 'sales.user', createdAt: '2026-12-05T02:00:00.000Z',
    decidedBy: null, decidedAt: null, decisionNote: null,
    document: {
      offering: 'on_premise', tier: 'premium', termYears: 1,
      lines: [{ kind: 'special_service', code: 'data_repair', name: '数据修复', unit: '人天', quantity: quantityOf(5, 2), unitFen: 40_000, amountFen: 100_000, discountable: true }],
      subtotalFen: 100_000, discountBasisPoints: 0, discountBaseFen: 100_000, discountFen: 0, netFen: 100_000, vatBasisPoints: 600, vatFen: 6_000, totalFen: 106_000,
      totalCapital: '人民币壹仟零陆拾元整', sample: false, customer: { id: 1, name: '温州电气' }, date: '2026-12-05', validUntil: '2027-01-04', policy: { id: 1, version: 1 },
      includes: [], onPremiseOnly: [], notes: '', rules: [], validDays: 30, terms: { zh: ['条款一'], en: ['Term one'] }, seller,
    },
  };
}

const render = (status: QuoteStatus, lang: 'zh' | 'en' = 'zh') =>
  views.renderDocument('quote', { lang, title: '', principal: null, csrfToken: null, can: {}, quote: quoteForPage(quote(status), lang), seller, toolbar: null });

describe('the quote document', () => {
  it('names the seller with its address, credit code, bank, account and sales contact, escaped', () => {
    const html = render('issued');
    for (const text of ['杭州&lt;云&gt;服务有限公司', seller.address, seller.creditCode, seller.bank, seller.account, seller.contact.name, seller.contact.phone, seller.contact.email, '统一社会信用代码', '开户行']) {
      expect(html).toContain(text);
    }
  });

  it('has a signature and seal area for both parties', () => {
    const area = render('issued').split('data-signatures')[1]!;
    expect(area).toMatch(/甲方\(买方\)[\s\S]*温州电气[\s\S]*授权代表签字[\s\S]*盖章[\s\S]*日期[\s\S]*乙方\(卖方\)[\s\S]*杭州&lt;云&gt;服务有限公司[\s\S]*盖章/);
  });

  it('watermarks a quote pending approval or rejected, and not an issued one', () => {
    expect(render('issued')).not.toContain('data-watermark');
    expect(render('pending_approval')).toMatch(/data-watermark="pending_approval"><span data-text="待审批"><\/span>/);
    expect(render('rejected')).toMatch(/data-watermark="rejected"><span data-text="已驳回"><\/span>/);
    expect(render('rejected', 'en')).toMatch(/data-watermark="rejected"><span data-text="REJECTED"><\/span>/);
    expect(render('pending_approval')).toContain('不可签署');
  });

  it('keeps rows, units and 大写 whole in print, and does not repeat the totals on every page', () => {
    const html = render('issued');
    expect(html).toMatch(/tr \{ break-inside: avoid;/);
    expect(html).toMatch(/\.unit \{ white-space: nowrap; \}/);
    expect(html).toMatch(/td\.capital \{[^}]*white-space: nowrap/);
    expect(html).toMatch(/tfoot \{ display: table-row-group;/);
    expect(html).toContain('<td class="unit">人天</td>');
    expect(html).toContain('data-total="capital">人民币壹仟零陆拾元整</td>');
  });

  it('speaks English only on an English page', () => {
    const html = render('issued', 'en');
    expect(html).toContain('Unified social credit code');
    expect(html).toContain('Party B (seller)');
    expect(html).toContain('<td class="unit">person-days</td>');
    // The lines are stored in Chinese, as printed; an English page names them from the catalog.
    expect(html).toContain('<td>Data repair</td>');
    expect(html).not.toContain('数据修复');
    expect(html).not.toMatch(/统一社会信用代码|乙方|盖章/);
  });
});

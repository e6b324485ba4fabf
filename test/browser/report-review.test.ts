// A headquarters expert reviews a 尊享 yearly report in a real browser: finds it in 专家审核, reads its figures
// (the report itself, framed), rewords a line of advice and approves; the report is queued with the expert's
// name under 总部专家建议. Then a manager tries the run of issue 13 — a yearly run for a day after today with
// 试运行 unticked — and is refused, with the reason beside the form. Screenshots in test/artifacts/reviews/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/calendar/shanghai-time.ts';
import { shanghaiDate } from '../../src/calendar/instants.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const CUSTOMER = '华东精密<script>alert(1)</script>';
const SUBJECT = `【金蝶云星空】${CUSTOMER} 年度服务报告(2025-11-28 至 2026-11-27)`;
const sh = (local: string) => new Date(`${local}+08:00`);

describe('an expert reviews a 尊享 report, a manager is refused a run not yet owed, in Chromium', { timeout: 90_000 }, () => {
  let b: BrowserApp;
  let page: Page;
  let contractId: number;
  const dialogs: string[] = [];

  useBrowserApp('reviews', { sampleActiveSince: new Date('2025-01-01T00:00:00Z') }, async (opened) => {
    b = opened;
    page = b.page;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const { contracts, requests, reports } = b.t.deps;
    const customer = await contracts.createCustomer({
      name: CUSTOMER,
      contacts: [
        { name: '王工', email: 'it@huadong.example', role: 'contact' },
        { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' },
      ],
    }, { name: 'test', address: null });
    contractId = (await contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    for (const [openedAt, respondedAt] of [
      ['2026-03-02T10:00:00', '2026-03-02T11:00:00'],
      ['2026-03-03T10:00:00', '2026-03-03T15:00:00'],
      ['2026-06-10T09:00:00', '2026-06-10T10:30:00'],
    ] as const) {
      const { request } = await requests.open({ contractId, service: 'emergency_fault', openedAt: sh(openedAt), summary: `紧急故障 ${openedAt}` }, 'desk');
      await requests.respond(request.id, sh(respondedAt), 'desk');
    }
    // The yearly slot of 2026-11-28 drafts the year for review.
    await reports.jobs.run('yearly', sh('2026-11-28T07:00:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
  });

  it('the expert opens 专家审核, reads the report, rewords a line and approves: queued with the expert’s name', async () => {
    await b.signIn('expert.user');
    await Promise.all([page.waitForURL(`${b.base}/reports/reviews`), page.locator('nav a[href="/reports/reviews"]').click()]);
    expect(await page.locator('h1').innerText()).toBe('专家审核');
    const row = page.locator('#review-list tbody tr', { hasText: SUBJECT });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('待审核');
    await b.screenshot('review-queue');

    await Promise.all([page.waitForURL(/\/reports\/reviews\/\d+$/), row.locator('a').first().click()]);
    expect(await page.locator('#review-subject').innerText()).toBe(SUBJECT);
    // The figures: the report itself in its frame, with its chart and the drafted advice.
    const frame = page.frameLocator('iframe.report-frame');
    await expect.poll(() => frame.locator('h1').innerText()).toBe(`${CUSTOMER} 年度服务报告`);
    const framed = await frame.locator('body').innerText();
    expect(framed).toContain('逐月情况');
    expect(framed).toContain('建议草稿(待总部专家审核)');
    expect(framed).toContain('数据截至 2026-11-28 07:00');
    await b.screenshot('review-page');

    const textarea = page.locator('#approve-review textarea[name=lines]');
    const drafted = (await textarea.inputValue()).split('\n');
    expect(drafted.length).toBeGreaterThan(0);
    expect(drafted[0]).toContain('3 次紧急故障');
    const reworded = ['全年 3 次紧急故障中有 1 次超时,建议采购性能调优专项服务,并在一季度完成一次系统巡检。', ...drafted.slice(1)];
    await textarea.fill(reworded.join('\n'));
    await Promise.all([page.waitForURL(/\/reports\/reviews\/\d+$/), page.locator('#approve-review button[type=submit]').click()]);
    const outcome = await page.locator('#review-outcome').innerText();
    expect(outcome).toContain('已由 expert.user 于');
    expect(outcome).toContain('报告已放入发件箱');
    expect(await page.locator('#advice-sent li').allInnerTexts()).toEqual(reworded);
    await b.screenshot('review-approved');

    // The message waits in the outbox, its advice under 总部专家建议 with the expert's name.
    const [queued] = await b.t.deps.outbox.list({ job: 'yearly', limit: 5, offset: 0 });
    expect(queued).toMatchObject({ recipient: `contract:${contractId}`, subject: SUBJECT, status: 'pending', recipients: { to: ['it@huadong.example'], cc: ['csm@kingdee.example'] } });
    const sent = b.t.deps.reports.renderStored((await b.t.deps.outbox.get(queued!.id))!.reportJson!);
    expect(sent.text).toMatch(/^总部专家建议\n-{10,}$/m);
    expect(sent.text).toContain(reworded[0]);
    expect(sent.text).toContain('审核专家:expert.user');

    // At a phone's width the review page still reads: no sideways scrolling of the page itself.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const fits = await page.evaluate(() => {
      const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
      return w.document.documentElement.scrollWidth <= w.innerWidth;
    });
    expect(fits).toBe(true);
    await b.screenshot('review-approved-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    await b.signOut();
  });

  it('a manager’s run for a day after today, 试运行 unticked, is refused with the reason beside the form', async () => {
    await b.signIn('manager.user');
    await page.goto(`${b.base}/reports`);
    const tomorrow = addDays(shanghaiDate(new Date()), 1);
    const form = page.locator('form#run-report');
    await form.locator('select[name=job]').selectOption({ label: '年度服务报告' });
    await form.locator('input[name=date]').fill(tomorrow);
    await form.locator('input[name=dryRun]').setChecked(false);
    const before = await b.t.deps.outbox.counts();
    await Promise.all([page.waitForURL(`${b.base}/reports/run`), form.locator('button[type=submit]').click()]);
    const alert = page.locator('#run [role=alert]');
    expect(await alert.innerText()).toContain(`${tomorrow} 在今天(${shanghaiDate(new Date())},北京时间)之后:报告尚未到期,不能保存或发送。如只想预览,请试运行(页面上勾选“试运行”,命令行加 --dry-run)。`);
    expect(await page.locator('form#run-report input[name=date]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#outcome').count()).toBe(0);
    expect(await b.t.deps.outbox.counts()).toEqual(before);
    await b.screenshot('future-run-refused');

    // The same run, dry: allowed, and it says that it looks ahead.
    await form.locator('input[name=dryRun]').setChecked(true);
    await Promise.all([page.waitForURL(`${b.base}/reports/run`), form.locator('button[type=submit]').click()]);
    expect(await page.locator('#look-ahead').innerText()).toContain('前瞻试运行');
    await b.screenshot('future-dry-run');
    // The manager's page shows the queue's state.
    await page.goto(`${b.base}/reports`);
    expect(await page.locator('#reviews').innerText()).toContain('已批准 1');
    expect(dialogs).toEqual([]);
  });
});

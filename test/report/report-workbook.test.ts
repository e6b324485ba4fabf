import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeReportWorkbook } from '../../src/report/report-workbook-writer.ts';
import type { MonthlyReport } from '../../src/report/kinds/monthly/monthly-report.ts';
import type { YearlyReport } from '../../src/report/kinds/yearly/yearly-report.ts';
import { HOSTILE_CUSTOMER, monthlyReport, yearlyReport, zeroRequestYear } from './report-fixtures.ts';

async function readBack(report: YearlyReport | MonthlyReport, lang?: 'zh' | 'en'): Promise<ExcelJS.Workbook> {
  const bytes = await writeReportWorkbook(report, lang);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const sheetNames = (wb: ExcelJS.Workbook) => wb.worksheets.map((ws) => ws.name);

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  expect(ws, `sheet ${name}`).toBeDefined();
  return ws!;
}

/** The value next to a key on a key/value sheet. */
function valueOf(ws: ExcelJS.Worksheet, key: string): ExcelJS.Cell {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === key) return ws.getCell(r, 2);
  throw new Error(`no row ${key} on ${ws.name}`);
}

function expectHeader(ws: ExcelJS.Worksheet, first: string): void {
  expect(ws.getCell(1, 1).value).toBe(first);
  expect(ws.getCell(1, 1).font?.bold).toBe(true);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.getColumn(1).width).toBeGreaterThan(4);
}

describe('yearly report workbook', () => {
  it('has the six sheets with a bold frozen header each', async () => {
    const wb = await readBack(yearlyReport());
    expect(sheetNames(wb)).toEqual(['概览', '按服务', '超时明细', '按月', '专家建议', '事实']);
    for (const ws of wb.worksheets) expectHeader(ws, ws.getCell(1, 1).value as string);
    expectHeader(sheet(wb, '按服务'), '服务项目');
  });

  it('writes the summary with numbers as numbers and met % as a fraction formatted 0.00%', async () => {
    const ws = sheet(await readBack(yearlyReport()), '概览');
    expect(valueOf(ws, '客户').value).toBe('上海星河精密制造有限公司');
    expect(valueOf(ws, '服务产品').value).toBe('尊享服务');
    expect(valueOf(ws, '部署形态').value).toBe('金蝶云星空(公有云)');
    expect(valueOf(ws, '期间开始').value).toBe('2025-12-01');
    expect(valueOf(ws, '期间结束').value).toBe('2026-11-30');
    expect(valueOf(ws, '请求数').value).toBe(48);
    expect(valueOf(ws, '超时').value).toBe(3);
    const met = valueOf(ws, '按时率');
    expect(met.value).toBe(0.9375);
    expect(met.numFmt).toBe('0.00%');
    expect(valueOf(ws, '开发技术支持 · 剩余').value).toBe(1);
    expect(valueOf(ws, '应用提升支持 · 额度').value).toBe('不限');
    const cutoff = valueOf(ws, '数据截止时间(北京时间)');
    expect((cutoff.value as Date).toISOString()).toBe('2026-12-01T09:00:00.000Z'); // Shanghai wall clock
    expect(cutoff.numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('names a correction’s revision, and the expert who approved the advice', async () => {
    const wb = await readBack(yearlyReport({ revision: 2, advice: { ...yearlyReport().advice, reviewer: { name: 'zhang.expert', at: '2026-12-02T02:00:00.000Z' } } }));
    expect(valueOf(sheet(wb, '概览'), '版本').value).toBe(2);
    const advice = sheet(wb, '专家建议');
    expect(advice.getCell(1, 4).value).toBe('总部专家建议');
    expect(advice.getCell(4, 2).value).toBe('审核专家');
    expect(advice.getCell(4, 4).value).toBe('zhang.expert (2026-12-02 10:00)');
  });

  it('heads unreviewed 尊享 advice 系统建议, never 总部专家建议', async () => {
    const wb = await readBack(yearlyReport({ advice: { heading: 'system', lines: yearlyReport().advice.lines } }));
    expect(sheetNames(wb)).toContain('系统建议');
    expect(sheetNames(wb)).not.toContain('专家建议');
    expect(sheet(wb, '系统建议').getCell(1, 4).value).toBe('系统建议');
  });

  it('lists services with a totals row, breaches with Shanghai times, months, advice and facts', async () => {
    const wb = await readBack(yearlyReport());
    const byService = sheet(wb, '按服务');
    expect(byService.getRow(2).values).toEqual([undefined, '7*24问题反馈', 'issue_feedback', 32, 31, 1, 0, 0, 0.9688, 3.25]);
    expect(byService.getCell(4, 1).value).toBe('合计');
    expect(byService.getCell(4, 8).value).toBe(0.9375);
    expect(byService.getCell(4, 8).numFmt).toBe('0.00%');
    expect(byService.getCell(4, 1).font?.bold).toBe(true);

    const breaches = sheet(wb, '超时明细');
    expect(breaches.getCell(1, 2).value).toBe('服务项目');
    expect(breaches.getCell(2, 1).value).toBe(1042);
    expect((breaches.getCell(2, 3).value as Date).toISOString()).toBe('2026-03-16T10:30:00.000Z');
    expect(breaches.getCell(2, 3).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((breaches.getCell(2, 4).value as Date).toISOString()).toBe('2026-03-16T13:30:00.000Z');
    expect(breaches.getCell(2, 6).value).toBe(3.25);
    expect(breaches.getCell(4, 1).value).toBe(1187);
    expect(breaches.getCell(4, 5).value).toBe('未响应');

    const months = sheet(wb, '按月');
    expect(months.rowCount).toBe(13);
    expect(months.getRow(5).values).toEqual([undefined, '2026-03', 8, 6, 2, 0, 0]);

    const advice = sheet(wb, '专家建议');
    expect(advice.getCell(2, 2).value).toBe('emergency_late');
    expect(advice.getCell(2, 4).value).toBe('紧急故障有 2 次超时,建议梳理值班安排。');

    const facts = sheet(wb, '事实');
    expect(valueOf(facts, 'requests').value).toBe(48);
    expect(valueOf(facts, 'busiestService').value).toBe('issue_feedback');
  });

  it('shows no met % for a year without requests, and names 优选 advice as suggestions', async () => {
    const wb = await readBack(zeroRequestYear());
    expect(sheetNames(wb)).toEqual(['概览', '按服务', '超时明细', '按月', '服务建议', '事实']);
    const summary = sheet(wb, '概览');
    expect(valueOf(summary, '按时率').value).toBe('—');
    expect(valueOf(summary, '说明').value).toBe('本合同年度未提交服务请求');
    expect(sheet(wb, '超时明细').rowCount).toBe(1);
    expect(sheet(wb, '服务建议').getCell(2, 4).value).toBe('本年度无特别建议');
  });

  it('keeps names as text and writes English on request', async () => {
    const report = yearlyReport({ contract: { ...yearlyReport().contract, customerName: HOSTILE_CUSTOMER } });
    const wb = await readBack(report, 'en');
    expect(sheetNames(wb)).toEqual(['Summary', 'By service', 'Breaches', 'By month', 'Expert advice', 'Facts']);
    const summary = sheet(wb, 'Summary');
    expect(valueOf(summary, 'Customer').value).toBe(HOSTILE_CUSTOMER);
    expect(valueOf(summary, 'Service tier').value).toBe('Premium');
    expect(sheet(wb, 'Breaches').getCell(4, 5).value).toBe('unanswered');
    expect(sheet(wb, 'Expert advice').getCell(2, 4).value).toBe('Two emergency faults were answered late; review the on-call rota.');
  });
});

describe('monthly report workbook', () => {
  it('has groups with totals, the worst breaches and the requests at risk', async () => {
    const wb = await readBack(monthlyReport());
    expect(sheetNames(wb)).toEqual(['概览', '按服务产品', '最严重超时', '风险请求']);
    const summary = sheet(wb, '概览');
    expect(valueOf(summary, '月份').value).toBe('2026-11');
    expect((valueOf(summary, '数据截止时间(北京时间)').value as Date).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const groups = sheet(wb, '按服务产品');
    expectHeader(groups, '部署形态');
    expect(groups.rowCount).toBe(8); // header, six groups, totals
    expect(groups.getRow(2).values).toEqual([undefined, '金蝶云星空(公有云)', '基础服务', 20, 17, 2, 1, 0, 0.8947, 6]);
    expect(groups.getCell(5, 8).value).toBe('—'); // on premise 基础: nothing judged
    expect(groups.getCell(8, 1).value).toBe('合计 2026-11');
    expect(groups.getCell(8, 3).value).toBe(46);
    expect(groups.getCell(8, 8).value).toBe(0.9318);
    expect(groups.getCell(8, 8).numFmt).toBe('0.00%');

    const worst = sheet(wb, '最严重超时');
    expect(worst.getRow(1).values).toEqual([undefined, '请求', '客户', '部署形态', '服务产品', '服务项目', '提交时间(北京时间)', '响应时限(北京时间)', '响应时间(北京时间)', '超时(工作小时)']);
    expect(worst.getCell(2, 2).value).toBe('宁波海曙五金制品厂');
    expect(worst.getCell(2, 8).value).toBe('未响应');
    expect(worst.getCell(2, 9).value).toBe(24);

    const atRisk = sheet(wb, '风险请求');
    expect(atRisk.getCell(2, 1).value).toBe(3010);
    expect(atRisk.getCell(2, 2).value).toBe(42);
    expect((atRisk.getCell(2, 9).value as Date).toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(atRisk.getCell(2, 10).value).toBe(2);
    expect(atRisk.getCell(2, 11).value).toBe(4);
  });

  it('writes English sheet names on request', async () => {
    expect(sheetNames(await readBack(monthlyReport(), 'en'))).toEqual(['Summary', 'By tier', 'Worst breaches', 'At risk']);
  });
});

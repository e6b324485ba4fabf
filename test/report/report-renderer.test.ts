import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportRenderer } from '../../src/report/report-renderer.ts';
import { barCells, formatBasisPointsPercent, formatHours, textBar } from '../../src/report/report-format.ts';
import type { Report } from '../../src/report/report-kinds.ts';
import { atRiskAlert, emptyMonthlyReport, HOSTILE_CUSTOMER, HOSTILE_SUMMARY, monthlyReport, yearlyReport, zeroRequestYear } from './report-fixtures.ts';

const TEMPLATES = path.resolve(import.meta.dirname, '../../templates');
const renderer = createReportRenderer(TEMPLATES);

/** The cells of one month's bar: width in % and colour, in order. */
function barOf(html: string, month: string): Array<{ width: number; color: string }> {
  const start = html.indexOf(`>${month}</td>`);
  expect(start, `no chart row for ${month}`).toBeGreaterThan(-1);
  const track = html.slice(start, html.indexOf('</table>', start));
  return [...track.matchAll(/<td width="(\d+)%" height="14" bgcolor="(#[0-9a-f]{6})" style="width:(\d+)%;/g)].map((m) => {
    expect(m[3]).toBe(m[1]); // attribute for Outlook, style for the rest: they must agree
    return { width: Number(m[1]), color: m[2]! };
  });
}
const GREEN = '#2e7d32';
const RED = '#c62828';
const TRACK = '#eef1f4';

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

function expectMailSafeHtml(html: string): void {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toContain('</html>');
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img|<link|<iframe|<form|@import|url\(/i);
  expect(html).not.toMatch(/(?:https?:)?\/\/[a-z0-9]/i);
  expect(html).not.toMatch(/\son[a-z]+=/i);
  expect(html).toContain('role="presentation"');
  expect(html).toContain('max-width:680px');
  expect(html).toContain(`font-family:'PingFang SC','Microsoft YaHei',Arial,sans-serif`);
  // Every tag the tables need is closed: a stray one breaks the layout in Outlook.
  for (const tag of ['table', 'tr', 'td', 'th', 'p', 'h1', 'h2', 'div']) {
    expect(count(html, new RegExp(`<${tag}[\\s>]`, 'g')), tag).toBe(count(html, new RegExp(`</${tag}>`, 'g')));
  }
}

function expectPlainText(text: string): void {
  expect(text).not.toMatch(/&(?:lt|gt|amp|quot|#x?[0-9a-f]+);/i);
  expect(text).not.toMatch(/<\/?(?:table|td|tr|p|div|h\d|br)\b/i);
}

describe('report formats', () => {
  it('prints hours with at most two decimals and percent from basis points', () => {
    expect([1.5, 4, 0.25, 2.125, 0, null].map(formatHours)).toEqual(['1.5', '4', '0.25', '2.13', '0', '—']);
    expect([9375, 10000, 0, 8750, 6667, null].map(formatBasisPointsPercent)).toEqual(['93.75%', '100%', '0%', '87.5%', '66.67%', '—']);
  });

  it('builds bars without zero-width cells and fills the rest with the track', () => {
    expect(barCells({ metWidth: 75, breachedWidth: 25, otherWidth: 0 })).toEqual([
      { kind: 'met', width: 75 },
      { kind: 'breached', width: 25 },
    ]);
    expect(barCells({ metWidth: 0, breachedWidth: 0, otherWidth: 0 })).toEqual([{ kind: 'rest', width: 100 }]);
    expect(textBar(barCells({ metWidth: 98, breachedWidth: 2, otherWidth: 0 }))).toBe(`${'='.repeat(19)}x`);
    expect(textBar(barCells({ metWidth: 0, breachedWidth: 0, otherWidth: 0 }))).toBe('.'.repeat(20));
  });
});

describe('yearly report', () => {
  const report = yearlyReport();
  const { subject, html, text } = renderer.render(report);

  it('has the subject with customer and contract year, Chinese by default', () => {
    expect(subject).toBe('【金蝶云星空】上海星河精密制造有限公司 年度服务报告(2025-12-01 至 2026-11-30)');
    expect(renderer.render(report, 'zh')).toEqual({ subject, html, text });
    expect(html).toContain('<html lang="zh-CN">');
  });

  it('shows the same figures in the HTML and the text', () => {
    for (const body of [html, text]) {
      expect(body).toContain('上海星河精密制造有限公司 年度服务报告');
      expect(body).toContain('金蝶云星空(公有云)');
      expect(body).toContain('尊享服务');
      expect(body).toContain('2025-12-01 至 2026-11-30');
      expect(body).toContain('93.75%'); // 9375 bp
      expect(body).toContain('96.88%');
      expect(body).toContain('87.5%');
      expect(body).toContain('2.75');
      expect(body).toContain('代码诊断(限一年四次,2人天/次,非现场)');
      expect(body).toContain('专属坐席');
      expect(body).toContain('不限'); // the quota without a limit
      expect(body).toContain('#1042');
      expect(body).toContain('#1187');
      expect(body).toContain('未响应');
      expect(body).toContain('3.25');
      expect(body).toContain('总部专家建议');
      expect(body).toContain('紧急故障有 2 次超时,建议梳理值班安排。');
      expect(body).not.toContain('Two emergency faults');
    }
    expect(text).toContain('请求 16,按时 14,超时 2');
    expect(text).toContain('已用 3 / 额度 4 / 剩余 1');
  });

  it('shows instants in Shanghai time, never as UTC ISO', () => {
    for (const body of [html, text]) {
      expect(body).toContain('2026-03-16 10:30'); // opened, 02:30Z
      expect(body).toContain('2026-03-16 13:30'); // deadline
      expect(body).toContain('2026-03-16 16:45'); // responded
      expect(body).toContain('2026-12-01 09:00'); // generated, in the footer
      expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    }
  });

  it('draws each month as table cells sized in percent of the busiest month', () => {
    expect(barOf(html, '2026-03')).toEqual([
      { width: 75, color: GREEN },
      { width: 25, color: RED },
    ]);
    expect(barOf(html, '2026-05')).toEqual([
      { width: 50, color: GREEN },
      { width: 50, color: TRACK },
    ]);
    expect(barOf(html, '2026-11')).toEqual([
      { width: 38, color: GREEN },
      { width: 13, color: RED },
      { width: 49, color: TRACK },
    ]);
    expect(barOf(html, '2026-02')).toEqual([{ width: 100, color: TRACK }]);
    expect(html).not.toMatch(/width="0%"|width:0%/);
    expect(text).toMatch(/^2026-03 \[={15}x{5}\] 8 个请求:按时 6,超时 2,其他 0$/m);
    expect(text).toMatch(/^2026-02 \[\.{20}\] 0 个请求/m);
  });

  it('is safe for mail clients and its text part is plain', () => {
    expectMailSafeHtml(html);
    expectPlainText(text);
  });

  it('calls advice for a 优选 contract suggestions, and says so when there is none', () => {
    const suggestions = renderer.render(yearlyReport({ advice: { heading: 'suggestions', lines: [{ code: 'x', service: null, zh: '建议开通在线IM。', en: 'Consider online IM.' }] } }));
    expect(suggestions.html).toContain('服务建议');
    expect(suggestions.html).not.toContain('总部专家建议');
    expect(suggestions.text).toContain('1. 建议开通在线IM。');
    const none = renderer.render(yearlyReport({ advice: { heading: 'expert', lines: [] } }));
    expect(none.html).toContain('总部专家建议');
    expect(none.html).toContain('本年度无特别建议');
    expect(none.text).toContain('本年度无特别建议');
  });

  it('puts 总部专家建议 and the expert’s name only over lines an expert approved', () => {
    const lines = yearlyReport().advice.lines;
    const approved = renderer.render(yearlyReport({ advice: { heading: 'expert', lines, reviewer: { name: 'zhang.expert', at: '2026-12-02T02:00:00.000Z' } } }));
    expect(approved.html).toContain('>总部专家建议</h2>');
    expect(approved.text).toContain('审核专家:zhang.expert(2026-12-02 10:00)');
    expect(approved.html).toContain('审核专家:zhang.expert(2026-12-02 10:00)');
    const system = renderer.render(yearlyReport({ advice: { heading: 'system', lines } }));
    expect(system.html).toContain('>系统建议</h2>');
    expect(system.html).not.toContain('>总部专家建议</h2>');
    expect(system.text).toContain('以上建议由系统根据本年度数据生成,未经总部专家审核。');
    expect(system.text).not.toContain('审核专家');
    const english = renderer.render(yearlyReport({ advice: { heading: 'system', lines } }), 'en');
    expect(english.text).toContain('System advice');
    expect(english.text).toContain('has not been reviewed by a headquarters expert');
  });

  it('states its cut-off, and a correction says it is one in its subject and body', () => {
    expect(text).toContain('数据截止时间: 2026-12-01 09:00');
    expect(text).toContain('数据截至 2026-12-01 09:00(北京时间):此后的响应与使用不计入本报告。');
    expect(html).toContain('数据截至 2026-12-01 09:00(北京时间)');
    expect(html).not.toContain('本邮件由系统于');
    const corrected = renderer.render(yearlyReport({ revision: 2 }));
    expect(corrected.subject).toBe('【金蝶云星空】【更正版】上海星河精密制造有限公司 年度服务报告(2025-12-01 至 2026-11-30)第 2 版');
    expect(corrected.text).toContain('更正版(第 2 版):本报告取代此前就同一合同年度发出的报告。');
    expect(renderer.subject(yearlyReport({ revision: 3 }), 'en')).toBe('[Kingdee Cloud Galaxy] [Corrected] 上海星河精密制造有限公司 yearly service report (2025-12-01 to 2026-11-30), revision 3');
    expect(renderer.render(yearlyReport({ revision: 1 })).subject).toBe(renderer.render(yearlyReport()).subject);
  });
});

describe('a contract year without requests', () => {
  const { html, text } = renderer.render(zeroRequestYear());

  it('says no requests were made instead of showing empty tables, and shows no met %', () => {
    for (const body of [html, text]) {
      expect(body).toContain('本合同年度未提交服务请求');
      expect(body).not.toContain('超时明细');
      expect(body).not.toContain('按服务项目');
      expect(body).not.toContain('逐月情况');
      expect(body).toContain('服务建议');
      expect(body).toContain('本年度无特别建议');
      expect(body).toContain('代码诊断(限一年两次,2人天/次,非现场)');
    }
    expect(text).toMatch(/^按时率: —$/m);
    expect(text).not.toMatch(/\d%/);
    expect(html).not.toMatch(/>\s*\d+(?:\.\d+)?%\s*</);
    expect(html).not.toContain('height="14"');
    expectMailSafeHtml(html);
  });

  it('reads truthfully in English too', () => {
    const en = renderer.render(zeroRequestYear(), 'en');
    expect(en.html).toContain('No service requests were made in this contract year');
    expect(en.html).toContain('No particular advice this year');
    expect(en.html).toContain('Suggestions');
    expect(en.text).toMatch(/^Met %: —$/m);
  });
});

describe('escaping', () => {
  it('escapes markup in names and summaries in HTML and keeps them verbatim in text and subjects', () => {
    const reports: Report[] = [
      yearlyReport({ contract: { ...yearlyReport().contract, customerName: HOSTILE_CUSTOMER } }),
      monthlyReport({ worst: [], atRisk: [atRiskAlert({ customerName: HOSTILE_CUSTOMER, summary: HOSTILE_SUMMARY }).request] }),
      atRiskAlert({ customerName: HOSTILE_CUSTOMER, summary: HOSTILE_SUMMARY }),
    ];
    for (const report of reports) {
      for (const lang of ['zh', 'en'] as const) {
        const { subject, html, text } = renderer.render(report, lang);
        expectMailSafeHtml(html);
        expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{x}} 贸易公司');
        expect(html).not.toContain('<script');
        expect(text).toContain(HOSTILE_CUSTOMER);
        expectPlainText(text);
        if (report.kind !== 'yearly') {
          expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; {{x}}');
          expect(text).toContain(HOSTILE_SUMMARY);
        }
        if (report.kind !== 'monthly') expect(subject).toContain(HOSTILE_CUSTOMER);
      }
    }
  });

  it('keeps a subject on one line whatever the name holds', () => {
    const { subject } = renderer.render(atRiskAlert({ customerName: '某某\r\nBcc: x@example.com\t公司' }));
    expect(subject).not.toMatch(/[\r\n\t]/);
    expect(subject).toContain('某某 Bcc: x@example.com 公司');
  });
});

describe('monthly report', () => {
  const { subject, html, text } = renderer.render(monthlyReport());

  it('shows each offering × tier, the totals, the worst cases and what is at risk', () => {
    expect(subject).toBe('【金蝶云星空】响应时效月报 2026-11');
    for (const body of [html, text]) {
      for (const label of ['金蝶云星空(公有云) · 基础服务', '金蝶云星空(公有云) · 尊享服务', '金蝶云星空(On Premise) · 优选服务', '金蝶云星空(On Premise) · 尊享服务']) {
        expect(body).toContain(label);
      }
      expect(body).toContain('93.18%'); // 41 of 44 judged
      expect(body).toContain('89.47%');
      expect(body).toContain('合计');
      expect(body).toContain('#3001');
      expect(body).toContain('宁波海曙五金制品厂');
      expect(body).toContain('2026-11-25 18:00');
      expect(body).toContain('#3010');
      expect(body).toContain('2026-12-01 11:00');
      expect(body).toContain('2 / 4');
    }
    expect(text).toContain('- 合计: 请求 46,按时 41,超时 3,未到期 2');
    expectMailSafeHtml(html);
    expectPlainText(text);
  });

  it('says so when a month had no requests, no breaches and nothing at risk', () => {
    const empty = renderer.render(emptyMonthlyReport());
    for (const body of [empty.html, empty.text]) {
      expect(body).toContain('本月未收到服务请求');
      expect(body).toContain('本月没有超时的请求');
      expect(body).toContain('目前没有即将超时的请求');
    }
    expect(empty.text).not.toMatch(/\d%/);
    expect(empty.html).not.toMatch(/>\s*\d+(?:\.\d+)?%\s*</);
  });

  it('renders in English', () => {
    const en = renderer.render(monthlyReport(), 'en');
    expect(en.subject).toBe('[Kingdee Cloud Galaxy] Response-time report 2026-11');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Cloud Galaxy (public cloud) · Basic');
    expect(en.html).toContain('Worst missed deadlines');
    expect(en.text).toContain('unanswered');
    expect(en.text).not.toMatch(/总体情况|未响应|合计/);
  });
});

describe('at-risk alert', () => {
  const { subject, html, text } = renderer.render(atRiskAlert());

  it('names the request, the deadline in Shanghai time and the working hours left', () => {
    expect(subject).toBe('【即将超时】#2077 杭州云帆物流股份有限公司 · 7*24问题反馈 · 应于 2026-11-30 12:00 前响应');
    for (const body of [html, text]) {
      expect(body).toContain('距响应时限仅剩 1.5 个工作小时(窗口 4 工作小时)');
      expect(body).toContain('#2077');
      expect(body).toContain('金蝶云星空(On Premise)');
      expect(body).toContain('优选服务');
      expect(body).toContain('月末结账时凭证无法过账');
      expect(body).toContain('2026-11-27 17:00');
      expect(body).toContain('2026-11-30 12:00');
      expect(body).toContain('2026-11-30 10:30'); // generated
    }
    expectMailSafeHtml(html);
    expectPlainText(text);
  });

  it('trims hours and does not claim hours that are gone', () => {
    expect(renderer.render(atRiskAlert({ workingHoursLeft: 0.25, windowHours: 16 })).text).toContain('仅剩 0.25 个工作小时(窗口 16 工作小时)');
    const late = renderer.render(atRiskAlert({ workingHoursLeft: 0 }));
    expect(late.text).toContain('已到响应时限');
    expect(late.text).not.toContain('仅剩');
  });

  it('renders in English', () => {
    const en = renderer.render(atRiskAlert(), 'en');
    expect(en.subject).toBe('[Deadline at risk] #2077 杭州云帆物流股份有限公司 · 7*24问题反馈 · respond by 2026-11-30 12:00');
    expect(en.text).toContain('Only 1.5 working hours are left before the deadline (window: 4 working hours)');
    expect(en.html).toContain('Cloud Galaxy (on premise)');
    expect(en.html).toContain('Preferred');
  });
});

describe('English yearly report', () => {
  it('uses English words, tier and offering names, and the English advice', () => {
    const { subject, html, text } = renderer.render(yearlyReport(), 'en');
    expect(subject).toBe('[Kingdee Cloud Galaxy] 上海星河精密制造有限公司 yearly service report (2025-12-01 to 2026-11-30)');
    for (const body of [html, text]) {
      expect(body).toContain('Cloud Galaxy (public cloud)');
      expect(body).toContain('Premium');
      expect(body).toContain('Expert advice from headquarters');
      expect(body).toContain('Two emergency faults were answered late; review the on-call rota.');
      expect(body).toContain('unlimited');
      expect(body).toContain('unanswered');
      expect(body).toContain('93.75%');
      expect(body).not.toMatch(/总部专家建议|总体情况|未响应|不限/);
    }
  });
});

describe('templates', () => {
  it('renders every report in both languages without Handlebars errors or leftover mustaches', () => {
    const reports: Report[] = [yearlyReport(), zeroRequestYear(), monthlyReport(), emptyMonthlyReport(), atRiskAlert()];
    for (const report of reports) {
      for (const lang of ['zh', 'en'] as const) {
        const { subject, html, text } = renderer.render(report, lang);
        expect(subject.length).toBeGreaterThan(10);
        expect(html).not.toMatch(/\{\{|\}\}|undefined|\[object Object\]|NaN/);
        expect(text).not.toMatch(/\{\{|\}\}|undefined|\[object Object\]|NaN/);
        expect(text.endsWith('\n')).toBe(true);
        expect(text).not.toMatch(/\n{3,}/);
      }
    }
  });

  it('reads the templates once, when the renderer is made', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-report-templates-'));
    try {
      fs.cpSync(path.join(TEMPLATES, 'reports'), path.join(copy, 'reports'), { recursive: true });
      const own = createReportRenderer(copy);
      fs.rmSync(path.join(copy, 'reports'), { recursive: true, force: true });
      expect(own.render(atRiskAlert()).text).toContain('#2077');
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('fails when it is made from a directory without the report templates', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-no-templates-'));
    try {
      expect(() => createReportRenderer(empty)).toThrow(/ENOENT/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { cleanName, parseContractDate, parseEmail, parseOffering, parseTier } from '../../../src/contracts/file/contract-cells.ts';
import { parseCsv } from '../../../src/contracts/file/contract-csv.ts';

describe('contract cell vocabulary', () => {
  it.each([
    ['公有云', 'cloud'],
    ['云', 'cloud'],
    ['SaaS', 'cloud'],
    ['saas', 'cloud'],
    ['cloud', 'cloud'],
    [' Cloud ', 'cloud'],
    ['金蝶云星空', 'cloud'],
    ['金蝶云星空（公有云）', 'cloud'],
    ['私有云', 'on_premise'],
    ['On Premise', 'on_premise'],
    ['on premise', 'on_premise'],
    ['本地部署', 'on_premise'],
    ['on_premise', 'on_premise'],
    ['金蝶云星空(On Premise)', 'on_premise'],
    ['金蝶云星空（私有云）', 'on_premise'],
  ])('reads 部署 %j as %s', (text, offering) => {
    expect(parseOffering(text)).toBe(offering);
  });

  it.each(['', '混合云', '公有云/私有云', 'cloudy', '金蝶云星空(混合云)', 'premium'])('refuses 部署 %j', (text) => {
    expect(parseOffering(text)).toBeNull();
  });

  it.each([
    ['基础服务', 'basic'],
    ['基础', 'basic'],
    ['basic', 'basic'],
    ['Basic', 'basic'],
    ['优选服务', 'preferred'],
    ['优选', 'preferred'],
    ['preferred', 'preferred'],
    ['尊享服务', 'premium'],
    ['尊享', 'premium'],
    ['premium', 'premium'],
    [' 尊享 服务 ', 'premium'],
  ])('reads 服务产品 %j as %s', (text, tier) => {
    expect(parseTier(text)).toBe(tier);
  });

  it.each(['', '白金服务', '基础服务+', 'gold', 'cloud'])('refuses 服务产品 %j', (text) => {
    expect(parseTier(text)).toBeNull();
  });

  it.each([
    ['2026-01-01', '2026-01-01'],
    ['2026-1-1', '2026-01-01'],
    ['2026/1/1', '2026-01-01'],
    ['2026/01/31', '2026-01-31'],
    ['2026.1.1', '2026-01-01'],
    ['2026年1月1日', '2026-01-01'],
    ['2026 年 12 月 31 日', '2026-12-31'],
    ['2026年1月1号', '2026-01-01'],
    ['２０２６－０１－０１', '2026-01-01'],
    ['46023', '2026-01-01'],
    ['46022.75', '2025-12-31'],
    ['20260101', '2026-01-01'],
    ['2026/1/1 0:00', '2026-01-01'],
    ['2026-01-01 00:00:00', '2026-01-01'],
    ['2028-02-29', '2028-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('reads the date %j as %s', (text, iso) => {
    expect(parseContractDate(text)).toBe(iso);
  });

  it.each(['', '2026-02-29', '2100-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-01-32', '2026/1-1', '2026年13月1日', '1/1/2026', '01-01-2026', '26-1-1', '123', '0', '1899-12-31', '2026', 'tomorrow', '2026-01-01x'])(
    'refuses the date %j',
    (text) => {
      expect(parseContractDate(text)).toBeNull();
    },
  );

  it.each([
    ['wang.fang@example.com', 'wang.fang@example.com'],
    [' Li+crm@sub.example.com.cn ', 'Li+crm@sub.example.com.cn'],
    ['zhang＠example.com', 'zhang@example.com'],
    ['mailto:zhang@example.com', 'zhang@example.com'],
  ])('reads the e-mail %j', (text, email) => {
    expect(parseEmail(text)).toBe(email);
  });

  it.each(['wang', 'wang@', '@example.com', 'wang@example', 'wang@@example.com', 'wang fang@example.com', '.wang@example.com', 'wang..fang@example.com', 'wang@-example.com', 'a@example.com; b@example.com', `${'a'.repeat(65)}@example.com`])(
    'refuses the e-mail %j',
    (text) => {
      expect(parseEmail(text)).toBeNull();
    },
  );

  it('keeps a name as typed, without invisible characters and stray spaces', () => {
    expect(cleanName('\u200B 上海云杉科技（集团）有限公司\n ')).toBe('上海云杉科技（集团）有限公司');
    expect(cleanName('Acme   China\r\nLtd.')).toBe('Acme China Ltd.');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and every line ending', () => {
    const text = 'a,"b,c","say ""hi"""\r\n"multi\nline",,x\ry\n';
    expect(parseCsv(text)).toEqual({
      records: [
        ['a', 'b,c', 'say "hi"'],
        ['multi\nline', '', 'x'],
        ['y'],
      ],
      unclosedQuote: null,
    });
  });

  it('keeps a quote inside an unquoted field, joins text after a closing quote, and keeps a last line without a line break', () => {
    expect(parseCsv('5" disk,"ab"c\n""\n,').records).toEqual([['5" disk', 'abc'], [''], ['', '']]);
  });

  it('keeps blank lines as records so row numbers match the file', () => {
    expect(parseCsv('a\n\nb\n').records).toEqual([['a'], [''], ['b']]);
  });

  it('reports a quote that never closes, at the cell it opened', () => {
    expect(parseCsv('a,b\nc,"d\ne,f\n')).toEqual({ records: [['a', 'b'], ['c', 'd\ne,f\n']], unclosedQuote: { row: 2, col: 2 } });
  });

  it('splits on another delimiter', () => {
    expect(parseCsv('a\tb;c\n"d\te"\tf', '\t').records).toEqual([['a', 'b;c'], ['d\te', 'f']]);
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('').records).toEqual([]);
  });
});

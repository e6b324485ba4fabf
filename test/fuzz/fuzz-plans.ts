// The plans fast-check draws: which real file a case starts from and what is done to it (test/fuzz/mutations.ts
// applies them). Drawn from a seed, so the seed alone names a case; sizes stay inside the upload limits (10 MB a
// file, 30 MB inflated) so that a refusal is the reader's doing, not the size guard's alone.
import fc from 'fast-check';
import { ENCODINGS, type ByteOp, type CsvOp, type EntryOp, type Plan } from './mutations.ts';

const MB = 1024 * 1024;

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const index = fc.nat({ max: 1000 });
const seed = fc.nat({ max: 0x7fffffff });
/** Bits of XML that break a part in different ways: unbalanced tags, undefined or recursive entities, a DTD, NULs. */
const XML_JUNK = ['<', '>', '</x>', '<x>', '&', '&nbsp;', '&#0;', '&#xFFFF;', '&#x110000;', ']]>', '<![CDATA[', '"', "'", '\u0000', '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>', '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '&x;', '<c r="A1" t="s"><v>99999</v></c>', '<c r="XFD1048576"><v>1</v></c>', '<row r="0">', '<row r="-1"/>', '<c r="A0"/>', '<v>NaN</v>', '<c t="d"><v>not a date</v></c>',
  '<c t="e"><v>#REF!</v></c>', '<mergeCell ref="A1:XFD1048576"/>', '<f>SUM(A1:A9)</f>', 'xmlns:x="urn:x"', '<sheet name="" sheetId="1" r:id="rId99"/>', '<si><t>', '</si>'];
/** Cell texts: any code unit (lone surrogates, controls), any code point, and the words the readers look for. */
const cellText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('', ' ', '公有云', '私有云', '优选服务', '尊享服务', '2026-02-30', '0000-00-00', '9999-12-31', '1e308', '-0', 'NaN', 'Infinity', '✓', '✗', '=1+1', '#N/A', '\u202e', '\ufeff', '客户名称'),
  fc.record({ char: fc.constantFrom('a', '中', '😀', ' '), n: fc.integer({ min: 1000, max: 40_000 }) }).map(({ char, n }) => char.repeat(n)),
  // The policy workbook's own words, at and past their edges: marks, windows, hours, prices, rates, calendars.
  fc.constantFrom('√', '是', '-', '专属坐席', '0工作日响应', '999999999工作日响应', '0.0001工作小时响应', '1e3工作小时响应', '-1工作日响应', '5＊8小时', '7*24小时', '25＊8小时', '0＊0小时', '¥-1',
    '¥1e309', '¥18,000,000,000,000,000,000', '¥0.001', '0%', '100%', '1000%', '-5%', '0.0000001%', '00:00-24:00', '18:00-09:00', '09:00-12:00、11:00-13:00', '25:00-26:00', '09:00-09:00',
    '周日至周一', '周一至周日', '周八', '休', '班', '2026-02-29', '1900-01-01', '9999-99-99', '2026-13-01', '人天', '项', '元/年', '许可费比例', '标准工作日', '服务项目', '代码', '日历名称',
    '基础服务', '公有云', 'self_service_ops', 'SELF SERVICE', '__proto__', 'constructor', 'toString', '有权', '期望', '测试用例', '价格', '服务时间', '节假日'),
);

const sheet = fc.nat({ max: 50 });
/** Ranges for merges: over a header, a table, a whole column, reversed, or not a range at all. */
const range = fc.oneof(
  fc.constantFrom('A1:E1', 'A1:A21', 'A2:E3', 'B2:B3', 'A1:XFD1', 'A1:A1048576', 'E3:A1', 'A1:A1', 'A0:B2', 'ZZZZ1:A1', '', 'A1', '$A$1:$B$2', 'A1:B2 C3:D4'),
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 40 })).map(([c1, r1, c2, r2]) => `${String.fromCharCode(64 + c1)}${r1}:${String.fromCharCode(64 + c2)}${r2}`),
);
const sheetOp: fc.Arbitrary<EntryOp> = fc.oneof(
  fc.record({ op: fc.constant('sheetName' as const), sheet, name: fc.oneof(cellText, fc.constantFrom('', 'Sheet1', '说明', '价格', '服务时间', '节假日', '测试用例', '金蝶云星空（公有云）', '金蝶云星空（On Premise）', '私有云', '本地部署', 'x'.repeat(200))) }),
  fc.record({ op: fc.constant('sheetState' as const), sheet, state: fc.constantFrom('hidden' as const, 'veryHidden' as const, 'visible' as const, 'bogus' as const) }),
  fc.record({ op: fc.constant('merge' as const), sheet, ref: range }),
  fc.record({
    op: fc.constant('cellType' as const),
    sheet,
    seed,
    type: fc.constantFrom('s' as const, 'n' as const, 'b' as const, 'e' as const, 'd' as const, 'str' as const, 'inlineStr' as const, 'bogus' as const),
    value: fc.oneof(cellText, fc.constantFrom('0', '1', '-1', '99999', '1e308', '-1e-308', 'NaN', '2026-01-01T00:00:00Z', '#DIV/0!', '45000', '4.5e4', '0x10', '')),
  }),
  fc.record({ op: fc.constant('rowNumbers' as const), sheet, seed, style: fc.constantFrom('reverse' as const, 'duplicate' as const, 'zero' as const, 'huge' as const) }),
  fc.record({ op: fc.constant('manyAttributes' as const), sheet, count: fc.integer({ min: 10, max: 300_000 }) }),
);

const entryOp: fc.Arbitrary<EntryOp> = fc.oneof(
  { weight: 6, arbitrary: sheetOp },
  fc.record({ op: fc.constant('shuffle' as const), seed }),
  fc.record({ op: fc.constant('drop' as const), i: index }),
  fc.record({ op: fc.constant('duplicate' as const), i: index, edited: fc.boolean() }),
  fc.record({ op: fc.constant('rename' as const), i: index, style: fc.constantFrom('upper' as const, 'slash' as const, 'backslash' as const, 'space' as const) }),
  fc.record({ op: fc.constant('truncateXml' as const), i: index, at }),
  fc.record({ op: fc.constant('breakXml' as const), i: index, at, junk: fc.constantFrom(...XML_JUNK) }),
  fc.record({ op: fc.constant('hugeAttribute' as const), i: index, at, chars: fc.integer({ min: 1_000, max: 4 * MB }), char: fc.constantFrom('a', '中', '&amp;', ' ') }),
  fc.record({ op: fc.constant('deepNesting' as const), i: index, at, depth: fc.integer({ min: 10, max: 200_000 }), tag: fc.constantFrom('x', 'row', 'c', 'is', 'r', 'si') }),
  fc.record({ op: fc.constant('reencode' as const), i: index, encoding: fc.constantFrom(...ENCODINGS) }),
  fc.record({ op: fc.constant('cellText' as const), i: index, at, text: cellText }),
  // The readers' own checks see what the cells say: weighted so that many cases change words, not only bytes.
  { weight: 5, arbitrary: fc.record({ op: fc.constant('cells' as const), seed, texts: fc.array(cellText, { minLength: 1, maxLength: 8 }) }) },
  fc.record({ op: fc.constant('bomb' as const), i: index, kind: fc.constantFrom('whitespace' as const, 'emptyRows' as const, 'comment' as const, 'sharedRepeat' as const), size: fc.integer({ min: 1_000, max: 20 * MB }) }),
  fc.record({ op: fc.constant('junkEntry' as const), name: fc.constantFrom('xl/worksheets/sheet9.xml', 'xl/sharedStrings.xml', '[Content_Types].xml', 'xl/vbaProject.bin', '../evil.xml', 'xl/styles.xml', 'a/'.repeat(40)), seed, length: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({ op: fc.constant('store' as const), i: index }),
  fc.record({ op: fc.constant('lie' as const), i: index, field: fc.constantFrom('size' as const, 'crc' as const, 'method' as const), value: fc.nat({ max: 0xffffffff }) }),
);

const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at }),
  fc.record({ op: fc.constant('flip' as const), seed, count: fc.integer({ min: 1, max: 32 }) }),
  fc.record({ op: fc.constant('overwrite' as const), at, seed, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ op: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...XML_JUNK, 'PK\u0003\u0004', 'PK\u0005\u0006'), fc.string({ unit: 'binary', maxLength: 40 })) }),
  fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 4096 }) }),
  fc.record({ op: fc.constant('append' as const), seed, length: fc.integer({ min: 1, max: 4096 }) }),
);

const csvOp: fc.Arbitrary<CsvOp> = fc.oneof(
  fc.record({ op: fc.constant('reencode' as const), encoding: fc.constantFrom(...ENCODINGS) }),
  fc.record({ op: fc.constant('insert' as const), at, text: fc.oneof(cellText, fc.constantFrom('"', '""', ',', '\t', ';', '\r', '\n', '\r\n', '\u0000', '"a\nb"', '\ufeff')) }),
  fc.record({ op: fc.constant('longField' as const), at, chars: fc.integer({ min: 1_000, max: 100_000 }) }),
  fc.record({ op: fc.constant('manyFields' as const), at, count: fc.integer({ min: 10, max: 20_000 }), delimiter: fc.constantFrom(',', '\t', ';') }),
  fc.record({ op: fc.constant('manyLines' as const), count: fc.integer({ min: 10, max: 60_000 }), line: fc.constantFrom('', ',,,,,,', '客户,公有云,优选服务,2026-01-01,2026-12-31,,', '"') }),
);

/** A plan for a file among `bases` (zip bases get entry operations, CSV bases text operations). */
export function planArbitrary(bases: Record<string, 'zip' | 'csv'>): fc.Arbitrary<Plan> {
  return fc.constantFrom(...Object.keys(bases)).chain((base) =>
    fc.record({
      base: fc.constant(base),
      entryOps: bases[base] === 'zip' ? fc.array(entryOp, { minLength: 1, maxLength: 4 }) : fc.constant([]),
      csvOps: bases[base] === 'csv' ? fc.array(csvOp, { minLength: 1, maxLength: 3 }) : fc.constant([]),
      // Byte damage mostly ends at the zip's own checks, so it comes to two cases in five: the rest reach the XML.
      byteOps: fc.oneof({ weight: 3, arbitrary: fc.constant<ByteOp[]>([]) }, { weight: 2, arbitrary: fc.array(byteOp, { minLength: 1, maxLength: 2 }) }),
    }),
  );
}

/** The plan fast-check draws for this seed: the same plan for the same seed and fast-check version. */
export function planFor(bases: Record<string, 'zip' | 'csv'>, caseSeed: number): Plan {
  return fc.sample(planArbitrary(bases), { seed: caseSeed, numRuns: 1 })[0]!;
}

// The part scanner counts what XML declares without building it; it must count the same however the bytes
// arrive (inflate hands out chunks of any size, splitting tags, attributes, comments and names anywhere).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlPartScanner, type PartKind, type PartScan } from '../../src/workbook/xlsx-part-scan.ts';
import { definedNameArea, rangeArea } from '../../src/workbook/xlsx-refs.ts';

function scan(kind: PartKind, xml: string | Buffer, cuts: number[] = []): PartScan {
  const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
  const scanner = new XmlPartScanner(kind);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.write(bytes.subarray(at, cut));
    at = cut;
  }
  scanner.write(bytes.subarray(at));
  return scanner.result();
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/>' +
  '<cols><col min="1" max="3" width="9"/></cols>' +
  '<!-- a comment with <row> and <c> inside --><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>a &gt; b &amp; "c"</t></is></c><c r="B1"><v>1</v></c></row>' +
  '<row r="2" spans="1:3"><c r="A2" t="inlineStr"><is><t><![CDATA[<row><c>not a cell</c></row>]]></t></is></c></row>' +
  '<row r="3"/></sheetData>' +
  '<mergeCells count="2"><mergeCell ref="A3:C3"/><mergeCell ref=\'B1:B2\'/></mergeCells>' +
  '<hyperlinks><hyperlink ref="A1" display="x > y / z"/></hyperlinks></worksheet>';

describe('XmlPartScanner: worksheets', () => {
  it('counts rows, cells and merged cells, and reads the dimension and columns, ignoring comments and CDATA', () => {
    const { worksheet, maxDepth, doctype } = scan('worksheet', SHEET);
    expect(worksheet).toEqual({
      rows: 3,
      cells: 3,
      merges: 2,
      mergedCells: 3 + 2,
      largestMerge: { ref: 'A3:C3', cells: 3 },
      dimensionCells: 9,
      dimensionRef: 'A1:C3',
      maxColumn: 3,
    });
    // worksheet > sheetData > row > c > is > t
    expect(maxDepth).toBe(6);
    expect(doctype).toBe(false);
  });

  it('counts the same however the bytes are cut into chunks', () => {
    const whole = scan('worksheet', SHEET);
    const length = Buffer.byteLength(SHEET);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: length - 1 }), { maxLength: 40 }), (cuts) => {
        expect(scan('worksheet', SHEET, cuts)).toEqual(whole);
      }),
    );
    // Every byte a chunk of its own.
    expect(scan('worksheet', SHEET, Array.from({ length: length - 1 }, (_, i) => i + 1))).toEqual(whole);
  });

  it('counts prefixed SpreadsheetML like plain', () => {
    const xml = '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1"/></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:XFD1048576"/></x:mergeCells></x:worksheet>';
    expect(scan('worksheet', xml).worksheet).toMatchObject({ rows: 1, cells: 1, merges: 1, mergedCells: 16_384 * 1_048_576 });
  });

  it('tells a declaration from a comment and CDATA, across chunk boundaries too', () => {
    const doctype = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><worksheet/>';
    expect(scan('other', doctype).doctype).toBe(true);
    expect(scan('other', doctype, [22, 23, 24]).doctype).toBe(true);
    expect(scan('other', '<a><!-- <!DOCTYPE x> --><![CDATA[<!ENTITY a "b">]]></a>').doctype).toBe(false);
    expect(scan('other', '<a><!-- ---></a><b/>', [7, 8, 13, 14]).maxDepth).toBe(1);
    expect(scan('other', '<a><![CDATA[ ]]]></a><b/>', [14, 15, 16]).maxDepth).toBe(1);
  });

  it('measures depth with self-closing elements, and without building a stack', () => {
    expect(scan('other', '<a><b/><b><c/></b></a>').maxDepth).toBe(3);
    const deep = `${'<d>'.repeat(100_000)}${'</d>'.repeat(100_000)}`;
    expect(scan('other', deep).maxDepth).toBe(100_000);
  });
});

describe('XmlPartScanner: workbook and relationships', () => {
  it('reads the sheets, their relationships and the defined names with their formula text', () => {
    const workbook =
      '<workbook xmlns:r="urn:r"><sheets><sheet name="公有云 &amp; 私有云" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" r:id="rId2"/></sheets>' +
      '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">\'公有云 &amp; 私有云\'!$A$1:$F$40</definedName><definedName name="empty"/>' +
      '<definedName name="big">说明!$A$1:$B$2,说明!$C$3</definedName></definedNames></workbook>';
    expect(scan('workbook', workbook, [60, 200, 260]).workbook).toEqual({
      sheets: [
        { name: '公有云 & 私有云', relationshipId: 'rId1' },
        { name: '说明', relationshipId: 'rId2' },
      ],
      definedNames: [
        { name: '_xlnm.Print_Area', text: "'公有云 & 私有云'!$A$1:$F$40", truncated: false },
        { name: 'empty', text: '', truncated: false },
        { name: 'big', text: '说明!$A$1:$B$2,说明!$C$3', truncated: false },
      ],
    });
    const rels = '<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/><Relationship Target="/xl/worksheets/sheet2.xml" Id="rId2"/></Relationships>';
    expect([...scan('relationships', rels, [30]).relationships!]).toEqual([
      ['rId1', 'worksheets/sheet1.xml'],
      ['rId2', '/xl/worksheets/sheet2.xml'],
    ]);
  });

  it('marks a defined name longer than Excel allows instead of keeping all of it', () => {
    const name = scan('workbook', `<workbook><definedNames><definedName name="long">${'$A$1,'.repeat(20_000)}</definedName></definedNames></workbook>`).workbook!.definedNames[0]!;
    expect(name.truncated).toBe(true);
    expect(name.text.length).toBeLessThanOrEqual(8192 * 4);
  });
});

describe('areas', () => {
  it.each([
    ['A1', 1],
    ['A1:B2', 4],
    ['$A$1:$XFD$1048576', 17_179_869_184],
    ['B2:A1', 4],
    ['A1:J200000', 2_000_000],
    ['not a ref', 0],
    ['', 0],
  ])('rangeArea(%s) = %d', (ref, area) => {
    expect(rangeArea(ref)).toBe(area);
  });

  it('counts every absolute range of a defined name, as exceljs expands them', () => {
    expect(definedNameArea("'S 1'!$A$1:$B$2,S!$C$3")).toBe(5);
    expect(definedNameArea('S!$A:$B')).toBe(0);
    expect(definedNameArea('OFFSET(S!$A$1,0,0,COUNTA(S!$A:$A),1)')).toBe(1);
  });
});

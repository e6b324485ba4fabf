// What an .xlsx may declare before exceljs is allowed to read it, and the refusals, worded for the person who
// has to fix the file. exceljs expands what a sheet declares: a cell object for every cell of a merged range
// (`A1:XFD1048576` is 17 billion), a row object for every <row>, a cell for every cell of a defined name's
// range. These limits are checked on the counts the part scan made, so nothing is expanded to refuse it.
// The figures behind the defaults are in the README (Uploads and hostile files).
import { importError, type ImportIssue } from './import-issue.ts';
import { MAX_DEFINED_NAME_CHARS, type PartScan, type WorksheetScan } from './xlsx-part-scan.ts';
import { definedNameArea } from './xlsx-refs.ts';

export interface DeclaredSizeLimits {
  /** Worksheets in the workbook. */
  maxSheets: number;
  /** <row> elements over all sheets, blank rows included. */
  maxRows: number;
  /** <c> elements over all sheets. */
  maxCells: number;
  /** Merged ranges over all sheets (exceljs compares each new merge with every earlier one). */
  maxMerges: number;
  /** Cells covered by merged ranges over all sheets. */
  maxMergedCells: number;
  /** Cells a sheet's <dimension ref> may declare. */
  maxDimensionCells: number;
  /** Cells the defined names' ranges cover, over all names. */
  maxNamedCells: number;
  /** Nesting of elements in any XML part. */
  maxXmlDepth: number;
  /**
   * Bytes of comments, processing instructions and CDATA over all parts: Excel writes none but the XML
   * declaration, and the XML parser under exceljs reads some of them slowly (20 MB of `<!---x-x…-->` took 13 s).
   */
  maxXmlMarkupBytes: number;
  /** Attributes on one element, in any XML part: exceljs's parser reads 240,000 of them (3 MB) in 1–10 s. */
  maxXmlAttributes: number;
}

export const DEFAULT_DECLARED_LIMITS: DeclaredSizeLimits = Object.freeze({
  maxSheets: 100,
  maxRows: 200_000,
  maxCells: 600_000,
  maxMerges: 2_000,
  maxMergedCells: 50_000,
  maxDimensionCells: 10_000_000,
  maxNamedCells: 50_000,
  maxXmlDepth: 100,
  maxXmlMarkupBytes: 1024 * 1024,
  maxXmlAttributes: 1_000,
});

/** Excel's grid: 16,384 columns (A…XFD). */
export const EXCEL_MAX_COLUMNS = 16_384;

export interface ScannedPart {
  path: string;
  scan: PartScan;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

interface Where {
  zh: string;
  en: string;
  sheet?: string;
}

/** Worksheet part path → sheet name, from the workbook and its relationships; unnamed parts keep their path. */
function sheetNames(parts: readonly ScannedPart[]): Map<string, string> {
  const workbook = parts.find((p) => p.scan.workbook)?.scan.workbook;
  const rels = parts.find((p) => p.path.toLowerCase() === 'xl/_rels/workbook.xml.rels')?.scan.relationships;
  const names = new Map<string, string>();
  if (!workbook || !rels) return names;
  for (const sheet of workbook.sheets) {
    const target = rels.get(sheet.relationshipId);
    if (target) names.set(resolveTarget(target), sheet.name);
  }
  return names;
}

/** A relationship target of xl/workbook.xml as a package path: relative to xl/, or absolute from the root. */
function resolveTarget(target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/').toLowerCase();
}

function whereOf(path: string, names: Map<string, string>): Where {
  const sheet = names.get(path.replace(/^\//, '').toLowerCase());
  if (sheet !== undefined) return { zh: `工作表“${sheet}”`, en: `sheet "${sheet}"`, sheet };
  return { zh: `部件 ${path}`, en: `part ${path}` };
}

function limitIssue(code: string, where: Where, found: string, expected: { zh: string; en: string }, message: { zh: string; en: string }): ImportIssue {
  return importError({
    code,
    ...(where.sheet === undefined ? {} : { sheet: where.sheet }),
    found,
    expected: expected.zh,
    expectedEn: expected.en,
    message: message.zh,
    messageEn: message.en,
  });
}

const RESAVE = {
  zh: '由 Excel 保存的工作簿不会这样,请在 Excel 中打开、另存为“Excel 工作簿 (*.xlsx)”后重新上传',
  en: 'a workbook saved by Excel never does this; open it in Excel, save it as "Excel Workbook (*.xlsx)" and upload it again',
};

/** A workbook-wide budget (rows, cells, merges) that one sheet used up: that sheet is named. */
interface Budget {
  code: string;
  limit: number;
  of: (ws: WorksheetScan) => number;
  unit: { zh: string; en: string };
  fix: { zh: string; en: string };
}

const BUDGETS: ((l: DeclaredSizeLimits) => Budget)[] = [
  (l) => ({ code: 'ROWS_LIMIT', limit: l.maxRows, of: (ws) => ws.rows, unit: { zh: '行(含空行)', en: 'rows (blank rows included)' }, fix: { zh: '请删除多余的行,或把数据拆到几个文件中', en: 'delete the rows that are not needed, or split the data over several files' } }),
  (l) => ({ code: 'CELLS_LIMIT', limit: l.maxCells, of: (ws) => ws.cells, unit: { zh: '个单元格', en: 'cells' }, fix: { zh: '请删除多余的行、列或工作表,或把数据拆到几个文件中', en: 'delete the rows, columns or sheets that are not needed, or split the data over several files' } }),
  (l) => ({ code: 'MERGES_LIMIT', limit: l.maxMerges, of: (ws) => ws.merges, unit: { zh: '个合并区域', en: 'merged ranges' }, fix: { zh: '请取消不需要的合并单元格', en: 'unmerge the cells that need not be merged' } }),
  (l) => ({ code: 'MERGED_AREA_LIMIT', limit: l.maxMergedCells, of: (ws) => ws.mergedCells, unit: { zh: '个被合并的单元格', en: 'merged cells' }, fix: { zh: '请取消整行、整列或大片区域的合并', en: 'unmerge whole rows, whole columns and other large merged ranges' } }),
];

function budgetIssues(sheets: readonly ScannedPart[], names: Map<string, string>, limits: DeclaredSizeLimits): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const make of BUDGETS) {
    const b = make(limits);
    let total = 0;
    for (const part of sheets) {
      const own = b.of(part.scan.worksheet!);
      total += own;
      if (total <= b.limit) continue;
      const where = whereOf(part.path, names);
      const alone = own > b.limit;
      const largest = b.code === 'MERGED_AREA_LIMIT' ? largestMerge(part.scan.worksheet!) : null;
      const example = largest ? { zh: `(最大的一处是 ${largest})`, en: ` (the largest is ${largest})` } : { zh: '', en: '' };
      const found = alone ? `${count(own)} ${b.unit.zh} / ${count(own)} ${b.unit.en}` : `合计 ${count(total)} ${b.unit.zh} / ${count(total)} ${b.unit.en} in all`;
      const what = alone
        ? { zh: `${where.zh}有 ${count(own)} ${b.unit.zh}${example.zh}`, en: `${cap(where.en)} has ${count(own)} ${b.unit.en}${example.en}` }
        : { zh: `算上${where.zh},工作簿共有 ${count(total)} ${b.unit.zh}${example.zh}`, en: `With ${where.en}, the workbook has ${count(total)} ${b.unit.en}${example.en}` };
      issues.push(
        limitIssue(b.code, where, found, { zh: `整个工作簿至多 ${count(b.limit)} ${b.unit.zh}`, en: `at most ${count(b.limit)} ${b.unit.en} in the whole workbook` }, {
          zh: `${what.zh},超过了整个工作簿的上限 ${count(b.limit)},为保护系统未读取该文件:${b.fix.zh}后重新上传。`,
          en: `${what.en}, over the limit of ${count(b.limit)} for the whole workbook, so the file was not read to protect the system: ${b.fix.en}, then upload it again.`,
        }),
      );
      break;
    }
  }
  return issues;
}

function largestMerge(ws: WorksheetScan): string | null {
  return ws.largestMerge?.ref ?? null;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sheetIssues(part: ScannedPart, names: Map<string, string>, limits: DeclaredSizeLimits): ImportIssue[] {
  const ws = part.scan.worksheet!;
  const where = whereOf(part.path, names);
  const issues: ImportIssue[] = [];
  if (ws.dimensionCells > limits.maxDimensionCells) {
    issues.push(
      limitIssue('DIMENSION_LIMIT', where, `${ws.dimensionRef ?? ''}: ${count(ws.dimensionCells)} 个单元格 / cells`, { zh: `每个工作表声明的使用范围至多 ${count(limits.maxDimensionCells)} 个单元格`, en: `a used range of at most ${count(limits.maxDimensionCells)} cells per sheet` }, {
        zh: `${where.zh}声明的使用范围 ${ws.dimensionRef ?? ''} 有 ${count(ws.dimensionCells)} 个单元格,超过了上限 ${count(limits.maxDimensionCells)} 个,为保护系统未读取该文件:请在 Excel 中删除数据以外的行和列(或把数据复制到新工作表),保存后重新上传。`,
        en: `${cap(where.en)} declares a used range ${ws.dimensionRef ?? ''} of ${count(ws.dimensionCells)} cells, over the limit of ${count(limits.maxDimensionCells)}, so the file was not read to protect the system: delete the rows and columns beyond the data in Excel (or copy the data to a new sheet), save and upload it again.`,
      }),
    );
  }
  if (ws.maxColumn > EXCEL_MAX_COLUMNS) {
    issues.push(
      limitIssue('COLUMNS_LIMIT', where, `第 ${count(ws.maxColumn)} 列 / column ${count(ws.maxColumn)}`, { zh: `不超过 Excel 的 ${count(EXCEL_MAX_COLUMNS)} 列 (XFD)`, en: `no more than Excel's ${count(EXCEL_MAX_COLUMNS)} columns (XFD)` }, {
        zh: `${where.zh}的列设置延伸到第 ${count(ws.maxColumn)} 列,超出了 Excel 的 ${count(EXCEL_MAX_COLUMNS)} 列,为保护系统未读取该文件:${RESAVE.zh}。`,
        en: `${cap(where.en)} sets columns up to column ${count(ws.maxColumn)}, beyond Excel's ${count(EXCEL_MAX_COLUMNS)}, so the file was not read to protect the system: ${RESAVE.en}.`,
      }),
    );
  }
  return issues;
}

function xmlIssues(part: ScannedPart, names: Map<string, string>, limits: DeclaredSizeLimits): ImportIssue[] {
  const where = whereOf(part.path, names);
  const issues: ImportIssue[] = [];
  if (part.scan.doctype) {
    issues.push(
      limitIssue('XML_DOCTYPE', where, '<!DOCTYPE …> / <!ENTITY …>', { zh: '不含 DOCTYPE 或实体声明的 XML(Excel 保存的样子)', en: 'XML without DOCTYPE or entity declarations, as Excel saves it' }, {
        zh: `${where.zh}含有 DOCTYPE 或实体声明,为保护系统未读取该文件:${RESAVE.zh}。`,
        en: `${cap(where.en)} holds a DOCTYPE or entity declaration, so the file was not read to protect the system: ${RESAVE.en}.`,
      }),
    );
  }
  if (part.scan.maxDepth > limits.maxXmlDepth) {
    issues.push(
      limitIssue('XML_DEPTH_LIMIT', where, `嵌套 ${count(part.scan.maxDepth)} 层 / nested ${count(part.scan.maxDepth)} levels deep`, { zh: `XML 嵌套至多 ${limits.maxXmlDepth} 层`, en: `XML nested at most ${limits.maxXmlDepth} levels deep` }, {
        zh: `${where.zh}的 XML 嵌套了 ${count(part.scan.maxDepth)} 层,超过了上限 ${limits.maxXmlDepth} 层,为保护系统未读取该文件:${RESAVE.zh}。`,
        en: `${cap(where.en)} nests its XML ${count(part.scan.maxDepth)} levels deep, over the limit of ${limits.maxXmlDepth}, so the file was not read to protect the system: ${RESAVE.en}.`,
      }),
    );
  }
  if (part.scan.maxAttributes > limits.maxXmlAttributes) {
    const found = count(part.scan.maxAttributes);
    issues.push(
      limitIssue('XML_ATTRIBUTES_LIMIT', where, `${found} 个属性 / attributes`, { zh: `每个 XML 元素至多 ${count(limits.maxXmlAttributes)} 个属性`, en: `at most ${count(limits.maxXmlAttributes)} attributes on an XML element` }, {
        zh: `${where.zh}的一个 XML 元素有 ${found} 个属性,超过了上限 ${count(limits.maxXmlAttributes)} 个,为保护系统未读取该文件:${RESAVE.zh}。`,
        en: `${cap(where.en)} has an XML element with ${found} attributes, over the limit of ${count(limits.maxXmlAttributes)}, so the file was not read to protect the system: ${RESAVE.en}.`,
      }),
    );
  }
  return issues;
}

function markupIssues(parts: readonly ScannedPart[], limits: DeclaredSizeLimits): ImportIssue[] {
  const total = parts.reduce((n, p) => n + p.scan.markupBytes, 0);
  if (total <= limits.maxXmlMarkupBytes) return [];
  const largest = parts.reduce((a, b) => (b.scan.markupBytes > a.scan.markupBytes ? b : a));
  const where = whereOf(largest.path, sheetNames(parts));
  const [found, max] = [kilobytes(total), kilobytes(limits.maxXmlMarkupBytes)];
  return [
    limitIssue('XML_MARKUP_LIMIT', where, `${found} 注释、处理指令或 CDATA / of comments, processing instructions or CDATA`, { zh: `XML 注释、处理指令和 CDATA 合计至多 ${max}`, en: `at most ${max} of XML comments, processing instructions and CDATA in all` }, {
      zh: `工作簿的 XML 含有 ${found} 的注释、处理指令或 CDATA(最多的在${where.zh}),超过了上限 ${max},为保护系统未读取该文件:${RESAVE.zh}。`,
      en: `The workbook's XML holds ${found} of comments, processing instructions or CDATA (most of it in ${where.en}), over the limit of ${max}, so the file was not read to protect the system: ${RESAVE.en}.`,
    }),
  ];
}

const kilobytes = (n: number) => `${count(Math.ceil(n / 1024))} KB`;

function nameIssues(parts: readonly ScannedPart[], limits: DeclaredSizeLimits): ImportIssue[] {
  const workbook = parts.find((p) => p.scan.workbook)?.scan.workbook;
  if (!workbook) return [];
  const where = { zh: '工作簿的名称', en: "the workbook's names" };
  let total = 0;
  for (const name of workbook.definedNames) {
    // Print areas and titles become page setup; exceljs expands only the other names.
    if (name.name === '_xlnm.Print_Area' || name.name === '_xlnm.Print_Titles') continue;
    if (name.truncated) {
      return [
        limitIssue('NAMED_RANGE_LIMIT', where, `名称“${name.name}”/ name "${name.name}"`, { zh: `名称的公式至多 ${count(MAX_DEFINED_NAME_CHARS)} 个字符`, en: `a name's formula of at most ${count(MAX_DEFINED_NAME_CHARS)} characters` }, {
          zh: `名称“${name.name}”的公式超过了 Excel 允许的 ${count(MAX_DEFINED_NAME_CHARS)} 个字符,为保护系统未读取该文件:${RESAVE.zh}。`,
          en: `The name "${name.name}" has a formula longer than Excel's ${count(MAX_DEFINED_NAME_CHARS)} characters, so the file was not read to protect the system: ${RESAVE.en}.`,
        }),
      ];
    }
    total += definedNameArea(name.text);
    if (total > limits.maxNamedCells) {
      return [
        limitIssue('NAMED_RANGE_LIMIT', where, `名称“${name.name}”: ${name.text.slice(0, 60)}`, { zh: `名称引用的区域合计至多 ${count(limits.maxNamedCells)} 个单元格`, en: `names referring to at most ${count(limits.maxNamedCells)} cells in all` }, {
          zh: `名称“${name.name}”(${name.text.slice(0, 60)})使工作簿的名称引用的单元格超过了上限 ${count(limits.maxNamedCells)} 个,为保护系统未读取该文件:请在 Excel 的“公式 → 名称管理器”中删除或缩小该名称,保存后重新上传。`,
          en: `The name "${name.name}" (${name.text.slice(0, 60)}) brings the cells the workbook's names refer to over the limit of ${count(limits.maxNamedCells)}, so the file was not read to protect the system: delete or narrow the name in Excel (Formulas → Name Manager), save and upload it again.`,
        }),
      ];
    }
  }
  return [];
}

/** Every limit the scanned parts exceed, each naming its sheet (or part) and the limit; [] when within all. */
export function declaredSizeIssues(parts: readonly ScannedPart[], limits: DeclaredSizeLimits): ImportIssue[] {
  const names = sheetNames(parts);
  const sheets = parts.filter((p) => p.scan.worksheet);
  const issues: ImportIssue[] = [];
  const declaredSheets = Math.max(sheets.length, parts.find((p) => p.scan.workbook)?.scan.workbook?.sheets.length ?? 0);
  if (declaredSheets > limits.maxSheets) {
    issues.push(
      limitIssue('SHEETS_LIMIT', { zh: '工作簿', en: 'the workbook' }, `${count(declaredSheets)} 个工作表 / sheets`, { zh: `至多 ${count(limits.maxSheets)} 个工作表`, en: `at most ${count(limits.maxSheets)} sheets` }, {
        zh: `工作簿有 ${count(declaredSheets)} 个工作表,超过了上限 ${count(limits.maxSheets)} 个,为保护系统未读取该文件:请删除不需要的工作表后重新上传。`,
        en: `The workbook has ${count(declaredSheets)} sheets, over the limit of ${count(limits.maxSheets)}, so the file was not read to protect the system: delete the sheets that are not needed and upload it again.`,
      }),
    );
  }
  for (const part of parts) issues.push(...xmlIssues(part, names, limits));
  issues.push(...markupIssues(parts, limits));
  for (const part of sheets) issues.push(...sheetIssues(part, names, limits));
  issues.push(...budgetIssues(sheets, names, limits), ...nameIssues(parts, limits));
  // One refusal per limit is enough to act on; a file that breaks a limit in 3,000 parts need not list them all.
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(i.code) && seen.add(i.code));
}

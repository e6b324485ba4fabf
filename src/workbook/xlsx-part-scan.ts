// Reads what the XML parts of an .xlsx declare while the guard inflates them, without building anything:
// a byte-level tokenizer that keeps a few counters and never a tree, so a million rows, a whole-sheet merge
// or a thousand nested elements cost the same few bytes of memory. exceljs would expand them; we count.
// The tokenizer is fed chunk by chunk, so every state survives a chunk boundary.
import { decodeXmlText, rangeArea } from './xlsx-refs.ts';

/** What a worksheet part declares. */
export interface WorksheetScan {
  rows: number;
  cells: number;
  merges: number;
  /** Sum of the areas of the merged ranges (exceljs makes a cell for each). */
  mergedCells: number;
  /** The merged range covering the most cells, to show as an example. */
  largestMerge: { ref: string; cells: number } | null;
  /** Area of <dimension ref>, or 0 when absent or unreadable. */
  dimensionCells: number;
  dimensionRef: string | null;
  /** Largest column a <col min/max> reaches (exceljs makes a column object for every one up to it). */
  maxColumn: number;
}

/** What xl/workbook.xml declares: its sheets and defined names (exceljs expands a name's ranges cell by cell). */
export interface WorkbookScan {
  sheets: { name: string; relationshipId: string }[];
  definedNames: { name: string; text: string; truncated: boolean }[];
}

export interface PartScan {
  maxDepth: number;
  /** A <!DOCTYPE …> or other declaration: no part Excel writes has one (entities, XXE). */
  doctype: boolean;
  /** Bytes inside comments, processing instructions and CDATA sections (Excel writes only the XML declaration). */
  markupBytes: number;
  /** Most attributes on one element (Excel writes a dozen or so). */
  maxAttributes: number;
  worksheet: WorksheetScan | null;
  workbook: WorkbookScan | null;
  /** Id → target of a relationships part. */
  relationships: Map<string, string> | null;
}

export type PartKind = 'worksheet' | 'workbook' | 'relationships' | 'other';

/** Excel's own formula length limit: a defined name's text is a formula. */
export const MAX_DEFINED_NAME_CHARS = 8192;

const enum S {
  Text,
  Lt,
  OpenName,
  InTag,
  AttrName,
  AfterAttrName,
  BeforeValue,
  Value,
  Slash,
  CloseName,
  Pi,
  Bang,
  Comment,
  Cdata,
  Decl,
  /** Inside the tag of an element whose attributes are not read: only quotes, `/` and `>` matter. */
  SkipTag,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

/**
 * Where `byte` is next, or -1. A plain loop: the distances in sheet XML are a few bytes, where a native
 * indexOf costs more in the call than in the search (with it the scan took nearly twice as long).
 */
function find(chunk: Buffer, byte: number, from: number): number {
  for (let i = from; i < chunk.length; i++) if (chunk[i] === byte) return i;
  return -1;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Local name of a qualified XML name (`x:row` → `row`), so a prefixed part is counted like a plain one. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const MAX_NAME_BYTES = 64;
const MAX_VALUE_BYTES = 1024;

/** The elements counted or read, by the local name's bytes: no string is made for the millions of others. */
const ELEMENTS = ['c', 'row', 'mergeCell', 'dimension', 'col', 'sheet', 'definedName', 'Relationship'] as const;
type Element = (typeof ELEMENTS)[number];
const ELEMENT_BYTES = ELEMENTS.map((e) => Buffer.from(e, 'latin1'));

/** Which elements' attributes each part kind reads; every other attribute value is skipped unread. */
const WANTED: Record<PartKind, ReadonlySet<Element>> = {
  worksheet: new Set(['dimension', 'mergeCell', 'col']),
  workbook: new Set(['sheet', 'definedName']),
  relationships: new Set(['Relationship']),
  other: new Set(),
};

/** The element a name (prefix allowed) stands for, or null for any other. */
function elementOf(name: Buffer, length: number): Element | null {
  const colon = name.lastIndexOf(0x3a, length - 1);
  const start = colon < 0 ? 0 : colon + 1;
  const size = length - start;
  for (let e = 0; e < ELEMENT_BYTES.length; e++) {
    const bytes = ELEMENT_BYTES[e]!;
    if (bytes.length === size && name.compare(bytes, 0, size, start, length) === 0) return ELEMENTS[e]!;
  }
  return null;
}

export class XmlPartScanner {
  private state = S.Text;
  private depth = 0;
  private maxDepth = 0;
  private doctype = false;
  private markupBytes = 0;
  private tagAttributes = 0;
  private maxAttributes = 0;
  private readonly name = Buffer.alloc(MAX_NAME_BYTES);
  private nameLength = 0;
  private element: Element | null = null;
  private wantAttrs = false;
  private attrs: Record<string, string> = {};
  private attrName = '';
  private readonly value = Buffer.alloc(MAX_VALUE_BYTES);
  private valueLength = 0;
  private quote = 0;
  /** The last byte of a skipped tag was an unquoted `/`: a `>` now closes the element too. */
  private slash = false;
  /** Bytes of a terminator matched so far (`-->`, `]]>`, `?>`) or of `<!` lookahead. */
  private run = 0;
  private bang = '';
  private capture: Buffer[] | null = null;
  private captureBytes = 0;
  private captureTruncated = false;
  private readonly worksheet: WorksheetScan | null;
  private readonly workbook: WorkbookScan | null;
  private readonly relationships: Map<string, string> | null;
  private pendingName: { name: string } | null = null;

  constructor(private readonly kind: PartKind) {
    this.worksheet = kind === 'worksheet' ? { rows: 0, cells: 0, merges: 0, mergedCells: 0, largestMerge: null, dimensionCells: 0, dimensionRef: null, maxColumn: 0 } : null;
    this.workbook = kind === 'workbook' ? { sheets: [], definedNames: [] } : null;
    this.relationships = kind === 'relationships' ? new Map() : null;
  }

  result(): PartScan {
    return { maxDepth: this.maxDepth, doctype: this.doctype, markupBytes: this.markupBytes, maxAttributes: this.maxAttributes, worksheet: this.worksheet, workbook: this.workbook, relationships: this.relationships };
  }

  write(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case S.Text: {
          const lt = find(chunk, LT, i);
          const end = lt < 0 ? n : lt;
          if (this.capture && end > i) this.captureText(chunk.subarray(i, end));
          if (lt < 0) return;
          this.state = S.Lt;
          i = lt + 1;
          break;
        }
        case S.Lt: {
          const b = chunk[i]!;
          if (b === SLASH) {
            this.state = S.CloseName;
            this.nameLength = 0;
            i++;
          } else if (b === 0x3f /* ? */) {
            this.state = S.Pi;
            this.run = 0;
            i++;
          } else if (b === 0x21 /* ! */) {
            this.state = S.Bang;
            this.bang = '';
            i++;
          } else {
            this.state = S.OpenName;
            this.nameLength = 0;
          }
          break;
        }
        case S.OpenName: {
          const b = chunk[i]!;
          if (isSpace(b) || b === SLASH || b === GT) {
            this.tagAttributes = 0;
            this.startElement();
            this.state = this.wantAttrs ? S.InTag : S.SkipTag;
            this.quote = 0;
            this.slash = false;
          } else {
            if (this.nameLength < MAX_NAME_BYTES) this.name[this.nameLength++] = b;
            i++;
          }
          break;
        }
        case S.InTag: {
          const b = chunk[i]!;
          if (b === GT) {
            this.openElement(false);
            i++;
          } else if (b === SLASH) {
            this.state = S.Slash;
            i++;
          } else if (isSpace(b)) {
            i++;
          } else {
            this.state = S.AttrName;
            this.nameLength = 0;
          }
          break;
        }
        case S.AttrName: {
          const b = chunk[i]!;
          if (b === EQ || isSpace(b)) {
            this.attrName = this.name.toString('latin1', 0, this.nameLength);
            this.state = b === EQ ? S.BeforeValue : S.AfterAttrName;
            i++;
          } else if (b === GT || b === SLASH) {
            // An attribute without a value is not XML; the parser will say so. Carry on counting.
            this.state = S.InTag;
          } else {
            if (this.nameLength < MAX_NAME_BYTES) this.name[this.nameLength++] = b;
            i++;
          }
          break;
        }
        case S.AfterAttrName: {
          const b = chunk[i]!;
          if (b === EQ) this.state = S.BeforeValue;
          else if (!isSpace(b)) {
            this.state = S.InTag;
            break;
          }
          i++;
          break;
        }
        case S.BeforeValue: {
          const b = chunk[i]!;
          if (b === QUOT || b === APOS) {
            this.quote = b;
            this.valueLength = 0;
            this.state = S.Value;
          } else if (!isSpace(b)) {
            this.state = S.InTag;
            break;
          }
          i++;
          break;
        }
        case S.Value: {
          const close = find(chunk, this.quote, i);
          const end = close < 0 ? n : close;
          if (this.wantAttrs) {
            const take = Math.min(end - i, MAX_VALUE_BYTES - this.valueLength);
            if (take > 0) {
              chunk.copy(this.value, this.valueLength, i, i + take);
              this.valueLength += take;
            }
          }
          if (close < 0) return;
          if (this.wantAttrs) this.attrs[localName(this.attrName)] = decodeXmlText(this.value.toString('utf8', 0, this.valueLength));
          this.countAttribute();
          this.state = S.InTag;
          i = close + 1;
          break;
        }
        case S.Slash: {
          const b = chunk[i]!;
          if (b === GT) {
            this.openElement(true);
            i++;
          } else {
            this.state = S.InTag;
          }
          break;
        }
        case S.CloseName: {
          const gt = find(chunk, GT, i);
          const end = gt < 0 ? n : gt;
          // Only a defined name's end matters (it ends a capture); every other close just counts depth.
          const take = this.capture ? Math.min(end - i, MAX_NAME_BYTES - this.nameLength) : 0;
          if (take > 0) {
            chunk.copy(this.name, this.nameLength, i, i + take);
            this.nameLength += take;
          }
          if (gt < 0) return;
          this.closeElement();
          this.state = S.Text;
          i = gt + 1;
          break;
        }
        case S.Pi:
          i = this.skipUntil(chunk, i, '?>');
          break;
        case S.Bang: {
          // Enough bytes to tell a comment (`--`) from CDATA (`[CDATA[`) from a declaration (DOCTYPE, ENTITY).
          this.bang += String.fromCharCode(chunk[i]!);
          i++;
          if (this.bang.startsWith('--')) {
            this.state = S.Comment;
            this.run = 0;
          } else if (this.bang === '[CDATA[') {
            this.state = S.Cdata;
            this.run = 0;
          } else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) {
            this.doctype = true;
            this.state = S.Decl;
          }
          break;
        }
        case S.Comment:
          i = this.skipUntil(chunk, i, '-->');
          break;
        case S.Cdata:
          i = this.skipUntil(chunk, i, ']]>');
          break;
        case S.SkipTag: {
          for (; i < n; i++) {
            const b = chunk[i]!;
            if (this.quote !== 0) {
              if (b === this.quote) this.quote = 0;
            } else if (b === GT) {
              this.openElement(this.slash);
              i++;
              break;
            } else if (b === QUOT || b === APOS) {
              this.quote = b;
            } else if (b === EQ) {
              this.countAttribute();
            }
            this.slash = this.quote === 0 && b === SLASH;
          }
          break;
        }
        case S.Decl: {
          const gt = find(chunk, GT, i);
          if (gt < 0) return;
          this.state = S.Text;
          i = gt + 1;
          break;
        }
      }
    }
  }

  private countAttribute(): void {
    if (++this.tagAttributes > this.maxAttributes) this.maxAttributes = this.tagAttributes;
  }

  /** Advances past `terminator` (which may straddle chunks), back to text; returns where scanning resumes. */
  private skipUntil(chunk: Buffer, i: number, terminator: string): number {
    const n = chunk.length;
    const start = i;
    while (i < n) {
      const b = chunk[i++]!;
      if (b === terminator.charCodeAt(this.run)) {
        this.run++;
        if (this.run === terminator.length) {
          this.state = S.Text;
          this.markupBytes += i - start;
          return i;
        }
      } else {
        // A mismatch can only be the start of a new match: `]]]>` and `--->` still end (their run of two stays).
        const doubled = terminator[0] === terminator[1] && this.run === 2;
        this.run = b === terminator.charCodeAt(0) ? (doubled ? 2 : 1) : 0;
      }
    }
    this.markupBytes += i - start;
    return i;
  }

  private startElement(): void {
    this.element = elementOf(this.name, this.nameLength);
    this.wantAttrs = this.element !== null && WANTED[this.kind].has(this.element);
    if (this.wantAttrs) this.attrs = {};
  }

  private openElement(selfClosing: boolean): void {
    this.maxDepth = Math.max(this.maxDepth, this.depth + 1);
    if (!selfClosing) this.depth++;
    this.state = S.Text;
    if (this.element !== null) this.countElement(this.element, this.attrs, selfClosing);
  }

  private closeElement(): void {
    this.depth--;
    if (!this.capture) return;
    // Trailing spaces are allowed before '>' in a close tag.
    let length = this.nameLength;
    while (length > 0 && isSpace(this.name[length - 1]!)) length--;
    if (elementOf(this.name, length) === 'definedName' && this.pendingName && this.workbook) {
      const text = decodeXmlText(Buffer.concat(this.capture ?? []).toString('utf8'));
      this.workbook.definedNames.push({ name: this.pendingName.name, text, truncated: this.captureTruncated });
      this.pendingName = null;
      this.capture = null;
    }
  }

  private captureText(bytes: Buffer): void {
    const room = MAX_DEFINED_NAME_CHARS * 4 - this.captureBytes;
    if (bytes.length > room) this.captureTruncated = true;
    const take = bytes.subarray(0, Math.max(0, room));
    if (take.length === 0) return;
    this.capture!.push(Buffer.from(take));
    this.captureBytes += take.length;
  }

  private countElement(name: Element, attrs: Record<string, string>, selfClosing: boolean): void {
    const ws = this.worksheet;
    if (ws) {
      if (name === 'c') ws.cells++;
      else if (name === 'row') ws.rows++;
      else if (name === 'mergeCell') {
        ws.merges++;
        const area = rangeArea(attrs.ref ?? '');
        ws.mergedCells += area;
        if (area > (ws.largestMerge?.cells ?? 0)) ws.largestMerge = { ref: attrs.ref ?? '', cells: area };
      } else if (name === 'dimension') {
        ws.dimensionRef = attrs.ref ?? null;
        ws.dimensionCells = rangeArea(attrs.ref ?? '');
      } else if (name === 'col') {
        ws.maxColumn = Math.max(ws.maxColumn, Number(attrs.min) || 0, Number(attrs.max) || 0);
      }
      return;
    }
    if (this.workbook) {
      if (name === 'sheet') this.workbook.sheets.push({ name: attrs.name ?? '', relationshipId: attrs.id ?? '' });
      else if (name === 'definedName') {
        if (selfClosing) {
          this.workbook.definedNames.push({ name: attrs.name ?? '', text: '', truncated: false });
        } else {
          this.pendingName = { name: attrs.name ?? '' };
          this.capture = [];
          this.captureBytes = 0;
          this.captureTruncated = false;
        }
      }
      return;
    }
    if (this.relationships && name === 'Relationship' && attrs.Id !== undefined && attrs.Target !== undefined) {
      this.relationships.set(attrs.Id, attrs.Target);
    }
  }
}

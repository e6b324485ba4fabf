// A1 references: column letters and numbers, the area a reference or range covers, the cells a defined
// name's formula would expand to, and attribute text with its XML entities decoded. It imports nothing:
// the guard, the grid readers and whoever reports a cell all stand on it.

/** 'A' → 1, 'Z' → 26, 'AA' → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 → 'A', 27 → 'AA'. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function addressOf(col: number, row: number): string {
  return `${columnLetter(col)}${row}`;
}

/** Area of an A1 reference or range such as `A1`, `$A$1:$XFD$1048576`; 0 when it is not one. */
export function rangeArea(ref: string): number {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,12})(?::\$?([A-Za-z]{1,7})\$?(\d{1,12}))?$/.exec(ref.trim());
  if (!m) return 0;
  const c1 = columnNumber(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnNumber(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
}

/** The cells a defined name's formula text would expand to in exceljs: each `$A$1` or `$A$1:$B$2` in it. */
export function definedNameArea(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/\$[A-Za-z]+\$\d+(?::\$[A-Za-z]+\$\d+)?/g)) total += rangeArea(m[0]);
  return total;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Math.min(Number.parseInt(name.slice(2), 16), 0x10ffff));
    if (name.startsWith('#')) return String.fromCodePoint(Math.min(Number(name.slice(1)), 0x10ffff));
    // Own keys only: `&constructor;` is no entity.
    return (Object.hasOwn(ENTITIES, name) ? ENTITIES[name] : undefined) ?? whole;
  });
}

/** The row number of an A1 address: 12 for 'C12'; 0 when there is none. */
export function rowOf(address: string): number {
  return Number(/\d+$/.exec(address)?.[0] ?? 0);
}

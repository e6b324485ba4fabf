// Deliverables cells split into their items: numbered lists ("1、…2、…", "1. … 2. …", "1) …", "(1) …", circled
// numbers), or one item per line with bullets dropped. The markers are the same in Chinese and English workbooks.

import { LINE_BREAK, normalizeCellText } from '../workbook/cell-text.ts';

// A list number: "1、" "1." "1)" "(1)"; not the "2" of "2.0" nor the "2" of "12、".
const MARKER = /(?<!\d)(?:\((\d{1,2})\)|(\d{1,2})(?:、|\.(?!\d)|\)))/gu;
// The first number of a list must not sit inside a word ("第1、") to count as a list.
const LIST_START_AFTER = /[\n :;,。]/u;
const TRAILING_SEPARATORS = /[\s,;:、]+$/u;
const BULLET = /^[•·▪●◦‣*-]\s?/u;

function splitNumbered(joined: string): string[] | null {
  const cuts: { start: number; end: number }[] = [];
  let expected = 1;
  for (const m of joined.matchAll(MARKER)) {
    if (Number(m[1] ?? m[2]) !== expected) continue;
    const at = m.index;
    const before = joined[at - 1];
    if (expected === 1 && before !== undefined && !LIST_START_AFTER.test(before)) continue;
    cuts.push({ start: at, end: at + m[0].length });
    expected += 1;
  }
  const first = cuts[0];
  if (!first) return null;
  const preamble = joined.slice(0, first.start).split('\n');
  const items = cuts.map((cut, i) => joined.slice(cut.end, cuts[i + 1]?.start ?? joined.length));
  return [...preamble, ...items].map((item) => normalizeCellText(item).replace(TRAILING_SEPARATORS, '')).filter((item) => item !== '');
}

export function splitDeliverables(text: string): string[] {
  // Blank lines need no filtering here: the items are filtered below, and a blank line starts a list as a line break does.
  const lines = text.split(LINE_BREAK).map(normalizeCellText);
  return splitNumbered(lines.join('\n')) ?? lines.map((line) => line.replace(BULLET, '')).filter((line) => line !== '');
}

// Shared inputs for tests: the committed sample workbook and a clock that tests move by hand.
import fs from 'node:fs';
import path from 'node:path';

export const SAMPLE_WORKBOOK_PATH = path.resolve('imports/sample-policy.xlsx');
export const SAMPLE_RULES_PATH = path.resolve('rules/sample-policy.rules.json');

export function sampleWorkbook(): Buffer {
  return fs.readFileSync(SAMPLE_WORKBOOK_PATH);
}

export function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
}

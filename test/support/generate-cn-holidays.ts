// Produces src/calendar/data/cn-holidays.json, China's public holidays and make-up working days (调休上班),
// from the npm package `chinese-days` (MIT). The application never depends on the package: it reads only
// the JSON this script writes, so that a deadline cannot change because a dependency was upgraded.
//
// How the shipped file was made (chinese-days 1.5.7, years 2004–2026):
//   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install chinese-days@1.5.7
//   cd /work/main && npx tsx test/support/generate-cn-holidays.ts /tmp/cd/node_modules/chinese-days/dist/chinese-days.json
// (or `npm install --no-save chinese-days` here and run the script without an argument).
// When the State Council publishes a new year, update the package, run the script again, and check the new
// year against the published notice (test/calendar/china-holidays.test.ts pins 2026 that way).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const OUT = path.resolve('src/calendar/data/cn-holidays.json');

/** `chinese-days` uses short names for some festivals; people and the workbook write the full ones. */
const FULL_NAME: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

interface Source {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function sourcePath(): string {
  const given = process.argv[2];
  if (given) return path.resolve(given);
  return createRequire(import.meta.url).resolve('chinese-days/dist/chinese-days.json');
}

function packageVersion(jsonPath: string): string {
  const pkg = path.join(path.dirname(jsonPath), '..', 'package.json');
  return fs.existsSync(pkg) ? (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version : 'unknown';
}

/** Values look like `Spring Festival,春节,4` (English name, Chinese name, days in lieu). */
function names(value: string): { zh: string; en: string } {
  const [en, zh] = value.split(',');
  if (!en || !zh) throw new Error(`unexpected chinese-days value ${JSON.stringify(value)}`);
  return { zh: FULL_NAME[zh] ?? zh, en };
}

const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

function main(): void {
  const from = sourcePath();
  const source = JSON.parse(fs.readFileSync(from, 'utf8')) as Source;
  const nameEn: Record<string, string> = {};
  const years: Record<string, { holidays: Array<{ date: string; name: string }>; makeUpDays: Array<{ date: string; name: string; holiday: string; worksLike: number }> }> = {};
  const year = (date: string) => (years[date.slice(0, 4)] ??= { holidays: [], makeUpDays: [] });

  for (const [date, value] of Object.entries(source.holidays)) {
    const { zh, en } = names(value);
    nameEn[zh] = en;
    year(date).holidays.push({ date, name: zh });
  }
  for (const [date, value] of Object.entries(source.workdays)) {
    const { zh, en } = names(value);
    nameEn[zh] = en;
    if (source.holidays[date]) throw new Error(`${date} is both a holiday and a make-up working day`);
    const weekday = isoWeekday(date);
    // The State Council's notices do not say which weekday a make-up day replaces; on the standard
    // calendar every weekday has the same hours, so Monday's schedule is as good as any. A weekday listed
    // as a working day (none so far) keeps its own schedule.
    const worksLike = weekday >= 6 ? 1 : weekday;
    if (weekday < 6) console.warn(`note: ${date} is a weekday listed as a make-up working day`);
    year(date).makeUpDays.push({ date, name: `${zh}调休上班`, holiday: zh, worksLike });
  }

  const sortedYears = Object.keys(years).sort();
  const lines: string[] = [];
  lines.push('{');
  lines.push(`  "source": ${JSON.stringify(`chinese-days ${packageVersion(from)} (npm, MIT), dist/chinese-days.json`)},`);
  lines.push(`  "generatedBy": "test/support/generate-cn-holidays.ts",`);
  lines.push(`  "names": ${JSON.stringify(nameEn)},`);
  lines.push('  "years": {');
  sortedYears.forEach((y, yi) => {
    const data = years[y]!;
    data.holidays.sort((a, b) => a.date.localeCompare(b.date));
    data.makeUpDays.sort((a, b) => a.date.localeCompare(b.date));
    lines.push(`    "${y}": {`);
    lines.push('      "holidays": [');
    lines.push(data.holidays.map((h) => `        ${JSON.stringify(h)}`).join(',\n'));
    lines.push('      ],');
    lines.push('      "makeUpDays": [');
    if (data.makeUpDays.length > 0) lines.push(data.makeUpDays.map((m) => `        ${JSON.stringify(m)}`).join(',\n'));
    lines.push('      ]');
    lines.push(`    }${yi === sortedYears.length - 1 ? '' : ','}`);
  });
  lines.push('  }');
  lines.push('}');
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${lines.join('\n')}\n`);
  console.log(`wrote ${OUT}: years ${sortedYears[0]}–${sortedYears.at(-1)} from ${from}`);
}

main();

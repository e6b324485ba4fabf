// npm run bench:calendar — deadline computations/s on the default calendar 标准工作日, for response windows of
// 2 working hours to 5 working days at random instants across 2026 (a seeded mix, the same every run).
// Goal: ≥ 500,000/s for addBusinessTime. explainDeadline (the proof) is measured separately: it formats
// intervals and sentences, and is expected to be far slower.
// Settings (environment): BENCH_ROUNDS (5), BENCH_ROUND_MS (1000).
import { addBusinessTime, businessTimeBetween, windowToWorkingMs } from '../../src/calendar/business-time.ts';
import { standardCalendar } from '../../src/calendar/china-holidays.ts';
import { explainDeadline } from '../../src/calendar/deadline-proof.ts';
import type { ResponseWindow } from '../../src/catalog/catalog.ts';
import { fmt, machine, median, random, rate } from './bench-support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);
const MIX_SIZE = 10_000;

// The windows of the catalog (docs/domain.md) and the ends of the range asked for.
const WINDOWS: ResponseWindow[] = [
  { amount: 2, unit: 'working_hour' },
  { amount: 4, unit: 'working_hour' },
  { amount: 0.5, unit: 'working_day' },
  { amount: 1, unit: 'working_day' },
  { amount: 2, unit: 'working_day' },
  { amount: 5, unit: 'working_day' },
];


function main(): void {
  const calendar = standardCalendar();
  const next = random(20260215);
  const from = Date.parse('2026-01-01T00:00:00+08:00');
  const to = Date.parse('2027-01-01T00:00:00+08:00');
  const starts = new Float64Array(MIX_SIZE);
  const durations = new Float64Array(MIX_SIZE);
  const windows: ResponseWindow[] = [];
  for (let i = 0; i < MIX_SIZE; i++) {
    starts[i] = from + Math.floor(next() * (to - from));
    const window = WINDOWS[Math.floor(next() * WINDOWS.length)]!;
    windows.push(window);
    durations[i] = windowToWorkingMs(calendar, window);
  }

  // The mix is what it claims to be: every deadline proves its own duration.
  let warned = 0;
  for (let i = 0; i < MIX_SIZE; i++) {
    const { at, warnings } = addBusinessTime(calendar, starts[i]!, durations[i]!);
    if (businessTimeBetween(calendar, starts[i]!, at) !== durations[i]) throw new Error(`deadline ${i} does not hold its duration`);
    if (warnings.length > 0) warned++;
  }

  let sink = 0;
  const roundAdd = (ms: number) =>
    rate(ms, 10_000, (n) => {
      const i = n % MIX_SIZE;
      sink += addBusinessTime(calendar, starts[i]!, durations[i]!).at;
    });
  const roundExplain = (ms: number) =>
    rate(ms, 100, (n) => {
      const i = n % MIX_SIZE;
      sink += explainDeadline(calendar, starts[i]!, windows[i]!).intervals.length;
    });

  console.log(`machine: ${machine()}`);
  console.log(
    `mix: ${fmt(MIX_SIZE)} arrivals uniformly across 2026 (Asia/Shanghai) × windows ${WINDOWS.map((w) => `${w.amount} ${w.unit}`).join(', ')}; ` +
      `${warned} deadlines reach 2027 (no holiday data) and carry a warning`,
  );
  roundAdd(ROUND_MS); // warm-up: year tables built, code optimised
  roundExplain(ROUND_MS);
  const adds: number[] = [];
  const explains: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    adds.push(roundAdd(ROUND_MS));
    explains.push(roundExplain(ROUND_MS));
  }
  const show = (xs: number[]) => `median ${fmt(median(xs))}/s (rounds: ${xs.map(fmt).join(', ')})`;
  console.log(`${ROUNDS} rounds of ${ROUND_MS} ms after a warm-up:`);
  console.log(`  addBusinessTime: ${show(adds)}`);
  console.log(`  explainDeadline: ${show(explains)}`);
  console.log(`  goal ≥ 500,000 addBusinessTime/s: ${median(adds) >= 500_000 ? 'met' : 'NOT met'}`);
  if (sink === 0) console.log(sink); // keeps the results observable
}

main();

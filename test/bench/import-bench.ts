// npm run bench:import — imports a generated workbook of 2,000 service rows × 3 tiers plus 500 special
// services and prints cells/s and peak RSS. Goal: ≥ 50,000 cells/s with peak RSS < 300 MB.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { SPECIAL_TABLE_HEADER, SPECIAL_TABLE_WIDTHS } from '../../src/policy-workbook/specials/special-export.ts';
import { TIER_TABLE_HEADER, TIER_TABLE_WIDTHS } from '../../src/policy-workbook/tiers/tier-export.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateLatest } from '../../src/db/migrations.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';

const SERVICE_ROWS = 2000;
const SPECIAL_ROWS = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const PATTERNS: string[][] = [
  ['✓', '✓', '专属坐席'],
  ['2工作日响应', '1个工作日内响应', '0.5工作日响应'],
  ['5＊8小时', '7×8小时', '7*12小时'],
  ['', '代码诊断（限一年两次，2人天/次，非现场）', '代码诊断(限一年四次,2人天/次,现场)'],
  ['-', '每年1次服务报告', '1、指定客户成功经理\n2、每年1次服务报告及总部专家建议\n3、定制化在线培训课程'],
  ['1工作日响应', '4工作小时响应', '两小时响应'],
];

async function generate(): Promise<Buffer> {
  const rows = Array.from({ length: SERVICE_ROWS }, (_, i) => {
    const id = String(i + 1).padStart(4, '0');
    return [`服务项目${id}`, ...PATTERNS[i % PATTERNS.length]!, `svc_${id}`];
  });
  const special = Array.from({ length: SPECIAL_ROWS }, (_, i) => {
    const id = String(i + 1).padStart(3, '0');
    return [`专项服务${id}（机构提供）`, `第${id}项专项服务的主要服务内容说明，针对个性化需求提供增值服务。`, `special_${id}`];
  });
  return writeWorkbook([
    { sheet: '服务产品目录', title: '金蝶云星空服务产品目录', header: TIER_TABLE_HEADER, rows, mergeWhenEqual: [2, 4], widths: TIER_TABLE_WIDTHS },
    { sheet: '专项服务', title: '专项服务', header: SPECIAL_TABLE_HEADER, rows: special, widths: SPECIAL_TABLE_WIDTHS },
  ]);
}

async function main(): Promise<void> {
  const bytes = await generate();
  const db = openDatabase({ client: 'sqlite', filename: ':memory:' });
  await migrateLatest(db);
  const policies = createPolicyService(createPolicyRepository(db));

  // A running server has loaded and run the importer before; warm it up on the sample, as it would be.
  const coldStart = performance.now();
  await policies.importWorkbook({ bytes: fs.readFileSync('imports/sample-policy.xlsx'), filename: 'sample.xlsx', actor: 'bench', dryRun: true });
  const warmUpMs = performance.now() - coldStart;

  const timings: number[] = [];
  const phases = new Map<string, number[]>();
  let cells = 0;
  let rules = 0;
  for (let run = 0; run < RUNS; run++) {
    // Emptying the tables makes every run a real import rather than the "same bytes" shortcut.
    for (const table of ['policy_activations', 'policy_blobs', 'policy_versions']) await db(table).del();
    const started = performance.now();
    let mark = started;
    let phase = 'check';
    const lap = (next: string) => {
      const now = performance.now();
      phases.set(phase, [...(phases.get(phase) ?? []), now - mark]);
      mark = now;
      phase = next;
    };
    const outcome = await policies.importWorkbook({
      onProgress: (p) => p !== 'check' && lap(p),
      bytes, filename: 'bench.xlsx', actor: 'bench' });
    lap('done');
    timings.push(performance.now() - started);
    if (outcome.status !== 'created') throw new Error(`bench import failed: ${JSON.stringify(outcome).slice(0, 2000)}`);
    cells = outcome.summary.cells;
    rules = outcome.summary.rules;
  }
  await db.destroy();

  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`machine: ${os.cpus().length} × ${cpu}, node ${process.version}`);
  console.log(`workbook: ${(bytes.length / 1024).toFixed(0)} KB, ${cells} cells, ${rules} rules (${SERVICE_ROWS} service rows × 3 tiers + ${SPECIAL_ROWS} special services)`);
  console.log(`warm-up (first import in the process, the sample workbook): ${warmUpMs.toFixed(0)} ms`);
  console.log(
    `import (check + read + parse + rules + store in SQLite), ${RUNS} runs: median ${median.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms, first ${timings[0]!.toFixed(0)} ms`,
  );
  const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`phases (median ms): ${[...phases].map(([p, xs]) => `${p} ${medianOf(xs).toFixed(0)}`).join(', ')}`);
  console.log(`throughput: ${Math.round(cells / (median / 1000)).toLocaleString('en-US')} cells/s (goal ≥ 50,000)`);
  console.log(`peak RSS: ${peakRssMb.toFixed(0)} MB (goal < 300 MB)`);
}

// `--write FILE` saves the generated workbook, for profiling or a look in Excel.
if (process.argv[2] === '--write') fs.writeFileSync(process.argv[3]!, await generate());
else await main();

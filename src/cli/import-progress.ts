// A progress bar for long imports, on stderr and only when a person is watching.
import cliProgress from 'cli-progress';

const PHASES = ['check', 'read', 'parse', 'validate', 'store'] as const;
const LABELS: Record<string, string> = {
  check: '检查文件 checking file',
  read: '读取工作簿 reading workbook',
  parse: '解析表格 parsing tables',
  validate: '校验 validating',
  store: '保存 storing',
};

export function importProgress(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: '导入 import [{bar}] {percentage}% | {phase}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(PHASES.length, 0, { phase: '' });
  return {
    update: (phase: string) => bar.update(PHASES.indexOf(phase as (typeof PHASES)[number]) + 1, { phase: LABELS[phase] ?? phase }),
    stop: () => bar.stop(),
  };
}

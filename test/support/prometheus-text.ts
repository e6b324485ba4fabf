// Reads Prometheus's text exposition format (what GET /metrics answers) into samples a test can look up: each
// sample line `name{label="value",…} number` becomes one entry. Comments (# HELP, # TYPE) are kept by name.

export interface Scrape {
  /** Every sample's value, keyed by `name{a="1",b="2"}` with the labels sorted by name (`name` alone without labels). */
  samples: Map<string, number>;
  /** `# TYPE` lines: metric name → counter, gauge, histogram … */
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function seriesKey(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return pairs.length === 0 ? name : `${name}{${pairs.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

export function parseScrape(text: string): Scrape {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types.set(name!, type!);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]!] = l[2]!;
    samples.set(seriesKey(m[1]!, labels), Number(m[3]));
  }
  return { samples, types };
}

/** A sample's value; 0 when the series is absent (a counter never moved is not shown). */
export function sampleOf(scrape: Scrape, name: string, labels: Record<string, string> = {}): number {
  return scrape.samples.get(seriesKey(name, labels)) ?? 0;
}

/** Whether any sample of the metric is there (with these labels among its own). */
export function hasSeries(scrape: Scrape, name: string, labels: Record<string, string> = {}): boolean {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return [...scrape.samples.keys()].some((key) => (key === name || key.startsWith(`${name}{`)) && wanted.every((w) => key.includes(w)));
}

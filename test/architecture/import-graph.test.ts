// The shape of the house, held by a test rather than hoped for: no import cycle between the folders of src/ (a folder
// that imports another must not be imported back, directly or round a longer loop) and none between files. With no
// cycle, every folder sits above the folders it uses and below those that use it, so no import runs back up.
// Imports are read from the source text: static imports and re-exports, `import type` included (a type-only loop
// still ties two folders together), and import() with a literal path.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Each file of src/ and the files of src/ it imports. */
export function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = new Set<string>();
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2]!;
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (target.startsWith(SRC + path.sep) && /\.(ts|js)$/.test(target)) targets.add(path.relative(ROOT, target));
    }
    graph.set(path.relative(ROOT, file), targets);
  }
  return graph;
}

/** The folder a file belongs to: src/<folder>, or the file itself for the few at the top of src/. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
}

/** Strongly connected components with more than one member (Tarjan): each is a cycle. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, order.get(next)!));
      }
    }
    if (low.get(node) === order.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return found;
}

/** The imports that tie a cycle together, as `from -> to` lines a reader can follow. */
function describeCycle(graph: Map<string, Set<string>>, members: string[], key: (file: string) => string): string {
  const inCycle = new Set(members);
  const ties = new Set<string>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      if (key(file) !== key(target) && inCycle.has(key(file)) && inCycle.has(key(target))) ties.add(`${file} -> ${target}`);
    }
  }
  return `${members.join(' <-> ')}\n  ${[...ties].sort().join('\n  ')}`;
}

/**
 * The floors of the house, top to bottom, as the README's "Where things are" lists them: a folder may import
 * folders of its own floor or below, never above. A new folder must be placed here.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['src/main.ts', 'src/cli', 'src/http'],
  ['src/bootstrap.ts', 'src/composition-root.ts'],
  // Above every domain folder, so none of them can count itself: the edges (http, the composition root) do.
  ['src/metrics'],
  ['src/home'],
  ['src/holidays'],
  ['src/report'],
  ['src/quote'],
  ['src/requests', 'src/contracts', 'src/uploads'],
  ['src/entitlement'],
  ['src/policy'],
  ['src/policy-workbook'],
  ['src/jobs'],
  ['src/idempotency', 'src/accounts', 'src/audit', 'src/config', 'src/db', 'src/logger.ts'],
  ['src/workbook'],
  ['src/rules-engine'],
  ['src/calendar'],
  ['src/catalog', 'src/shared'],
];

describe('the import graph of src/', () => {
  const files = importGraph();

  it('reads the imports it is meant to read', () => {
    // A file known to import across folders and within its folder: if the pattern stopped matching, every check
    // below would pass on an empty graph.
    const main = files.get('src/main.ts');
    expect(main).toBeDefined();
    expect([...main!]).toContain('src/bootstrap.ts');
    expect(files.size).toBeGreaterThan(200);
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]))).toEqual([['a', 'b', 'c']]);
  });

  it('has no cycle between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of files) {
      const from = folderOf(file);
      const set = folders.get(from) ?? new Set<string>();
      for (const target of targets) if (folderOf(target) !== from) set.add(folderOf(target));
      folders.set(from, set);
    }
    const found = cycles(folders).map((c) => describeCycle(files, c, folderOf));
    expect(found, `folder cycles:\n${found.join('\n')}`).toEqual([]);
  });

  it('keeps the catalog at the bottom: src/catalog imports nothing of ours from outside it', () => {
    const outside = [...files].flatMap(([file, targets]) => (folderOf(file) === 'src/catalog' ? [...targets].filter((t) => folderOf(t) !== 'src/catalog').map((t) => `${file} -> ${t}`) : []));
    expect([...files.keys()].some((f) => folderOf(f) === 'src/catalog')).toBe(true);
    expect(outside).toEqual([]);
  });

  it('imports only down the floors the README lists, and every folder has its floor', () => {
    const floor = (file: string) => FLOORS.findIndex((names) => names.includes(folderOf(file)));
    const unplaced = [...new Set([...files.keys()].filter((f) => floor(f) < 0).map(folderOf))];
    expect(unplaced, 'folders without a floor in FLOORS').toEqual([]);
    const upward = [...files].flatMap(([file, targets]) => [...targets].filter((t) => floor(t) < floor(file)).map((t) => `${file} -> ${t}`));
    expect(upward, 'imports that run back up').toEqual([]);
  });

  it('has no cycle between files', () => {
    const found = cycles(files).map((c) => describeCycle(files, c, (f) => f));
    expect(found, `file cycles:\n${found.join('\n')}`).toEqual([]);
  });
});

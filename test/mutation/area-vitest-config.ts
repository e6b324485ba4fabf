// The vitest config of one mutation area: only that area's test files, as pure unit tests (no database, process
// or browser), with the same fast-check setup as `npm test`. Stryker's vitest runner adds its own setup file
// before ours and runs the tests in its sandbox, a copy of the repository, which is why the root is taken from
// this file's place rather than from the working directory.
import path from 'node:path';
import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config';
import { mutationArea } from './mutation-areas.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function areaVitestConfig(name: string): ViteUserConfig {
  const area = mutationArea(name);
  return defineConfig({
    root: ROOT,
    test: {
      include: [...area.tests],
      exclude: [...configDefaults.exclude, ...(area.excludeTests ?? [])],
      setupFiles: ['test/support/fast-check-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      env: { ENTITLE_TEST_PROJECT: 'unit' },
    },
  });
}

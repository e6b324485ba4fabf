// The tests that may kill the quote area's mutants (test/mutation/mutation-areas.ts); `npm run mutate -- quote`.
import { areaVitestConfig } from './area-vitest-config.ts';

export default areaVitestConfig('quote');

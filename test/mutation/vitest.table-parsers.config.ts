// The tests that may kill the table-parsers area's mutants (test/mutation/mutation-areas.ts); `npm run mutate -- table-parsers`.
import { areaVitestConfig } from './area-vitest-config.ts';

export default areaVitestConfig('table-parsers');

// The tests that may kill the cell-vocabulary area's mutants (test/mutation/mutation-areas.ts); `npm run mutate -- cell-vocabulary`.
import { areaVitestConfig } from './area-vitest-config.ts';

export default areaVitestConfig('cell-vocabulary');

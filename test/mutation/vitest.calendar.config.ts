// The tests that may kill the calendar area's mutants (test/mutation/mutation-areas.ts); `npm run mutate -- calendar`.
import { areaVitestConfig } from './area-vitest-config.ts';

export default areaVitestConfig('calendar');

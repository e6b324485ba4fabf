// The tests that may kill the entitlement area's mutants (test/mutation/mutation-areas.ts); `npm run mutate -- entitlement`.
import { areaVitestConfig } from './area-vitest-config.ts';

export default areaVitestConfig('entitlement');

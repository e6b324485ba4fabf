// fast-check's run counts, set once for every test file (vitest.config.ts setupFiles): 100 runs a property in the
// default run, so that `npm test` stays quick; FC_NUM_RUNS=5000 npm run test:unit explores deeper when a change
// touches money, dates or parsing. A property that needs more than the default says why beside its own numRuns.
import fc from 'fast-check';

const DEFAULT_NUM_RUNS = 100;
const requested = Number(process.env.FC_NUM_RUNS);

fc.configureGlobal({ numRuns: Number.isInteger(requested) && requested > 0 ? requested : DEFAULT_NUM_RUNS });

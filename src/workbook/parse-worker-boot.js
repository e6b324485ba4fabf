// The entry of a parse worker thread, in plain JavaScript: a worker starts without the parent's loaders
// (the pool passes no execArgv), whether the server runs under `tsx`, the CLI under bin/entitle.js or the
// tests under vitest, so it registers tsx itself before it loads the TypeScript body.
// The readers come from the module the pool names in workerData (its PARSE_READERS).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { PARSE_READERS } = await import(workerData.readers);
const { serveParseJobs } = await import('./parse-worker.ts');
serveParseJobs(PARSE_READERS);

// `npm run stack`: the whole product on this machine (test/stack/stack.ts) until Ctrl-C or SIGTERM, then
// everything it started is stopped by its own PID. Options: --base-port=N (default 18080), --instances=N (2),
// --keep (leave the directory with the logs and the database files).
import { STACK_ADMIN_PASSWORD, startStack } from './stack.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const keep = process.argv.includes('--keep');

const stack = await startStack({ basePort: Number(arg('base-port') ?? 18_080), instances: Number(arg('instances') ?? 2) });
console.log(`
entitle is up behind nginx: ${stack.url}/
  sign in as admin / "${STACK_ADMIN_PASSWORD}"; mail goes to the SMTP server in this process (${stack.smtp.port})
  database ${stack.databaseUrl}
  logs and data in ${stack.dir}${keep ? ' (kept)' : ' (removed at the end; --keep keeps them)'}
Ctrl-C stops everything.`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  await stack.stop({ keepDir: keep });
  console.log(`stopped; ${stack.smtp.received.length} e-mails were received`);
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

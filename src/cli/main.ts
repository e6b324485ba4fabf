// Entry point of the `entitle` command.
import { main } from './program.ts';

await main(process.argv);

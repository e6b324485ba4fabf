// For the knex CLI and tools. The app itself migrates through `entitle migrate` or on start.
import { loadConfig } from './src/config/config.ts';
import { knexConfig } from './src/db/database.ts';
import { migratorConfig } from './src/db/migrations.ts';

const config = loadConfig();

export default { ...knexConfig(config.database), migrations: migratorConfig };

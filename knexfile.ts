// For the knex CLI and tools; the app itself migrates through `entitle migrate` or on start.
// A function, so that reading the configuration happens when knex asks for it, not on import.
import { loadConfig } from './src/config/config.ts';
import { knexConfig } from './src/db/database.ts';
import { migratorConfig } from './src/db/migrations.ts';

export default function knexfile() {
  return { ...knexConfig(loadConfig().database), migrations: migratorConfig };
}

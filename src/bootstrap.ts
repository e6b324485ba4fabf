// How the server and the CLI get their services: config in, the database opened and migrated, the services
// composed on it (src/composition-root.ts, the one composition root), and the sample policy on first start.
import fs from 'node:fs/promises';
import path from 'node:path';
import { redact, type Config } from './config/config.ts';
import { composeServices, type ServiceOverrides, type Services } from './composition-root.ts';
import { openDatabase, type DatabaseLog } from './db/database.ts';
import { migrateLatest } from './db/migrations.ts';
import type { ImportOutcome } from './policy/policy-service.ts';

export type { Services } from './composition-root.ts';

/**
 * Opens (and migrates) the configured database and composes the services on it (src/composition-root.ts); close()
 * also closes the database. unknownUserKey and logger are the server's; see ServiceOverrides.
 */
export async function openServices(config: Config, options: { migrate?: boolean; log?: DatabaseLog } & Pick<ServiceOverrides, 'unknownUserKey' | 'logger'> = {}): Promise<Services> {
  const db = openDatabase(config.database, options.log);
  try {
    if (options.migrate ?? true) await migrateLatest(db);
  } catch (err) {
    await db.destroy();
    const where = config.database.client === 'sqlite' ? config.database.filename : redact(config.database.url);
    throw new Error(`无法打开或升级数据库 ${where} / cannot open or migrate the database ${where}: ${(err as Error).message}`, { cause: err });
  }
  let services: Services;
  try {
    services = composeServices(db, config, { unknownUserKey: options.unknownUserKey, logger: options.logger });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    ...services,
    close: async () => {
      await services.close();
      await db.destroy();
    },
  };
}

/**
 * On the first start of an empty database, import and activate the sample workbook so the product
 * answers questions out of the box. A database that has any version is left alone.
 */
export async function ensureInitialPolicy(services: Services): Promise<ImportOutcome | null> {
  const versions = await services.policies.listVersions();
  if (versions.length > 0) return null;
  const file = services.config.sampleWorkbook;
  const bytes = await fs.readFile(file);
  return services.policies.importWorkbook({ bytes, filename: path.basename(file), actor: 'system', activate: true });
}

// The composition root shared by the server and the CLI: config in, wired services out.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateLatest } from './db/migrations.ts';
import { createPolicyRepository } from './policy/policy-repository.ts';
import { createPolicyService, type ImportOutcome, type PolicyService } from './policy/policy-service.ts';

export interface Services {
  config: Config;
  db: Database;
  policies: PolicyService;
  close(): Promise<void>;
}

export async function openServices(config: Config, options: { migrate?: boolean } = {}): Promise<Services> {
  const db = openDatabase(config.database);
  try {
    if (options.migrate ?? true) await migrateLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    config,
    db,
    policies: createPolicyService(createPolicyRepository(db)),
    close: () => db.destroy(),
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

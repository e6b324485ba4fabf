// The embedded data directory holds the database (contracts, customers' contacts, password hashes), the
// cookie-signing secret, the first admin's password and report e-mails: only the server's own user may
// read it. New files are created private; what an older version (or a copy) left readable is tightened.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Files SQLite keeps beside its database. */
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];
/** Secrets the server keeps in var/ (see session-secret.ts and accounts/initial-password-file.ts). */
const SECRET_FILES = ['session-secret', 'initial-admin-password'];

export interface PermissionChange {
  path: string;
  from: string;
  to: string;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** chmod when group or others have any access; returns the change made, if any. */
function tighten(file: string, mode: number): PermissionChange | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if ((stat.mode & 0o077) === 0) return null;
  fs.chmodSync(file, mode);
  return { path: file, from: octal(stat.mode), to: octal(mode) };
}

/**
 * Makes var/ 0700 (creating it in embedded mode) and the SQLite database, its companions and the secrets
 * 0600. Only var/ itself and files the server owns are changed: the directory of a database configured
 * elsewhere (sqlite:/srv/data/x.db) is the operator's, and is left as it is.
 */
export function secureVarDir(config: Config): PermissionChange[] {
  const changes: PermissionChange[] = [];
  const note = (change: PermissionChange | null) => void (change && changes.push(change));
  const embedded = config.database.client === 'sqlite' && config.database.filename !== ':memory:';
  if (embedded) fs.mkdirSync(config.varDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  note(tighten(config.varDir, PRIVATE_DIR_MODE));
  if (config.database.client === 'sqlite' && config.database.filename !== ':memory:') {
    for (const suffix of ['', ...SQLITE_COMPANIONS]) note(tighten(`${config.database.filename}${suffix}`, PRIVATE_FILE_MODE));
  }
  for (const name of SECRET_FILES) note(tighten(path.join(config.varDir, name), PRIVATE_FILE_MODE));
  return changes;
}

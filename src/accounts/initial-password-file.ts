// The first admin's generated password goes to a file only the server's user can read, never to the log:
// logs are shipped, kept and read by others. The file is removed once the password is changed.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface InitialPasswordStore {
  /** Keeps the password and says where. */
  save(password: string): Promise<string>;
  /** Forgets it (the password was changed, or the account was never created). */
  discard(): Promise<void>;
}

export const INITIAL_PASSWORD_FILE = 'initial-admin-password';

export function initialPasswordFile(varDir: string): InitialPasswordStore {
  const file = path.resolve(varDir, INITIAL_PASSWORD_FILE);
  return {
    async save(password) {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // A file left by an earlier start that failed half-way is replaced, never appended to or widened.
      await fs.rm(file, { force: true });
      await fs.writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
      return file;
    },
    async discard() {
      await fs.rm(file, { force: true });
    },
  };
}

// The cookie-signing secret: from SESSION_SECRET, or in embedded mode generated once and kept under var/.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from './config.ts';

export function resolveSessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.database.client !== 'sqlite') {
    // Several instances share one MySQL database; each generating its own secret would log people out at random.
    throw new ConfigError(['SESSION_SECRET: 使用 MySQL 时必须设置(至少 32 个字符) / required with MySQL (at least 32 characters)']);
  }
  const file = path.join(config.varDir, 'session-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(config.varDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

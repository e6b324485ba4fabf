import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { resolveSessionSecret } from '../../src/config/session-secret.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-secret-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('session secret', () => {
  it('is generated once under var/ in embedded mode and kept private', () => {
    const config = loadConfig({ VAR_DIR: path.join(dir, 'var') }, dir);
    const first = resolveSessionSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'var', 'session-secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'var')).mode & 0o777).toBe(0o700);
    expect(resolveSessionSecret(config)).toBe(first);
  });

  it('comes from SESSION_SECRET when set, and is required with MySQL', () => {
    const secret = 's'.repeat(40);
    expect(resolveSessionSecret(loadConfig({ SESSION_SECRET: secret, VAR_DIR: dir }, dir))).toBe(secret);
    expect(() => resolveSessionSecret(loadConfig({ DATABASE_URL: 'mysql://u@h:3306/db' }, dir))).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_SECRET: 'short' }, dir)).toThrow(/SESSION_SECRET/);
  });
});

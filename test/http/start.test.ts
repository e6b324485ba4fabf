// The quick start's promise: `npm start` on an empty directory migrates, activates the sample, serves, and stops cleanly.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-start-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function waitFor(url: string, ms: number): Promise<Response> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start', () => {
  it('starts on embedded SQLite with the sample policy active, and shuts down on SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: String(port), VAR_DIR: dir, DATABASE_URL: '', ADMIN_PASSWORD: '', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const ready = await waitFor(`http://127.0.0.1:${port}/readyz`, 20_000).catch((err: Error) => {
        throw new Error(`${err.message}\n--- server output ---\n${output}`);
      });
      expect(await ready.json() as unknown).toEqual({ status: 'ready', policyVersion: 1 });
      expect(fs.existsSync(path.join(dir, 'entitle.db'))).toBe(true);
      expect(output).toContain('imported and activated the sample policy');
      expect(output).toMatch(/"username":"admin","password":"\S{16}".*shown once/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });
});

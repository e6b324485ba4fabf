// The quick start's promise: `npm start` on an empty directory migrates, activates the sample, serves, and stops
// cleanly; its data directory is private; the first admin's password is in a private file, never in the log,
// and must be changed at first sign-in, after which the file is gone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedMissingYears } from '../support/holiday-years.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-start-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

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

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** A browser's cookie jar, for one site, enough for the sign-in and password forms. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    keep(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    },
  };
}
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('npm start', () => {
  it('starts on embedded SQLite with the sample active, keeps var/ private, and makes the first admin change the password from the file', async () => {
    // var/ as an older version left it: readable by everyone, with a readable secret and database.
    const dir = path.join(root, 'var');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'session-secret'), `${'s'.repeat(43)}\n`, { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'session-secret'), 0o644);
    fs.writeFileSync(path.join(dir, 'entitle.db'), '', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'entitle.db'), 0o644);

    const port = 20000 + Math.floor(Math.random() * 20000);
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: String(port), VAR_DIR: dir, DATABASE_URL: '', ADMIN_PASSWORD: '', SESSION_SECRET: '', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const passwordFile = path.join(dir, 'initial-admin-password');
    try {
      const ready = await waitFor(`${base}/readyz`, 20_000).catch((err: Error) => {
        throw new Error(`${err.message}\n--- server output ---\n${output}`);
      });
      // Ready; a year the sample and the shipped data lack holidays for is a warning (see test/holidays/).
      const missing = expectedMissingYears();
      expect((await ready.json()) as unknown).toEqual({ status: 'ready', policyVersion: 1, warnings: missing.length ? [expect.objectContaining({ code: 'NO_HOLIDAY_DATA', years: missing })] : [] });
      expect(output).toContain('imported and activated the sample policy');

      // Private: the directory 0700; the database, the files SQLite keeps beside it and the secrets 0600.
      expect(modeOf(dir)).toBe(0o700);
      for (const file of ['entitle.db', 'entitle.db-wal', 'entitle.db-shm', 'session-secret', 'initial-admin-password']) {
        expect(modeOf(path.join(dir, file)), file).toBe(0o600);
      }
      const tightened = output.split('\n').filter((line) => line.includes('tightened permissions')).map((line) => JSON.parse(line) as { path: string; from: string; to: string });
      expect(tightened.map((c) => [path.basename(c.path), c.from, c.to]).sort()).toEqual([
        ['entitle.db', '0644', '0600'],
        ['session-secret', '0644', '0600'],
        ['var', '0755', '0700'],
      ]);

      // The log says where the password is, never what it is.
      const password = fs.readFileSync(passwordFile, 'utf8').trim();
      expect(password).toMatch(/^\S{16}$/);
      expect(output).not.toContain(password);
      const created = output.split('\n').find((line) => line.includes('created the admin account'));
      expect(JSON.parse(created!)).toMatchObject({ level: 40, username: 'admin', file: passwordFile });

      // First sign-in: the password page and nothing else, until the password is changed; then the file is gone.
      const jar = cookieJar();
      const form = await fetch(`${base}/sign-in`);
      jar.keep(form);
      const signIn = await fetch(`${base}/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.header() },
        body: new URLSearchParams({ username: 'admin', password, _csrf: csrfIn(await form.text()) }),
      });
      jar.keep(signIn);
      expect([signIn.status, signIn.headers.get('location')]).toEqual([303, '/account/password']);
      const elsewhere = await fetch(`${base}/policies`, { redirect: 'manual', headers: { Cookie: jar.header() } });
      expect([elsewhere.status, elsewhere.headers.get('location')]).toEqual([303, '/account/password']);
      const page = await fetch(`${base}/account/password`, { headers: { Cookie: jar.header() } });
      const change = await fetch(`${base}/account/password`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.header() },
        body: new URLSearchParams({ _csrf: csrfIn(await page.text()), currentPassword: password, newPassword: 'the admin’s own password', confirmPassword: 'the admin’s own password' }),
      });
      expect(change.status).toBe(303);
      expect(fs.existsSync(passwordFile)).toBe(false);
      expect((await fetch(`${base}/policies`, { redirect: 'manual', headers: { Cookie: jar.header() } })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  }, 60_000);
});

// Real Chromium (Debian's package, driven by playwright-core) against the app on a real port and a real
// SQLite database, for the browser tests. A missing browser fails the test, never skips it.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { PASSWORD, createTestApp, type TestApp, type TestAppOptions } from './http-app.ts';

export const CHROMIUM = '/usr/bin/chromium';

export function assertChromium(): void {
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
  } catch {
    throw new Error(`${CHROMIUM} is missing or not executable: install Debian's chromium package (apt-get install -y chromium); .ci/run does this in CI`);
  }
}

export interface BrowserApp {
  t: TestApp;
  base: string;
  page: Page;
  context: BrowserContext;
  /** A full-page screenshot under test/artifacts/<folder>/, numbered in the order taken. */
  screenshot(name: string): Promise<void>;
  signIn(username: string): Promise<void>;
  signOut(): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowserApp(folder: string, options: TestAppOptions = {}): Promise<BrowserApp> {
  assertChromium();
  const artifacts = path.resolve('test/artifacts', folder);
  fs.mkdirSync(artifacts, { recursive: true });
  for (const file of fs.readdirSync(artifacts)) if (file.endsWith('.png') || file.endsWith('.pdf')) fs.rmSync(path.join(artifacts, file));
  const testDb: TestDatabase = await createTestDatabase('sqlite');
  const t = await createTestApp(testDb.db, options);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-chromium-'));
  // Playwright adds --headless and, with chromiumSandbox false, --no-sandbox; the rest keeps the browser
  // from reaching out to the network on its own.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let shot = 0;
  return {
    t,
    base,
    page,
    context,
    async screenshot(name) {
      shot += 1;
      await page.screenshot({ path: path.join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
    },
    async signIn(username) {
      await page.goto(`${base}/sign-in`);
      await page.locator('input[name=username]').fill(username);
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('form[action="/sign-in"] button[type=submit]').click();
      await page.waitForURL((url) => url.pathname !== '/sign-in');
    },
    async signOut() {
      // Any page with the site's header has the sign-out form.
      await page.goto(`${base}/policies`);
      await page.locator('form[action="/sign-out"] button[type=submit]').click();
      await page.waitForURL((url) => url.pathname === '/sign-in' || url.pathname === '/');
    },
    async close() {
      await context.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await testDb.destroy();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser suite's hooks: opens the app once and hands it to `onOpen` (which may seed data); a failed setup
 * (no Chromium, say) fails every test with its message rather than leaving them skipped; closes it afterwards.
 */
export function useBrowserApp(folder: string, options: TestAppOptions, onOpen: (b: BrowserApp) => void | Promise<void>): void {
  let opened: BrowserApp | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      opened = await openBrowserApp(folder, options);
      await onOpen(opened);
    } catch (err) {
      failure = err;
    }
  });
  beforeEach(() => {
    if (failure) throw failure;
  });
  afterAll(async () => {
    await opened?.close();
  });
}

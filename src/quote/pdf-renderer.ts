// Quote PDFs through headless Chromium (Debian's chromium package, driven by playwright-core). Chromium is
// optional: without it the server still runs, and the PDF link answers plainly that it is not installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class PdfUnavailableError extends Error {
  constructor(readonly executablePath: string) {
    super(`Chromium is not installed at ${executablePath}: install Debian's chromium package or set CHROMIUM_PATH`);
    this.name = 'PdfUnavailableError';
  }
}

export interface PdfRenderer {
  available(): boolean;
  /** A4 from self-contained HTML (styles inline; nothing is fetched). */
  render(html: string): Promise<Buffer>;
}

export function createPdfRenderer(executablePath: string, timeoutMs = 30_000): PdfRenderer {
  const available = () => {
    try {
      fs.accessSync(executablePath, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  return {
    available,
    async render(html) {
      if (!available()) throw new PdfUnavailableError(executablePath);
      // Loaded on first use: a server without Chromium never pays for it.
      const { chromium } = await import('playwright-core');
      const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-pdf-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        chromiumSandbox: false,
        timeout: timeoutMs,
        args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        // The document is ours and complete: nothing it could link to is fetched.
        offline: true,
        javaScriptEnabled: false,
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        page.setDefaultTimeout(timeoutMs);
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await context.close().catch(() => {});
        fs.rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

// Quote PDFs through headless Chromium (Debian's chromium package, driven by playwright-core). Chromium is
// optional: without it the server still runs, and the PDF link answers plainly that it is not installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Not a refusal (no DomainError): the request was fine, this instance cannot render; the quote page says so
// beside the quote, with the HTML still available.
export class PdfUnavailableError extends Error {
  constructor(
    readonly executablePath: string,
    readonly reason: 'missing' | 'failed' | 'busy',
    detail = '',
  ) {
    super(reason === 'missing' ? `Chromium is not installed at ${executablePath}: install Debian's chromium package or set CHROMIUM_PATH` : reason === 'busy' ? 'Too many PDFs are being rendered; try again shortly' : `Chromium could not render the PDF: ${detail}`);
    this.name = 'PdfUnavailableError';
  }
}

export interface PdfRenderer {
  available(): boolean;
  /** A4 from self-contained HTML (styles inline; nothing is fetched). */
  render(html: string): Promise<Buffer>;
}

/** Each render starts a browser (~150 MB): a few at a time, a few waiting, the rest told to come back. */
const MAX_RENDERING = 2;
const MAX_WAITING = 8;

export function createPdfRenderer(executablePath: string, timeoutMs = 30_000): PdfRenderer {
  const available = () => {
    try {
      fs.accessSync(executablePath, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  let rendering = 0;
  const waiting: Array<() => void> = [];
  const acquire = async () => {
    if (rendering >= MAX_RENDERING) {
      if (waiting.length >= MAX_WAITING) throw new PdfUnavailableError(executablePath, 'busy');
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    rendering++;
  };
  const release = () => {
    rendering--;
    waiting.shift()?.();
  };

  async function renderOnce(html: string): Promise<Buffer> {
    // Loaded on first use: a server without Chromium never pays for it.
    const { chromium } = await import('playwright-core');
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-pdf-'));
    let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | null = null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = (async () => {
        context = await chromium.launchPersistentContext(userDataDir, {
          executablePath,
          headless: true,
          chromiumSandbox: false,
          timeout: timeoutMs,
          args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
          // The document is ours and complete: nothing it could link to is fetched, no script runs.
          offline: true,
          javaScriptEnabled: false,
        });
        const page = context.pages()[0] ?? (await context.newPage());
        page.setDefaultTimeout(timeoutMs);
        await page.setContent(html, { waitUntil: 'load' });
        return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      })();
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no PDF within ${timeoutMs} ms`)), timeoutMs);
      });
      return await Promise.race([work, deadline]);
    } catch (err) {
      throw new PdfUnavailableError(executablePath, 'failed', (err as Error).message.split('\n')[0]);
    } finally {
      clearTimeout(timer);
      await (context as { close(): Promise<void> } | null)?.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  }

  return {
    available,
    async render(html) {
      if (!available()) throw new PdfUnavailableError(executablePath, 'missing');
      await acquire();
      try {
        return await renderOnce(html);
      } finally {
        release();
      }
    },
  };
}

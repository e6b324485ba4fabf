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

export interface PdfOptions {
  /**
   * The running footer of every page, as one line of text in which `{page}` and `{pages}` stand for the page's
   * number and the count of pages (第 {page} 页 / 共 {pages} 页). Chromium alone knows where pages break, so the
   * numbers are its to fill in: CSS counters cannot say the total.
   */
  pageFooter?: string;
}

export interface PdfRenderer {
  available(): boolean;
  /** A4 from self-contained HTML (styles inline; nothing is fetched). */
  render(html: string, options?: PdfOptions): Promise<Buffer>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Chromium's footerTemplate: its own small document, so the font is named here; it fills the two spans. */
export function footerTemplate(pageFooter: string): string {
  const line = escapeHtml(pageFooter).replace('{page}', '<span class="pageNumber"></span>').replace('{pages}', '<span class="totalPages"></span>');
  return `<div style="width:100%;text-align:center;font-size:9px;color:#52606d;font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;">${line}</div>`;
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

  async function renderOnce(html: string, options: PdfOptions): Promise<Buffer> {
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
        const footer = options.pageFooter ? { displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footerTemplate(options.pageFooter) } : {};
        return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, ...footer });
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
    async render(html, options = {}) {
      if (!available()) throw new PdfUnavailableError(executablePath, 'missing');
      await acquire();
      try {
        return await renderOnce(html, options);
      } finally {
        release();
      }
    },
  };
}

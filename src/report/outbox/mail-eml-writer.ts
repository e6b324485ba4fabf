// The embedded mail "server": without SMTP_URL every message becomes an RFC 822 .eml file under the outbox
// directory, which any mail client opens and a page lists. Files appear whole or not at all (temp file + rename),
// and a retried row rewrites the same name, so a crash between writing and recording never leaves two copies.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { mailOptions, type MailTransport } from './mail-message.ts';

/** `00000042-yearly-2026-11-27-contract-42.eml`: the outbox id first, so names sort in sending order. */
const EML_NAME = /^(\d{8,})-([a-z0-9-]{1,80})\.eml$/;

export interface EmlFile {
  name: string;
  outboxId: number;
  bytes: number;
  modifiedAt: string;
}

/** Lower-case ASCII letters, digits and single dashes only: safe on every file system and in a URL. */
export function emlSlug(hint: string): string {
  const slug = hint
    .normalize('NFKD')
    // Accents go with their letters (é → e); other scripts (中文) drop out, the outbox id still names the file.
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return slug || 'message';
}

export function emlFileName(outboxId: number, slugHint: string): string {
  return `${String(outboxId).padStart(8, '0')}-${emlSlug(slugHint)}.eml`;
}

async function writeAtomically(dir: string, name: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  // A dot-name in the same directory: rename within one file system is atomic, and listings skip dot-files.
  const temp = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      // On disk before the name appears, so the outbox never records a file that a power cut could empty.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path.join(dir, name));
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable where the platform allows it (not on Windows, where opening a directory fails). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the file's own content is already synced.
  } finally {
    await handle?.close();
  }
}

export function createEmlWriter(dir: string, from: string): MailTransport {
  // streamTransport composes exactly what SMTP would carry; CRLF line ends as RFC 5322 asks.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'eml',
    from,
    target: dir,
    async send(mail) {
      const info = await composer.sendMail(mailOptions(from, mail));
      const bytes = Buffer.isBuffer(info.message) ? info.message : Buffer.from(String(info.message));
      const name = emlFileName(mail.outboxId, mail.slug);
      await writeAtomically(dir, name, bytes);
      return { messageId: info.messageId || mail.messageId, emlFile: name };
    },
    close() {
      composer.close();
    },
  };
}

/** The .eml files in the directory, newest outbox id first; none when the directory does not exist yet. */
export async function listEmlFiles(dir: string): Promise<EmlFile[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files: EmlFile[] = [];
  for (const name of names) {
    const match = EML_NAME.exec(name);
    if (!match) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (!stat?.isFile()) continue;
    files.push({ name, outboxId: Number(match[1]), bytes: stat.size, modifiedAt: stat.mtime.toISOString() });
  }
  return files.sort((a, b) => b.outboxId - a.outboxId || a.name.localeCompare(b.name));
}

/** One file's bytes for a download; null for a name that is not an outbox file (no path tricks) or is gone. */
export async function readEmlFile(dir: string, name: string): Promise<Buffer | null> {
  if (!EML_NAME.test(name)) return null;
  try {
    return await fs.readFile(path.join(dir, name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

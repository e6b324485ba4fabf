// Without SMTP_URL: each message becomes an .eml file under the outbox directory, and is listed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { createEmlWriter, emlFileName, emlSlug, listEmlFiles, readEmlFile } from '../../src/report/outbox/mail-eml-writer.ts';
import { createMailTransport } from '../../src/report/outbox/mail-transport.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { createOutboxRepository } from '../../src/report/outbox/outbox-repository.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FROM, reportMessage, T0 } from './outbox-fixtures.ts';
import { addresses } from './smtp-sink.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-outbox-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describeEachDatabase('outbox delivery to .eml files', (current) => {
  beforeEach(async () => {
    await current().db('outbox').del();
  });

  it('writes each message as a parseable .eml file named after its row, records and lists it', async () => {
    const config = loadConfig({ VAR_DIR: dir, MAIL_FROM: FROM }, dir);
    expect(config.mail.smtpUrl).toBeUndefined();
    const transport = createMailTransport(config.mail);
    expect(transport.kind).toBe('eml');
    const store = createOutboxRepository(current().db);
    const first = (await store.enqueue(reportMessage(1), T0)).message;
    const second = (await store.enqueue(reportMessage(2, { job: 'at-risk', periodKey: 'SR-2026-000017', recipient: 'managers' }), T0)).message;

    expect(await createDeliveryWorker({ store, transport }).deliverDue(T0)).toMatchObject({ attempted: 2, sent: 2 });

    const outbox = path.join(dir, 'outbox');
    const names = [emlFileName(second.id, 'at-risk-SR-2026-000017-managers'), emlFileName(first.id, 'yearly-2026-11-27-contract:1')];
    expect(names[1]).toBe(`${String(first.id).padStart(8, '0')}-yearly-2026-11-27-contract-1.eml`);
    // Nothing but the two files: no temporary file left behind.
    expect(fs.readdirSync(outbox).sort()).toEqual([...names].sort());
    expect((await listEmlFiles(outbox)).map((f) => [f.name, f.outboxId])).toEqual([[names[0], second.id], [names[1], first.id]]);

    const row = await store.get(first.id);
    expect(row).toMatchObject({ status: 'sent', emlFile: names[1] });
    const raw = fs.readFileSync(path.join(outbox, names[1]!));
    expect(raw.includes('\r\n')).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('年度服务报告 2026 · 合同 1');
    expect(addresses(parsed.to)).toEqual(['it1@customer.example', 'cio1@customer.example']);
    expect(addresses(parsed.cc)).toEqual(['csm1@entitle.example']);
    expect(parsed.html).toContain('<td>91%</td>');
    expect(parsed.text).toContain('响应达标 91%');
    expect(parsed.messageId).toBe(row?.messageId);
    expect(await readEmlFile(outbox, names[1]!)).toEqual(raw);
  });
});

describe('the .eml writer', () => {
  it('rewrites the same file when a row is sent again, rather than leaving two copies', async () => {
    const writer = createEmlWriter(dir, FROM);
    const mail = { outboxId: 9, slug: 'monthly-2026-10-managers', messageId: '<m9@entitle.example>', to: ['a@b.example'], cc: [], subject: 's', html: '<p>h</p>', text: 't' };
    const one = await writer.send(mail);
    const two = await writer.send({ ...mail, subject: 'again' });
    expect(one.emlFile).toBe(two.emlFile);
    expect(fs.readdirSync(dir)).toEqual(['00000009-monthly-2026-10-managers.eml']);
    expect((await simpleParser(fs.readFileSync(path.join(dir, two.emlFile!)))).subject).toBe('again');
  });

  it('makes safe file names and reads only outbox files', async () => {
    expect(emlSlug('Yearly/2026-11-27 ../合同:42 Café')).toBe('yearly-2026-11-27-42-cafe');
    expect(emlSlug('年度报告')).toBe('message');
    expect(emlSlug('x'.repeat(200))).toHaveLength(80);
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'no');
    expect(await readEmlFile(dir, '../secret.txt')).toBeNull();
    expect(await readEmlFile(dir, 'secret.txt')).toBeNull();
    expect(await readEmlFile(dir, '00000001-missing.eml')).toBeNull();
    expect(await listEmlFiles(path.join(dir, 'not-yet'))).toEqual([]);
  });
});

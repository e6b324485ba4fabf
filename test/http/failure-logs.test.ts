// A failure's log line says what failed and what happens next, and a request's carries its request id: the error
// handler's 500, and the outbox's e-mail and robot messages that did not go (each with the retry time the row holds).
import { Writable } from 'node:stream';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.ts';
import { createLogger } from '../../src/logger.ts';
import type { MailTransport } from '../../src/report/outbox/mail-message.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { ParseRefusedError } from '../../src/workbook/parse-pool.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  next?: string;
  [field: string]: unknown;
}

function capturedLogger() {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  return { logger: createLogger('info', 'entitle', stream), lines };
}

const refusingSmtp: MailTransport = {
  kind: 'smtp',
  from: 'entitle <noreply@example.com>',
  target: 'smtp://mail.example.com:587',
  send: async () => {
    throw new Error('451 4.7.1 try again later');
  },
  close: () => {},
};

describeEachDatabase('failure log lines', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });

  it('a request that fails unforeseen: answered 500, logged with its request id and what happens next', async () => {
    const { logger, lines } = capturedLogger();
    const broken = { ...t.deps.audit, search: async () => Promise.reject(new Error('the audit index is corrupt')) };
    const app = createApp({ ...t.deps, audit: broken, logger });
    const res = await request(app).get('/api/audit').set('Authorization', `Bearer ${t.tokens.admin}`).set('X-Request-Id', 'req-failure-42');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    const line = lines.find((l) => l.msg === 'request failed');
    expect(line).toMatchObject({ reqId: 'req-failure-42', status: 500, err: { message: 'the audit index is corrupt' }, next: expect.stringContaining('answered 500') });
  });

  it('a refused upload: its reference, which the parse pool logged without a request id, logged with this one', async () => {
    const { logger, lines } = capturedLogger();
    const busy = new ParseRefusedError('PARSE_BUSY', '正在读取的文件过多', 'Too many files are being read', { zh: '稍后重试', en: 'try again shortly' }, { reference: 'A1B2C3D4' }, 5);
    const app = createApp({ ...t.deps, audit: { ...t.deps.audit, search: async () => Promise.reject(busy) }, logger });
    const res = await request(app).get('/api/audit').set('Authorization', `Bearer ${t.tokens.admin}`).set('X-Request-Id', 'req-upload-7');
    expect(res.status).toBe(503);
    expect(lines.find((l) => l.msg === 'upload refused')).toMatchObject({ reqId: 'req-upload-7', references: ['A1B2C3D4'], code: 'PARSE_BUSY', next: expect.stringContaining('answered 503 PARSE_BUSY') });
  });

  it('an e-mail and a robot message that did not go: the retry time the row now holds, never given up', async () => {
    const { logger, lines } = capturedLogger();
    const base = { periodKey: '2026-12', subject: '失败日志测试', html: '<p>x</p>', text: 'x', recipients: { to: ['ops@example.com'], cc: [] } };
    const mail = (await t.deps.outbox.enqueue({ ...base, job: 'failure-log', recipient: 'managers' }, new Date())).message;
    // No robot is configured here: the message waits for one, retried like a refused e-mail.
    const robot = (await t.deps.outbox.enqueue({ ...base, job: 'failure-log', recipient: 'robot:wecom', channel: 'wecom', recipients: { to: [], cc: [] } }, new Date())).message;
    const worker = createDeliveryWorker({ store: t.deps.outbox, transport: refusingSmtp, robots: {}, logger, stopAfterFailures: 10 });
    const run = await worker.deliverDue(new Date());
    expect(run.failed).toBeGreaterThanOrEqual(2);
    for (const id of [mail.id, robot.id]) {
      const stored = await t.deps.outbox.get(id);
      const line = lines.find((l) => l.outboxId === id);
      expect(line, `outbox ${id}`).toMatchObject({ msg: `outbox message not sent; retrying at ${stored!.nextAttemptAt}`, next: expect.stringMatching(new RegExp(`^retry at ${stored!.nextAttemptAt.replace(/[.]/g, '\\.')} \\(attempt 2\\); never given up$`)) });
    }
    expect(lines.find((l) => l.outboxId === robot.id)?.error).toMatch(/No wecom robot is configured/);
  });
});

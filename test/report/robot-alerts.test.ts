// At-risk alerts and breaches to 企业微信 and 钉钉 group robots, through the outbox, against real HTTP servers on
// loopback that check each payload's shape and 钉钉's signature, and refuse the first attempt (企业微信 with an
// errcode, 钉钉 with HTTP 503): each message is stored once, retried after its backoff, and sent once.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.ts';
import type { MailTransport } from '../../src/report/outbox/mail-message.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { createRobotTransports, dingtalkSignature, signedDingtalkUrl } from '../../src/report/outbox/robot-transport.ts';
import { markdownText } from '../../src/report/kinds/at-risk/robot-alerts.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { reportWorld, type ReportWorld } from '../support/report-setup.ts';
import { testConfig, testServices } from '../support/test-services.ts';

const RUN = { dryRun: false, trigger: 'manual' as const, actor: 'test' };
const sh = (local: string) => `${local}+08:00`;
const SECRET = 'SEC0123456789abcdef';
const BASE = 'https://entitle.example.com';

interface Received {
  url: URL;
  body: { msgtype?: string; markdown?: { content?: string; title?: string; text?: string } };
}

/** A robot on loopback: refuses its first call as told, then checks each call and answers as the real one does. */
async function robotServer(check: (r: Received) => string | null, firstAnswer: { status: number; body: object }) {
  const received: Received[] = [];
  const accepted: Received[] = [];
  let refuseNext = true;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const r: Received = { url: new URL(req.url ?? '/', 'http://127.0.0.1'), body: JSON.parse(raw) as Received['body'] };
      received.push(r);
      const answer = (status: number, body: object) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (refuseNext) {
        refuseNext = false;
        return answer(firstAnswer.status, firstAnswer.body);
      }
      const problem = req.method === 'POST' && req.headers['content-type']?.startsWith('application/json') ? check(r) : 'not a JSON POST';
      if (problem) return answer(200, { errcode: 300001, errmsg: problem });
      accepted.push(r);
      answer(200, { errcode: 0, errmsg: 'ok' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  /** Forgets what it received; `refuseFirst`: refuse the next call again. */
  const reset = (refuseFirst: boolean) => {
    received.length = 0;
    accepted.length = 0;
    refuseNext = refuseFirst;
  };
  return { port, received, accepted, reset, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const wecomCheck = (r: Received) => {
  if (r.url.pathname !== '/cgi-bin/webhook/send' || r.url.searchParams.get('key') !== 'wecom-key') return 'wrong key';
  if (r.body.msgtype !== 'markdown' || typeof r.body.markdown?.content !== 'string') return 'not markdown';
  return null;
};

/** 钉钉's check, written from its documentation: the timestamp within an hour, and the HMAC-SHA256 of "ts\nsecret". */
const dingtalkCheck = (r: Received) => {
  if (r.url.searchParams.get('access_token') !== 'ding-token') return 'wrong token';
  const timestamp = Number(r.url.searchParams.get('timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() - timestamp) > 3600_000) return 'timestamp too far';
  const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
  if (r.url.searchParams.get('sign') !== expected) return 'sign not match';
  if (r.body.msgtype !== 'markdown' || typeof r.body.markdown?.title !== 'string' || typeof r.body.markdown.text !== 'string') return 'not markdown';
  return null;
};

describe('robot alerts: configuration, signature and markdown', () => {
  it('reads the robots and the link base from the environment, refusing a webhook that is no URL and hiding secrets', () => {
    const config = loadConfig({ ALERT_WECOM_WEBHOOK: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', ALERT_DINGTALK_WEBHOOK: 'https://oapi.dingtalk.com/robot/send?access_token=t', ALERT_DINGTALK_SECRET: SECRET, PUBLIC_BASE_URL: `${BASE}/` });
    expect(config.alerts).toEqual({ wecom: { webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }, dingtalk: { webhook: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: SECRET }, publicBaseUrl: BASE });
    expect(loadConfig({}).alerts).toEqual({ wecom: null, dingtalk: null, publicBaseUrl: null });
    expect(() => loadConfig({ ALERT_WECOM_WEBHOOK: 'qyapi.weixin.qq.com/send?key=secret-key' })).toThrow(/ALERT_WECOM_WEBHOOK/);
    try {
      loadConfig({ ALERT_WECOM_WEBHOOK: 'qyapi.weixin.qq.com/send?key=secret-key' });
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-key');
    }
  });

  it('signs 钉钉 calls as its documentation says: timestamp + "\\n" + secret, HMAC-SHA256, base64, URL-encoded', () => {
    const at = new Date(1_700_000_000_000);
    const sign = createHmac('sha256', SECRET).update(`1700000000000\n${SECRET}`).digest('base64');
    expect(dingtalkSignature(1_700_000_000_000, SECRET)).toBe(sign);
    const url = signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', SECRET, at);
    expect(url).toContain('access_token=t&timestamp=1700000000000&sign=');
    expect(url).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', null, at)).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
  });

  it('keeps a customer’s name from forging markdown', () => {
    expect(markdownText('[点我](https://evil.example) **急**\n### 假标题')).toBe('［点我］（https://evil.example） ＊＊急＊＊ ＃＃＃ 假标题');
  });
});

describeEachDatabase('robot alerts through the outbox', (current) => {
  let w: ReportWorld;
  let wecom: Awaited<ReturnType<typeof robotServer>>;
  let dingtalk: Awaited<ReturnType<typeof robotServer>>;
  let config: Config;

  beforeAll(async () => {
    wecom = await robotServer(wecomCheck, { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } });
    dingtalk = await robotServer(dingtalkCheck, { status: 503, body: { errcode: -1, errmsg: 'busy' } });
    const base = testConfig();
    config = {
      ...base,
      alerts: {
        wecom: { webhook: `http://127.0.0.1:${wecom.port}/cgi-bin/webhook/send?key=wecom-key` },
        dingtalk: { webhook: `http://127.0.0.1:${dingtalk.port}/robot/send?access_token=ding-token`, secret: SECRET },
        publicBaseUrl: BASE,
      },
    };
  });
  afterAll(async () => {
    await wecom?.close();
    await dingtalk?.close();
  });

  it('sends each at-risk alert and breach once to each robot, retrying the refused first attempts', async () => {
    w = await reportWorld(current().db);
    wecom.reset(true);
    dingtalk.reset(true);
    const services = testServices(current().db, { clock: () => new Date(sh('2026-11-27T11:40:00')) }, config);
    const customer = '华东精密 [点我](https://evil.example)';
    const contract = await w.contract({ name: customer, tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27', contacts: [{ name: '王工', email: 'it@huadong.example', role: 'contact' }] });
    // Due 12:00 (2 working hours), at risk from 11:30; and one due 11:00, unanswered: a breach.
    w.setNow(sh('2026-11-27T10:00:00'));
    const atRisk = await w.request(contract, 'emergency_fault', sh('2026-11-27T10:00:00'));
    w.setNow(sh('2026-11-27T09:00:00'));
    const breached = await w.request(contract, 'emergency_fault', sh('2026-11-27T09:00:00'));
    w.setNow(sh('2026-11-27T11:40:00'));

    const slot = new Date(sh('2026-11-27T11:40:00'));
    const first = await services.reports.jobs.run('at-risk', slot, RUN);
    const keys = first.messages.map((m) => `${m.periodKey} → ${m.recipient}`).sort();
    expect(keys).toEqual([`breach:request:${breached} → robot:dingtalk`, `breach:request:${breached} → robot:wecom`, `request:${atRisk} → managers`, `request:${atRisk} → robot:dingtalk`, `request:${atRisk} → robot:wecom`].sort());
    expect(first.messages.every((m) => m.created)).toBe(true);
    // Once per request and robot, however often the job runs (here: the same slot again, as another instance would).
    const again = await services.reports.jobs.run('at-risk', slot, RUN);
    expect(again.messages.filter((m) => m.created)).toEqual([]);

    const mails: string[] = [];
    const mail: MailTransport = { kind: 'smtp', from: 'entitle <noreply@localhost>', target: 'smtp://test', send: async (m) => (mails.push(m.subject), { messageId: m.messageId, emlFile: null }), close: () => {} };
    const worker = createDeliveryWorker({ store: services.outbox, transport: mail, robots: createRobotTransports(config.alerts), render: (json) => services.reports.renderStored(json), stopAfterFailures: 10 });
    const now = new Date();
    const run1 = await worker.deliverDue(now);
    expect(run1).toMatchObject({ attempted: 5, sent: 3, failed: 2 });
    expect(mails).toHaveLength(1);
    const rows = await services.outbox.list({ limit: 50, offset: 0 });
    const failedRows = rows.filter((r) => r.status === 'pending');
    expect(failedRows.map((r) => r.lastError).sort()).toEqual(['企业微信 / WeCom refused the message: errcode 45009 api freq out of limit', '钉钉 / DingTalk webhook answered HTTP 503'].sort());
    // No webhook key in what the outbox keeps.
    for (const r of rows) expect(`${r.lastError ?? ''}${r.messageId ?? ''}`).not.toMatch(/wecom-key|ding-token/);

    // Not before the backoff; after it, sent once each.
    expect((await worker.deliverDue(new Date(now.getTime() + 30_000))).attempted).toBe(0);
    expect(await worker.deliverDue(new Date(now.getTime() + 61_000))).toMatchObject({ attempted: 2, sent: 2, failed: 0 });
    expect(await worker.deliverDue(new Date(now.getTime() + 3600_000))).toMatchObject({ attempted: 0 });
    expect((await services.outbox.counts()).pending).toBe(0);
    expect(wecom.received).toHaveLength(3);
    expect(dingtalk.received).toHaveLength(3);

    // What the team reads: customer (its markdown defused), the service by name, hours left, the link.
    const wecomTexts = wecom.accepted.map((r) => r.body.markdown!.content!);
    const dingTexts = dingtalk.accepted.map((r) => r.body.markdown!.text!);
    for (const texts of [wecomTexts, dingTexts]) {
      const alert = texts.find((t) => t.includes(`#${atRisk}`))!;
      expect(alert).toContain('即将超时');
      expect(alert).toContain('华东精密 ［点我］（https://evil.example）');
      expect(alert).not.toContain('[点我]');
      expect(alert).toContain('服务:紧急故障处理');
      expect(alert).toContain('剩余工作时间:**0.33 工作小时**');
      expect(alert).toContain('响应时限 2 工作小时');
      expect(alert).toContain(`[打开服务请求 #${atRisk}](${BASE}/requests/${atRisk})`);
      const breach = texts.find((t) => t.includes(`#${breached}`))!;
      expect(breach).toContain('已超时');
      expect(breach).toContain('2026-11-27 11:00');
      expect(breach).toContain(`(${BASE}/requests/${breached})`);
    }
    expect(dingtalk.accepted.map((r) => r.body.markdown!.title).sort()).toEqual([`即将超时:华东精密 ［点我］（https://evil.example） 服务请求 #${atRisk}`, `已超时:华东精密 ［点我］（https://evil.example） 服务请求 #${breached}`].sort());

    // A dry run lists the robots' messages as already queued, and stores nothing.
    const dry = await services.reports.jobs.run('at-risk', new Date(sh('2026-11-27T11:55:00')), { ...RUN, dryRun: true });
    expect(dry.messages.filter((m) => m.recipient.startsWith('robot:')).every((m) => !m.created)).toBe(true);
  });

  it('treats an errcode other than 0 as a failure: a wrong 钉钉 secret is refused and the message waits, not lost', async () => {
    w = await reportWorld(current().db);
    dingtalk.reset(false);
    const wrong = { ...config.alerts, wecom: null, dingtalk: { webhook: config.alerts.dingtalk!.webhook, secret: 'SECwrong' } };
    const services = testServices(current().db, { clock: () => new Date(sh('2026-11-27T11:40:00')) }, { ...config, reports: { ...config.reports, managers: [] }, alerts: wrong });
    const contract = await w.contract({ name: '宁波港务', tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27', contacts: [] });
    w.setNow(sh('2026-11-27T10:00:00'));
    await w.request(contract, 'emergency_fault', sh('2026-11-27T10:00:00'));
    w.setNow(sh('2026-11-27T11:40:00'));
    // No managers, but a robot: the alert still goes out.
    const outcome = await services.reports.jobs.run('at-risk', new Date(sh('2026-11-27T11:40:00')), RUN);
    expect(outcome.skipped).toBeNull();
    expect(outcome.messages.map((m) => m.recipient)).toEqual(['robot:dingtalk']);
    const mail: MailTransport = { kind: 'smtp', from: 'entitle <noreply@localhost>', target: 'smtp://test', send: () => Promise.reject(new Error('no mail here')), close: () => {} };
    const worker = createDeliveryWorker({ store: services.outbox, transport: mail, robots: createRobotTransports(wrong) });
    const now = new Date();
    expect(await worker.deliverDue(now)).toMatchObject({ attempted: 1, failed: 1 });
    const [row] = await services.outbox.list({ state: 'pending', limit: 5, offset: 0 });
    expect(row).toMatchObject({ channel: 'dingtalk', status: 'pending', attempts: 1 });
    expect(row!.lastError).toBe('钉钉 / DingTalk refused the message: errcode 300001 sign not match');
  });
});

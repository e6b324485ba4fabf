// How an alert reaches a group chat: a POST of markdown to a group robot's webhook, 企业微信 (WeCom) or 钉钉
// (DingTalk). The delivery worker picks the transport by the row's channel (outbox-delivery.ts), so a robot's
// message has the outbox's guarantees: stored once, retried with backoff, never dropped. A robot answers HTTP 200
// with {"errcode": 0} when it took the message; any other answer is a failure, retried like a refused e-mail.
//
// The webhook URL holds the robot's key: no error message or log line carries it.
import { createHmac } from 'node:crypto';
import type { AlertsConfig } from '../../config/config.ts';
import type { OutboxChannel } from './outbox-store.ts';

export type RobotChannel = Exclude<OutboxChannel, 'email'>;

export interface RobotMessage {
  outboxId: number;
  /** The message's title: DingTalk shows it in the chat list; WeCom has none, so it leads the markdown. */
  title: string;
  markdown: string;
}

export interface RobotTransport {
  readonly channel: RobotChannel;
  /** Resolves once the robot took the message (errcode 0); rejects otherwise. */
  send(message: RobotMessage): Promise<{ messageId: string }>;
}

/** A robot call that hangs is abandoned well inside the delivery lease. */
export const ROBOT_TIMEOUT_MS = 30_000;

const NAMES: Record<RobotChannel, string> = { wecom: '企业微信 / WeCom', dingtalk: '钉钉 / DingTalk' };

/**
 * DingTalk's 加签: the milliseconds and the secret joined by a newline, HMAC-SHA256 keyed by the secret, base64;
 * sent URL-encoded as `timestamp` and `sign`. The robot refuses a timestamp more than an hour off.
 */
export function dingtalkSignature(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export function signedDingtalkUrl(webhook: string, secret: string | null, now: Date): string {
  if (!secret) return webhook;
  const url = new URL(webhook);
  const timestamp = now.getTime();
  // URLSearchParams encodes the base64's + / = as the robot expects.
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', dingtalkSignature(timestamp, secret));
  return url.toString();
}

async function post(channel: RobotChannel, url: string, body: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body), signal: AbortSignal.timeout(ROBOT_TIMEOUT_MS) });
  } catch (err) {
    // fetch's own message can name the URL: say what failed without it.
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new Error(`${NAMES[channel]} webhook unreachable (${cause})`);
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`${NAMES[channel]} webhook answered HTTP ${res.status}`);
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new Error(`${NAMES[channel]} webhook answered something other than JSON`);
  }
  if (answer.errcode !== 0) throw new Error(`${NAMES[channel]} refused the message: errcode ${String(answer.errcode)} ${String(answer.errmsg ?? '').slice(0, 200)}`);
}

export function createWecomTransport(webhook: string): RobotTransport {
  return {
    channel: 'wecom',
    async send(message) {
      await post('wecom', webhook, { msgtype: 'markdown', markdown: { content: message.markdown } });
      return { messageId: `wecom:outbox-${message.outboxId}` };
    },
  };
}

export function createDingtalkTransport(webhook: string, secret: string | null, clock: () => Date = () => new Date()): RobotTransport {
  return {
    channel: 'dingtalk',
    async send(message) {
      await post('dingtalk', signedDingtalkUrl(webhook, secret, clock()), { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } });
      return { messageId: `dingtalk:outbox-${message.outboxId}` };
    },
  };
}

/** The channels that have a robot configured. */
export function robotChannels(config: AlertsConfig): RobotChannel[] {
  return [...(config.wecom ? (['wecom'] as const) : []), ...(config.dingtalk ? (['dingtalk'] as const) : [])];
}

/** The robots configured, by channel (none when ALERT_* are unset). */
export function createRobotTransports(config: AlertsConfig): Partial<Record<RobotChannel, RobotTransport>> {
  const robots: Partial<Record<RobotChannel, RobotTransport>> = {};
  if (config.wecom) robots.wecom = createWecomTransport(config.wecom.webhook);
  if (config.dingtalk) robots.dingtalk = createDingtalkTransport(config.dingtalk.webhook, config.dingtalk.secret);
  return robots;
}

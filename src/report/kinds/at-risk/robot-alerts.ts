// The at-risk alerts and breaches as group-robot messages (企业微信, 钉钉): markdown in Chinese, the working language
// of the desk's group chats, with the customer, the service by name, the working hours left (or how late it is) and
// a link to the request (PUBLIC_BASE_URL). They are outbox rows like the e-mails, one per request and robot ever:
// `request:<id>` for the at-risk alert, `breach:request:<id>` for the breach, to `robot:<channel>`.
import { shanghaiDate } from '../../../calendar/instants.ts';
import type { NewOutboxMessage } from '../../outbox/outbox-store.ts';
import type { RobotChannel } from '../../outbox/robot-transport.ts';
import { formatHours, formatInstant } from '../../report-format.ts';
import type { ManagerReportDeps } from '../../requests-at-risk.ts';
import { REQUEST_PAGE } from '../../requests-at-risk.ts';
import type { OpenRequestLine } from '../../report-types.ts';

/** Which robots alerts go to and where people open a request; none configured: no robot messages. */
export interface RobotAlerts {
  channels: RobotChannel[];
  /** e.g. https://entitle.example.com; null: the message names the request without a link. */
  publicBaseUrl: string | null;
}

/** Breaches whose deadline passed this long before a run are still told (a long holiday in between included). */
export const BREACH_LOOKBACK_MS = 14 * 24 * 3600_000;

export interface BreachLine {
  requestId: number;
  customerName: string;
  serviceName: string;
  respondBy: string;
}

/**
 * Text from people (a customer's name) inside markdown: characters that would make a link, an image, emphasis or
 * a heading become their full-width twins, and no line break survives, so a name cannot forge a line of the alert.
 */
export function markdownText(text: string): string {
  const wide: Record<string, string> = { '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', _: '＿', '`': '｀', '#': '＃', '!': '！', '|': '｜', '~': '～' };
  return text.replace(/\s+/g, ' ').trim().replace(/[[\]()<>*_`#!|~]/g, (c) => wide[c]!);
}

function link(alerts: RobotAlerts, requestId: number): string {
  return alerts.publicBaseUrl ? `[打开服务请求 #${requestId}](${alerts.publicBaseUrl}/requests/${requestId})` : `服务请求 #${requestId}(未配置 PUBLIC_BASE_URL,无链接)`;
}

const robotMessage = (channel: RobotChannel, periodKey: string, title: string, markdown: string): NewOutboxMessage => ({
  job: 'at-risk',
  periodKey,
  recipient: `robot:${channel}`,
  channel,
  subject: title.slice(0, 500),
  html: '',
  text: markdown,
  recipients: { to: [], cc: [] },
});

/** One message per robot for a request about to miss its deadline. */
export function atRiskRobotMessages(alerts: RobotAlerts, r: OpenRequestLine): NewOutboxMessage[] {
  const customer = markdownText(r.customerName);
  const title = `即将超时:${customer} 服务请求 #${r.requestId}`;
  const left = r.workingHoursLeft > 0 ? `${formatHours(r.workingHoursLeft)} 工作小时` : '0(已到截止时间)';
  const markdown = [
    `### ${title}`,
    `- 客户:${customer}`,
    `- 服务:${markdownText(r.serviceName)}`,
    `- 剩余工作时间:**${left}**(响应时限 ${formatHours(r.windowHours)} 工作小时)`,
    `- 响应截止:${formatInstant(r.respondBy)}(北京时间)`,
    '',
    link(alerts, r.requestId),
  ].join('\n');
  return alerts.channels.map((channel) => robotMessage(channel, `request:${r.requestId}`, title, markdown));
}

/** One message per robot for a request whose deadline passed unanswered. */
export function breachRobotMessages(alerts: RobotAlerts, b: BreachLine): NewOutboxMessage[] {
  const customer = markdownText(b.customerName);
  const title = `已超时:${customer} 服务请求 #${b.requestId}`;
  const markdown = [
    `### ${title}`,
    `- 客户:${customer}`,
    `- 服务:${markdownText(b.serviceName)}`,
    `- 剩余工作时间:**0**,响应截止 ${formatInstant(b.respondBy)}(北京时间)已过,尚未响应`,
    '',
    link(alerts, b.requestId),
  ].join('\n');
  return alerts.channels.map((channel) => robotMessage(channel, `breach:request:${b.requestId}`, title, markdown));
}

/** Requests whose deadline passed unanswered within the lookback before `now`, by id. */
export async function breachesAt(deps: ManagerReportDeps, now: Date): Promise<BreachLine[]> {
  const lines: BreachLine[] = [];
  const since = new Date(now.getTime() - BREACH_LOOKBACK_MS).toISOString();
  for (let afterId = 0; ; ) {
    const page = await deps.store.breachCandidates({ now: now.toISOString(), since, afterId, limit: REQUEST_PAGE });
    for (const r of page) {
      const policy = await deps.lookups.policyOn(shanghaiDate(new Date(r.openedAt)));
      lines.push({ requestId: r.id, customerName: r.customerName, serviceName: deps.lookups.serviceName(policy, r.offering, r.service), respondBy: r.respondBy! });
    }
    if (page.length < REQUEST_PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return lines;
}

// Messages, clocks and extra database handles shared by the outbox tests.
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import type { NewOutboxMessage } from '../../src/report/outbox/outbox-store.ts';

/** 07:00 in Shanghai on 2026-11-28: when the yearly job would run. */
export const T0 = new Date('2026-11-27T23:00:00.000Z');
export const FROM = 'entitle 报告 <reports@entitle.example>';

export const minutes = (n: number, from: Date = T0) => new Date(from.getTime() + n * 60_000);

export function reportMessage(n: number, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    job: 'yearly',
    periodKey: '2026-11-27',
    recipient: `contract:${n}`,
    subject: `年度服务报告 2026 · 合同 ${n}`,
    html: `<table><tr><td>响应达标</td><td>${90 + (n % 10)}%</td></tr></table>`,
    text: `响应达标 ${90 + (n % 10)}%`,
    recipients: { to: [`it${n}@customer.example`, `cio${n}@customer.example`], cc: [`csm${n}@entitle.example`] },
    ...overrides,
  };
}

/** A second, independent connection pool on the same database: what another server instance would open. */
export function openAnotherHandle(url: string): Database {
  return openDatabase(parseDatabaseUrl(url));
}

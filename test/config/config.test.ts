import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../src/config/config.ts';
import { reportSchedules } from '../../src/report/report-kinds.ts';

describe('config', () => {
  it('defaults to embedded SQLite under var/', () => {
    const config = loadConfig({}, '/srv/entitle');
    expect(config.database).toEqual({ client: 'sqlite', filename: '/srv/entitle/var/entitle.db' });
    expect(config.port).toBe(3000);
    expect(config.upload.maxFileBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ VAR_DIR: 'data' }, '/srv').database).toEqual({ client: 'sqlite', filename: path.resolve('/srv/data/entitle.db') });
  });

  it('delivers the outbox every 30 s and retries after a minute, unless told otherwise (OUTBOX_INTERVAL_S, OUTBOX_RETRY_S)', () => {
    expect(loadConfig({}, '/srv').outbox).toEqual({ deliveryIntervalMs: 30_000, firstRetryMs: 60_000, leaseMs: 600_000 });
    expect(loadConfig({ OUTBOX_INTERVAL_S: '5', OUTBOX_RETRY_S: '10', OUTBOX_LEASE_S: '120' }, '/srv').outbox).toEqual({ deliveryIntervalMs: 5_000, firstRetryMs: 10_000, leaseMs: 120_000 });
    expect(() => loadConfig({ OUTBOX_LEASE_S: '119' })).toThrow(/OUTBOX_LEASE_S/);
    expect(() => loadConfig({ OUTBOX_INTERVAL_S: '0' })).toThrow(/OUTBOX_INTERVAL_S/);
    expect(() => loadConfig({ OUTBOX_RETRY_S: '3601' })).toThrow(/OUTBOX_RETRY_S/);
  });

  it('parses MySQL URLs with escaped credentials', () => {
    expect(parseDatabaseUrl('mysql://app:p%40ss@db.local:3307/entitle')).toMatchObject({
      client: 'mysql',
      host: 'db.local',
      port: 3307,
      user: 'app',
      password: 'p@ss',
      database: 'entitle',
    });
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({ PORT: 'eighty', MAX_UPLOAD_MB: '-1', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('MAX_UPLOAD_MB');
      expect(problems).toContain('LOG_LEVEL');
    }
  });

  it('never echoes a secret in its error', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'hunter2' })).toThrow(/ADMIN_PASSWORD 的值 "\*\*\*"/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('refuses a database URL it cannot use, without echoing its password', () => {
    expect(() => parseDatabaseUrl('postgres://u:secret@h/db')).toThrow(ConfigError);
    expect(() => parseDatabaseUrl('postgres://u:secret@h/db')).toThrow(/\*\*\*/);
    expect(() => parseDatabaseUrl('mysql://u@h:3306/')).toThrow(/names no database/);
  });

  it('reads the report schedules, managers and rules, and names a bad cron expression or address', () => {
    const defaults = loadConfig({}, '/srv/entitle').reports;
    expect(defaults).toEqual({
      schedulerEnabled: true,
      // Only what is set: each report kind brings its own default (reportSchedules, below).
      schedules: {},
      managers: [],
      adviceRules: '/srv/entitle/rules/expert-advice.rules.json',
      reviewDays: 3,
    });
    const set = loadConfig({ REPORT_SCHEDULER: 'off', REPORT_YEARLY_CRON: '30 6 * * *', REPORT_MANAGERS: 'a@kingdee.example, b@kingdee.example' }, '/srv').reports;
    expect(set).toMatchObject({ schedulerEnabled: false, schedules: { yearly: '30 6 * * *' }, managers: ['a@kingdee.example', 'b@kingdee.example'] });
    expect(reportSchedules(defaults.schedules)).toEqual({ yearly: '0 7 * * *', monthly: '0 8 1 * *', 'at-risk': '0,30 * * * *' });
    expect(reportSchedules(loadConfig({ REPORT_AT_RISK_CRON: '15 * * * *' }, '/srv').reports.schedules)['at-risk']).toBe('15 * * * *');
    // A variable that names no report kind is refused, not ignored.
    expect(() => reportSchedules(loadConfig({ REPORT_YEARY_CRON: '0 6 * * *' }, '/srv').reports.schedules)).toThrow(/REPORT_YEARY_CRON.*no report kind.*REPORT_YEARLY_CRON, REPORT_MONTHLY_CRON, REPORT_AT_RISK_CRON/);
    expect(() => loadConfig({ REPORT_MONTHLY_CRON: '0 8 32 * *' })).toThrow(/REPORT_MONTHLY_CRON 的值 "0 8 32 \* \*" 无效.*cron expression/);
    expect(() => loadConfig({ REPORT_MANAGERS: 'a@kingdee.example, not-an-address' })).toThrow(/REPORT_MANAGERS.*e-mail addresses/);
    // The contacts' rule: one plain address each, never a display name.
    expect(() => loadConfig({ REPORT_MANAGERS: '"Boss" <boss@kingdee.example>' })).toThrow(/REPORT_MANAGERS.*e-mail addresses/);
    expect(() => loadConfig({ REPORT_MANAGERS: 'boss@localhost' })).toThrow(/REPORT_MANAGERS.*e-mail addresses/);
    expect(() => loadConfig({ REPORT_SCHEDULER: 'maybe' })).toThrow(/REPORT_SCHEDULER/);
    // The working days a 尊享 report waits for an expert: 0 (none) to 30.
    expect(loadConfig({ REPORT_REVIEW_DAYS: '5' }, '/srv').reports.reviewDays).toBe(5);
    expect(loadConfig({ REPORT_REVIEW_DAYS: '0' }, '/srv').reports.reviewDays).toBe(0);
    for (const bad of ['-1', '2.5', '31', 'three']) expect(() => loadConfig({ REPORT_REVIEW_DAYS: bad })).toThrow(/REPORT_REVIEW_DAYS/);
  });

  it('caps a contract import at 50,000 rows unless MAX_IMPORT_ROWS says otherwise, and names a bad cap', () => {
    expect(loadConfig({}, '/srv').contractImport).toEqual({ maxRows: 50_000 });
    expect(loadConfig({ MAX_IMPORT_ROWS: '120000' }, '/srv').contractImport.maxRows).toBe(120_000);
    for (const bad of ['0', '-5', '2.5', 'many', '1000001']) expect(() => loadConfig({ MAX_IMPORT_ROWS: bad })).toThrow(/MAX_IMPORT_ROWS/);
  });
});

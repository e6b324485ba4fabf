import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { createMailTransport } from '../../src/report/outbox/mail-transport.ts';

describe('mail configuration', () => {
  it('defaults to .eml files under VAR_DIR/outbox with a local sender', () => {
    expect(loadConfig({}, '/srv/entitle').mail).toEqual({ smtpUrl: undefined, from: 'entitle <noreply@localhost>', outboxDir: path.resolve('/srv/entitle/var/outbox') });
    expect(loadConfig({ VAR_DIR: 'data', SMTP_URL: ' ' }, '/srv').mail.outboxDir).toBe(path.resolve('/srv/data/outbox'));
    expect(loadConfig({ OUTBOX_DIR: '/mail/out' }, '/srv').mail.outboxDir).toBe('/mail/out');
  });

  it('takes smtp:// and smtps:// URLs and an address or a named address as the sender', () => {
    const mail = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example:587', MAIL_FROM: '服务报告 <reports@example.com>' }).mail;
    expect(mail).toMatchObject({ smtpUrl: 'smtp://u:p@mail.example:587', from: '服务报告 <reports@example.com>' });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example:465', MAIL_FROM: 'reports@example.com' }).mail.smtpUrl).toBe('smtps://mail.example:465');
    const transport = createMailTransport(mail);
    expect(transport).toMatchObject({ kind: 'smtp', target: 'smtp://u:***@mail.example:587' });
    transport.close();
  });

  it('refuses other schemes and a sender without an address, without echoing the password', () => {
    let error: unknown;
    try {
      loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example', MAIL_FROM: 'nobody' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SMTP_URL/);
    expect(problems).toMatch(/MAIL_FROM/);
    expect(problems).not.toContain('hunter2');
  });
});

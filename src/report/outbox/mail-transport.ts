// How a message leaves the server: over SMTP when SMTP_URL is set, otherwise as an .eml file under OUTBOX_DIR
// (mail-eml-writer.ts), so a server without a mail relay still keeps every report it owes, readable and listed.
import nodemailer from 'nodemailer';
import { redact, type MailConfig } from '../../config/config.ts';
import { createEmlWriter } from './mail-eml-writer.ts';
import { mailOptions, type MailTransport } from './mail-message.ts';

export type { MailTransport, OutgoingMail, SentMail } from './mail-message.ts';

/**
 * Bounds on one SMTP conversation. They matter beyond politeness: the delivery lease (outbox-delivery.ts) must
 * outlast a send, or another instance could take the row over while this one is still talking to the server.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 45_000 } as const;
/** A send that takes longer than this is abandoned, whatever the socket timers think; OUTBOX_LEASE_S (at least 120 s) outlasts it. */
export const SEND_TIMEOUT_MS = 60_000;

function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  // `secure` comes from the scheme: smtp:// starts in clear and upgrades with STARTTLS when the server offers it
  // (nodemailer's default), smtps:// is TLS from the first byte. Query parameters such as tls.rejectUnauthorized pass through.
  // Pooled: a message reuses an open, authenticated connection instead of paying for TCP, STARTTLS and AUTH each
  // time (the soak's replies queued faster than one connection per message could carry them). Two connections
  // per instance; each is closed after 100 messages or when idle, and a broken one is replaced.
  const transporter = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 2, maxMessages: 100, ...SMTP_TIMEOUTS });
  return {
    kind: 'smtp',
    from,
    target: redact(smtpUrl),
    async send(mail) {
      const info = await transporter.sendMail({ ...mailOptions(from, mail), signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
      return { messageId: info.messageId || mail.messageId, emlFile: null };
    },
    close() {
      transporter.close();
    },
  };
}

export function createMailTransport(config: MailConfig): MailTransport {
  return config.smtpUrl ? createSmtpTransport(config.smtpUrl, config.from) : createEmlWriter(config.outboxDir, config.from);
}

// The message as both transports see it, and the nodemailer options they share.
import type { SendMailOptions } from 'nodemailer';

export interface OutgoingMail {
  /** The outbox row it comes from: names the .eml file and goes into a header for tracing. */
  outboxId: number;
  /** A readable hint for file names, e.g. `yearly-2026-11-27-contract-42`; sanitised by the writer. */
  slug: string;
  /** Fixed per outbox row, so that a message resent after an ambiguous failure is recognisably the same one. */
  messageId: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
}

export interface SentMail {
  messageId: string;
  /** The .eml file's name under the outbox directory, for the file writer; null over SMTP. */
  emlFile: string | null;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'eml';
  /** The From header it sends with; its domain also names the Message-IDs. */
  readonly from: string;
  /** Where messages go, for logs: the SMTP URL without its password, or the directory. */
  readonly target: string;
  /** Resolves once the server accepted the message (or the file is in place); rejects otherwise. */
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

/** The nodemailer message both transports build, so that an .eml file is byte-for-byte what SMTP would carry. */
export function mailOptions(from: string, mail: OutgoingMail): SendMailOptions {
  return {
    from,
    to: mail.to,
    cc: mail.cc.length > 0 ? mail.cc : undefined,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    headers: {
      // RFC 3834: a report is machine-sent, so out-of-office replies should not answer it.
      'Auto-Submitted': 'auto-generated',
      'X-Entitle-Outbox-Id': String(mail.outboxId),
    },
    // The bodies come from our templates, but a stray `path` must never make the server read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** `<entitle-outbox-42-20261127T230000000Z@example.com>`: the row's id and creation instant, at the sender's domain. */
export function outboxMessageId(outboxId: number, createdAt: string, from: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<entitle-outbox-${outboxId}-${createdAt.replace(/[^0-9TZ]/g, '')}@${domain}>`;
}

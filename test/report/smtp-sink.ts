// A real SMTP server on loopback (smtp-server) that parses what it accepts (mailparser), and can be told to refuse.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: Buffer;
  /** RCPT TO addresses: To and Cc alike. */
  rcptTo: string[];
  /** True when the conversation had been upgraded with STARTTLS. */
  secure: boolean;
  user: string | undefined;
  /** When it was accepted (epoch ms). */
  at: number;
}

/** accept; refuse-data: 451 after DATA; refuse-rcpt: 450 on every RCPT TO. */
export type SinkMode = 'accept' | 'refuse-data' | 'refuse-rcpt';

export interface SmtpSink {
  port: number;
  /** The SMTP_URL a transport needs: credentials, and trust for the sink's self-signed STARTTLS certificate. */
  url: string;
  received: ReceivedMail[];
  mode: SinkMode;
  close(): Promise<void>;
}

export const SINK_USER = 'mailer';
export const SINK_PASSWORD = 'p@ss w0rd';

function refusal(message: string, code: number): SMTPServerError {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpSink(options: { port?: number; delayMs?: number; implicitTls?: boolean } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const sink = { mode: 'accept' as SinkMode };
  const server = new SMTPServer({
    // Quiet, including the notice about the built-in test certificate, which is exactly what a loopback test wants.
    logger: false,
    // smtps: TLS from the first byte (with smtp-server's built-in test certificate) instead of STARTTLS.
    secure: options.implicitTls ?? false,
    // Authentication is only offered after STARTTLS, so an accepted login also proves the upgrade happened.
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SINK_USER && auth.password === SINK_PASSWORD) callback(null, { user: auth.username });
      else callback(refusal('Invalid username or password', 535));
    },
    onRcptTo(_address, _session, callback) {
      if (sink.mode === 'refuse-rcpt') callback(refusal('Mailbox temporarily unavailable', 450));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (sink.mode === 'refuse-data') {
          callback(refusal('Try again later, the queue is full', 451));
          return;
        }
        const raw = Buffer.concat(chunks);
        const at = Date.now();
        const accept = () =>
          simpleParser(raw).then(
            (parsed) => {
              received.push({ parsed, raw, rcptTo: session.envelope.rcptTo.map((r) => r.address), secure: session.secure, user: session.user as string | undefined, at });
              callback(null, `queued as ${received.length}`);
            },
            (err: Error) => callback(err),
          );
        // A slow server makes concurrent workers overlap for real.
        if (options.delayMs) setTimeout(accept, options.delayMs);
        else void accept();
      });
    },
  });
  // A client that goes away mid-conversation (an instance killed with a pooled connection open) is that client's
  // problem: without a listener, smtp-server's 'error' event would end this whole process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: smtpUrl(port, options.implicitTls ? 'smtps' : 'smtp'),
    received,
    get mode() {
      return sink.mode;
    },
    set mode(mode: SinkMode) {
      sink.mode = mode;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function smtpUrl(port: number, scheme: 'smtp' | 'smtps' = 'smtp'): string {
  return `${scheme}://${SINK_USER}:${encodeURIComponent(SINK_PASSWORD)}@127.0.0.1:${port}/?tls.rejectUnauthorized=false`;
}

export function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

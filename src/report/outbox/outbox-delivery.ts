// Sends what the outbox owes. Any number of workers, in any number of server instances on one database, may run
// this at once: a row is sent only by the worker whose conditional UPDATE took its lease (outbox-repository.ts).
//
// The lease: claiming a row sets claimed_by to a token unique to this claim and claimed_until to now + leaseMs, and,
// in the same statement, counts the attempt and moves next_attempt_at to the retry time. A worker that crashes
// mid-send therefore leaves a row that becomes due again once both its lease and its backoff have run out; one that
// finishes records "sent" or the error and clears the lease. The lease must outlast a send (mail-transport.ts bounds
// a send to SEND_TIMEOUT_MS), or a slow send could be taken over and the message sent twice.
import { redact } from '../../config/config.ts';
import { isDatabaseUnavailable } from '../../db/database-errors.ts';
import { serverInstanceName } from '../../shared/instance-name.ts';
import type { MailTransport } from './mail-message.ts';
import { outboxMessageId } from './mail-message.ts';
import { FAILING_AFTER_ATTEMPTS, retryDelayMs, type OutboxMessage, type OutboxStore } from './outbox-store.ts';
import type { RobotChannel, RobotTransport } from './robot-transport.ts';

/** The pino methods the worker uses; a pino Logger fits. */
export interface DeliveryLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface DeliveryWorkerOptions {
  store: OutboxStore;
  transport: MailTransport;
  /** The group robots by channel; a robot message whose channel has none fails (and is retried) saying so. */
  robots?: Partial<Record<RobotChannel, RobotTransport>>;
  /** Names this worker in claimed_by; default host:pid:random, unique per process. */
  workerId?: string;
  /** How long a claim keeps other workers off a row. Default 10 minutes, well past SEND_TIMEOUT_MS. */
  leaseMs?: number;
  /** The wait after a first failed attempt (then doubling; retryDelayMs); default a minute. */
  firstRetryMs?: number;
  /** Rows looked at per query. */
  batchSize?: number;
  /** Rows attempted per run at most, so one run never holds the loop for ever. */
  maxPerRun?: number;
  /** Failures in a row after which the run stops: when the server is down, the rest waits for the next run. */
  stopAfterFailures?: number;
  clock?: () => Date;
  logger?: DeliveryLog;
  /** Renders a message stored as a report's JSON (reportJson); without it such a message fails, and says why. */
  render?: (reportJson: string) => { html: string; text: string };
}

export interface DeliveryRun {
  /** Rows this worker claimed and tried to send. */
  attempted: number;
  sent: number;
  failed: number;
  /** Rows another worker claimed first. */
  lost: number;
  /** True when the run gave up after stopAfterFailures failures in a row. */
  stoppedEarly: boolean;
}

export interface DeliveryWorker {
  readonly id: string;
  /**
   * Sends every row due now. With `now`, that instant stands for the whole run (tests, catch-up by hand);
   * without, the worker's clock is read at each claim, so leases stay right during a long run.
   */
  deliverDue(now?: Date): Promise<DeliveryRun>;
}

const DEFAULT_LEASE_MS = 10 * 60_000;
/** Recording a sent message is retried this often while the database is away, and stops this long before the lease ends. */
const RECORD_RETRY_MS = 1_000;
const RECORD_MARGIN_MS = 30_000;

/** The failure as one line for the page: the message only, no stack, no credentials. */
export function describeSendError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const line = redact(message.replace(/\s+/g, ' ').trim());
  return (line || (err instanceof Error ? err.name : 'unknown error')).slice(0, 1000);
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, transport, logger } = options;
  const id = (options.workerId ?? serverInstanceName()).slice(0, 80);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? 25;
  const maxPerRun = options.maxPerRun ?? 500;
  const stopAfterFailures = options.stopAfterFailures ?? 3;
  const clock = options.clock ?? (() => new Date());
  let claims = 0;

  function renderStored(reportJson: string): { html: string; text: string } {
    if (!options.render) throw new Error('This message is a report to render, and this worker has no report renderer');
    return options.render(reportJson);
  }

  const slugOf = (row: OutboxMessage) => `${row.job}-${row.periodKey}-${row.recipient}`;

  /** A robot's message: its markdown is the stored text. */
  async function sendToRobot(row: OutboxMessage & { channel: RobotChannel }) {
    const robot = options.robots?.[row.channel];
    if (!robot) throw new Error(`No ${row.channel} robot is configured (ALERT_${row.channel.toUpperCase()}_WEBHOOK): the message waits for one`);
    const { messageId } = await robot.send({ outboxId: row.id, title: row.subject, markdown: row.text });
    return { messageId, emlFile: null };
  }

  /**
   * The message is out: its record must follow, or the row comes due again after its lease and goes twice. While
   * the database is unavailable the record is retried every second, within the lease (no other worker may take the
   * row meanwhile). Any other failure, or the lease running out, propagates: the run stops rather than carry on
   * blind, and the fixed Message-ID lets mail clients fold the duplicate that may follow.
   */
  async function recordSent(row: OutboxMessage, sent: { at: Date; messageId: string; emlFile: string | null }, token: string, claimedAtMs: number): Promise<void> {
    // The lease ran from the claim, not from now: the send took part of it already.
    const giveUpAt = claimedAtMs + leaseMs - RECORD_MARGIN_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await store.markSent(row.id, sent);
        if (attempt > 1) logger?.warn({ outboxId: row.id, attempts: attempt, next: 'nothing: recorded as sent' }, 'outbox message recorded as sent once the database was back');
        return;
      } catch (err) {
        if (!isDatabaseUnavailable(err) || Date.now() + RECORD_RETRY_MS > giveUpAt) {
          logger?.error({ outboxId: row.id, token, err, next: 'the row comes due again after its lease and may go twice, under the same Message-ID' }, 'outbox message sent but not recorded');
          throw err;
        }
        if (attempt === 1) logger?.warn({ outboxId: row.id, err, next: `retrying the record every ${RECORD_RETRY_MS / 1000} s until ${new Date(giveUpAt).toISOString()}` }, 'outbox message sent; the database is unavailable to record it');
        await new Promise((r) => setTimeout(r, RECORD_RETRY_MS));
      }
    }
  }

  /** Sends one claimed row and records the outcome; true when it went out. */
  async function sendClaimed(row: OutboxMessage, token: string, now: () => Date): Promise<boolean> {
    const claimedAtMs = Date.now();
    let sent;
    try {
      const body = row.reportJson === null ? row : renderStored(row.reportJson);
      sent = row.channel !== 'email' ? await sendToRobot({ ...row, channel: row.channel }) : await transport.send({
        outboxId: row.id,
        slug: slugOf(row),
        messageId: outboxMessageId(row.id, row.createdAt, transport.from),
        to: row.recipients.to,
        cc: row.recipients.cc,
        subject: row.subject,
        html: body.html,
        text: body.text,
      });
    } catch (err) {
      const error = describeSendError(err);
      const recorded = await store.markFailed(row.id, token, { error });
      // The claim set the next attempt up front; a lease lost meanwhile means another worker's record stands.
      const next = recorded ? `retry at ${row.nextAttemptAt} (attempt ${row.attempts + 1}); never given up` : 'the lease had passed to another worker, whose record of this message stands';
      const fields = { outboxId: row.id, job: row.job, periodKey: row.periodKey, channel: row.channel, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, error, recorded, next };
      // Never dropped: past the threshold it is retried at the cap and shown as failing, loudly.
      if (row.attempts >= FAILING_AFTER_ATTEMPTS) logger?.error(fields, `outbox message keeps failing; retrying at ${row.nextAttemptAt}`);
      else logger?.warn(fields, `outbox message not sent; retrying at ${row.nextAttemptAt}`);
      return false;
    }
    await recordSent(row, { at: now(), messageId: sent.messageId, emlFile: sent.emlFile }, token, claimedAtMs);
    logger?.info({ outboxId: row.id, job: row.job, periodKey: row.periodKey, messageId: sent.messageId, emlFile: sent.emlFile }, 'outbox message sent');
    return true;
  }

  return {
    id,
    async deliverDue(at) {
      const now = () => at ?? clock();
      const run: DeliveryRun = { attempted: 0, sent: 0, failed: 0, lost: 0, stoppedEarly: false };
      let failuresInARow = 0;
      // Each pass re-reads what is due; a pass that claims nothing means the rest belongs to other workers.
      while (run.attempted + run.lost < maxPerRun) {
        const due = await store.due(now(), batchSize);
        for (const seen of due) {
          if (run.attempted + run.lost >= maxPerRun) break;
          const claimedAt = now();
          const token = `${id}#${(++claims).toString(36)}`;
          const row = await store.claim(seen, {
            token,
            now: claimedAt,
            leaseUntil: new Date(claimedAt.getTime() + leaseMs),
            retryAt: new Date(claimedAt.getTime() + retryDelayMs(seen.attempts + 1, options.firstRetryMs)),
          });
          if (!row) {
            run.lost += 1;
            continue;
          }
          run.attempted += 1;
          if (await sendClaimed(row, token, now)) {
            run.sent += 1;
            failuresInARow = 0;
          } else {
            run.failed += 1;
            failuresInARow += 1;
            if (failuresInARow >= stopAfterFailures) {
              run.stoppedEarly = true;
              return run;
            }
          }
        }
        if (due.length < batchSize) break;
      }
      return run;
    },
  };
}

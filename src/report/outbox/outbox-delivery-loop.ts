// Runs a delivery worker on a timer for the server. Nothing starts at import: the server calls startDeliveryLoop
// once it is up and awaits the returned stop function on shutdown.
import type { DeliveryLog, DeliveryRun, DeliveryWorker } from './outbox-delivery.ts';

export interface DeliveryLoopOptions {
  worker: DeliveryWorker;
  /** Pause between the end of one run and the start of the next. */
  intervalMs: number;
  logger: DeliveryLog;
}

/**
 * Runs at once (so what piled up while the server was down goes out at start), then every intervalMs after the
 * previous run ends: runs never overlap, however slow the mail server. The stop function cancels the timer and
 * resolves when a run in progress has finished, so no send is cut off half-recorded.
 */
export function startDeliveryLoop(options: DeliveryLoopOptions): () => Promise<void> {
  const { worker, intervalMs, logger } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const nextRun = () => new Date(Date.now() + intervalMs).toISOString();

  const report = (run: DeliveryRun) => {
    if (run.attempted === 0) return;
    const fields = { workerId: worker.id, ...run };
    const rest = run.stoppedEarly ? `stopped after ${run.failed} failures in a row; the rest waits for the next run at ${nextRun()}` : `each failed message is retried at its own time; next run at ${nextRun()}`;
    if (run.failed > 0) logger.warn({ ...fields, next: rest }, 'outbox delivery run had failures');
    else logger.info(fields, 'outbox delivery run');
  };

  const tick = () => {
    timer = undefined;
    running = worker
      .deliverDue()
      .then(report)
      // A broken run (the database away, say) is logged and retried on the next tick; the loop itself never dies.
      .catch((err: unknown) => logger.error({ workerId: worker.id, err, next: `next run at ${nextRun()}; a message claimed in this run comes due again at its retry time` }, 'outbox delivery run failed'))
      .finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    // The loop alone should not keep a process alive (a CLI command that opened the app, say).
    timer.unref();
  };

  schedule(0);

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    await running;
  };
}

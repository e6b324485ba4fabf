// `npm start`: configuration, database (migrated), the sample policy on first start, then the HTTP server.
import type { Server } from 'node:http';
import path from 'node:path';
import { ensureInitialPolicy, openServices } from './bootstrap.ts';
import { ConfigError, loadConfig, redact } from './config/config.ts';
import { createApp } from './http/create-app.ts';
import { resolveSessionSecret } from './config/session-secret.ts';
import { secureVarDir } from './config/var-dir.ts';
import { createLogger } from './logger.ts';
import { createDeliveryWorker } from './report/outbox/outbox-delivery.ts';
import { startDeliveryLoop } from './report/outbox/outbox-delivery-loop.ts';
import { startJobScheduler, type JobScheduler } from './jobs/job-scheduler.ts';
import { reportSchedules } from './report/report-kinds.ts';
import { reportSchedule } from './report/report-schedule.ts';
import { serverInstanceName } from './shared/instance-name.ts';
import { createHolidayReminder, createReminderRenderer, holidayReminderJob } from './holidays/holiday-reminder.ts';

async function start(): Promise<void> {
  let config;
  let sessionSecret: string;
  try {
    config = loadConfig();
    sessionSecret = resolveSessionSecret(config);
    // The config module knows no report kind; a REPORT_<KIND>_CRON naming none is refused here, before anything starts.
    reportSchedules(config.reports.schedules);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  // var/ 0700, the database and secrets 0600: what an older version or a copy left readable is tightened now.
  for (const change of secureVarDir(config)) logger.warn(change, 'tightened permissions: only this user may read it');
  const where = config.database.client === 'sqlite' ? config.database.filename : redact(config.database.url);
  logger.info({ database: config.database.client, where }, 'opening database');
  const services = await openServices(config, {
    log: { warn: (msg) => logger.warn({ component: 'knex' }, msg), error: (msg) => logger.error({ component: 'knex' }, msg), debug: (msg) => logger.debug({ component: 'knex' }, msg) },
    unknownUserKey: sessionSecret,
    logger: logger.child({ component: 'parse-pool' }),
  });

  const admin = await services.accounts.ensureInitialAdmin(config.adminPassword);
  if (admin?.generated) {
    // Where the password is, never what it is: logs are shipped and read by others. It must be changed at first sign-in.
    logger.warn({ username: admin.username, file: admin.file }, 'empty database: created the admin account; its generated password is in this file (readable by this user only) and must be changed at first sign-in');
  } else if (admin) {
    logger.info({ username: admin.username }, 'empty database: created the admin account with ADMIN_PASSWORD');
  }

  const initial = await ensureInitialPolicy(services);
  if (initial?.status === 'created') {
    logger.info({ version: initial.version.version, file: config.sampleWorkbook }, 'empty database: imported and activated the sample policy');
  } else if (initial?.status === 'rejected') {
    logger.error({ issues: initial.issues, next: 'the server runs with no active policy (checks answer NO_ACTIVE_POLICY) until one is imported and activated' }, 'the sample policy workbook did not import');
  }

  // The process's CPU, memory and event loop go with the app's own figures on /metrics (tests leave them out).
  services.metrics.collectProcessMetrics();
  // Every service bootstrap wired goes to the app, as the decide benchmark does; only the HTTP settings are added.
  const app = createApp({
    ...services,
    checkDatabase: services.ping,
    outboxDir: config.mail.outboxDir,
    reportSettings: config.reports,
    logger,
    sessionSecret,
    upload: config.upload,
    trustProxy: config.trustProxy,
    metricsToken: config.metrics.token,
  });
  const server: Server = app.listen(config.port, () => logger.info({ port: config.port }, `listening on http://localhost:${config.port}`));
  // Behind a proxy that keeps connections open (deploy/nginx: keepalive_timeout 4 s to the instances), the proxy must
  // be the one to close an idle connection: Node's 5 s default let it close one just as nginx sent a request on it,
  // which nginx saw as a reset (a failed request, and the instance marked down). 65 s outlasts any proxy's setting.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Report e-mails leave from the outbox: at start (whatever waited while the server was down), then every OUTBOX_INTERVAL_S (30 s).
  logger.info({ mail: services.mail.kind, target: services.mail.target }, 'report e-mail delivery');
  const stopDelivery = startDeliveryLoop({ worker: createDeliveryWorker({ store: services.outbox, transport: services.mail, robots: services.robots, logger, render: (json) => services.reports.renderStored(json), firstRetryMs: config.outbox.firstRetryMs, leaseMs: config.outbox.leaseMs }), intervalMs: config.outbox.deliveryIntervalMs, logger });
  // The report jobs on their schedules; runs missed while the server was down are caught up now.
  let scheduler: JobScheduler | null = null;
  if (config.reports.schedulerEnabled) {
    if (config.reports.managers.length === 0) logger.warn('REPORT_MANAGERS is not set: the monthly compliance report and at-risk alerts have no recipients');
    if (config.holidays.owners.length === 0) logger.warn('HOLIDAY_OWNERS is not set: a year without holiday data is shown to admins and managers, but no reminder e-mail is sent');
    // The policy owners' daily reminder while a year lacks holiday data, on the same scheduler and outbox.
    const holidayReminder = createHolidayReminder({ readiness: (at) => services.holidays.readiness(at), outbox: services.outbox, owners: config.holidays.owners, render: createReminderRenderer(path.resolve('templates')) });
    // Every report kind's job, with the sweep of overdue 尊享 reviews, and the holiday reminder: one scheduler.
    const reports = reportSchedule(services.reports.jobs, { schedules: services.reports.schedules });
    const jobs = [...reports.jobs, holidayReminderJob(holidayReminder, config.holidays.reminderSchedule)];
    scheduler = await startJobScheduler({ jobs, sweeps: reports.sweeps, runs: services.jobRuns, instance: serverInstanceName(), logger, onRun: (job, outcome) => services.metrics.countSchedulerRun(job, outcome) });
    logger.info({ schedules: Object.fromEntries(jobs.map((j) => [j.name, j.schedule])), timezone: 'Asia/Shanghai' }, 'report jobs scheduled');
  } else {
    logger.info('REPORT_SCHEDULER=off: report jobs run only by hand on this instance');
  }
  const stopJobs = async () => {
    await scheduler?.stop();
    await stopDelivery();
  };
  server.on('error', async (err: NodeJS.ErrnoException) => {
    const hint = err.code === 'EADDRINUSE' ? ` (port ${config.port} is in use; set PORT)` : '';
    logger.fatal({ err }, `the HTTP server could not start${hint}`);
    await stopJobs();
    await services.close();
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Files still being read are refused (503, retry) rather than waited for: reading one may take PARSE_TIMEOUT_S.
    void services.parsePool.stop();
    server.close(async () => {
      await stopJobs();
      await services.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

start().catch((err: unknown) => {
  console.error('entitle failed to start:', err);
  process.exit(1);
});

// The one place the services are wired together. The server and the CLI (through bootstrap.ts openServices), the
// test apps and the benches all call composeServices: what differs between them (a clock, a cheap password hasher,
// files read in-process, a store wrapped in a stopwatch) is passed as an override, never re-wired by hand, so a
// test exercises the composition production runs. Business choices live in the domain modules, not here.
import path from 'node:path';
import type { Config } from './config/config.ts';
import { createAccountRepository } from './accounts/account-repository.ts';
import { createAccountService, type AccountService } from './accounts/account-service.ts';
import { initialPasswordFile } from './accounts/initial-password-file.ts';
import { argon2idHasher, type PasswordHasher } from './accounts/password.ts';
import { createOidcSignIn, type OidcSignIn } from './accounts/oidc-sign-in.ts';
import { createSsoRepository } from './accounts/sso-repository.ts';
import { createAuditLog, type AuditLog } from './audit/audit-log.ts';
import type { Database } from './db/database.ts';
import { poolUse } from './db/pool-use.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { createEntitlementService, type EntitlementService } from './entitlement/entitlement-service.ts';
import { createPolicyCache, type PolicyCache } from './entitlement/policy-cache.ts';
import { runWorkbookCases } from './entitlement/workbook-cases.ts';
import { createContractRepository } from './contracts/contract-repository.ts';
import { createContractService, type ContractService } from './contracts/contract-service.ts';
import { createUsageService, type UsageService } from './contracts/usage-service.ts';
import { createContractImport, type ContractImport } from './contracts/contract-import.ts';
import { createPolicyRepository } from './policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from './policy/policy-service.ts';
import { createRequestRepository, type EnqueueMail } from './requests/request-repository.ts';
import { createRequestService, type RequestService } from './requests/request-service.ts';
import { createQuoteRepository } from './quote/quote-repository.ts';
import { createQuoteService, type QuoteService } from './quote/quote-service.ts';
import { createPdfRenderer, type PdfRenderer } from './quote/pdf-renderer.ts';
import { createOutboxRepository, insertOutboxMessage } from './report/outbox/outbox-repository.ts';
import type { OutboxStore } from './report/outbox/outbox-store.ts';
import { createMailTransport, type MailTransport } from './report/outbox/mail-transport.ts';
import { createRobotTransports, robotChannels, type RobotChannel, type RobotTransport } from './report/outbox/robot-transport.ts';
import { createIdempotencyRepository } from './idempotency/idempotency-repository.ts';
import { createIdempotencyService, type IdempotencyService } from './idempotency/idempotency-service.ts';
import { loadAdviceRules, type AdviceRules } from './report/advice-rules.ts';
import { createJobRunRepository } from './jobs/job-run-repository.ts';
import type { JobRunStore } from './jobs/job-run-store.ts';
import { createReportDataRepository } from './report/report-data-repository.ts';
import type { ReportDataStore } from './report/report-data-store.ts';
import { createReportLookups } from './report/report-lookups.ts';
import { createReportRenderer, type ReportRenderer } from './report/report-renderer.ts';
import { createReportService, type ReportService } from './report/report-service.ts';
import { createReviewRepository } from './report/reviews/report-review-repository.ts';
import type { ReviewStore } from './report/reviews/report-review-store.ts';
import { reportSchedules } from './report/report-kinds.ts';
import { createHolidayService, type HolidayService } from './holidays/holiday-service.ts';
import type { PoolLogger } from './workbook/parse-pool.ts';
import { createUploadReaders, type UploadReaders } from './uploads/upload-readers.ts';

export interface Services {
  config: Config;
  policies: PolicyService;
  /** Holiday readiness (HOLIDAY_LEAD_DATE), the holiday page's notice reading and drafts. */
  holidays: HolidayService;
  accounts: AccountService;
  /** Single sign-on through the OIDC provider (OIDC_ISSUER_URL); null when none is configured. */
  oidc: OidcSignIn | null;
  audit: AuditLog;
  /** The compiled active policies the entitlement checks and quotes decide with (refreshed every 2 s). */
  policyCache: PolicyCache;
  entitlements: EntitlementService;
  contracts: ContractService;
  usage: UsageService;
  contractImport: ContractImport;
  requests: RequestService;
  idempotency: IdempotencyService;
  quotes: QuoteService;
  pdf: PdfRenderer;
  /** Report e-mails waiting, sent or failing, and the way they leave (SMTP, or .eml files). */
  outbox: OutboxStore;
  mail: MailTransport;
  /** The group robots (企业微信, 钉钉) configured, by channel: the delivery worker's other transports. */
  robots: Partial<Record<RobotChannel, RobotTransport>>;
  /** The yearly, monthly and at-risk reports: built on demand, or run as jobs into the outbox. */
  reports: ReportService;
  /** When each report job ran, on which instance, and what it did. */
  jobRuns: JobRunStore;
  /** The worker threads uploaded workbooks and contract files are read in (PARSE_*). */
  parsePool: UploadReaders;
  /** This composition's /metrics registry (src/metrics): its own, so two compositions in one process count apart. */
  metrics: Metrics;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What a caller may change about the composition; production passes only unknownUserKey and logger. */
export interface ServiceOverrides {
  /** Keys the hash that stands for an unknown username in the audit log (the server passes its session secret). */
  unknownUserKey?: string;
  /** Where the parse pool logs the causes behind the references a refused upload shows. */
  logger?: PoolLogger;
  /** Every service's "now" (audit, policies, contracts, requests, quotes, holidays, reports, accounts). Default: the system clock. */
  clock?: () => Date;
  /** The policy service's "now" alone, when a test wants its imports to take effect at another instant. Default: clock. */
  policyClock?: () => Date;
  /** argon2id unless a test whose subject is not hashing passes a cheap one. */
  hasher?: PasswordHasher;
  /** How uploads are read: the parse pool's threads by default; tests may read in-process. */
  readers?: UploadReaders;
  /** How long the policy cache trusts what it loaded (ms). Tests that activate policies use 0. */
  policyCacheRefreshMs?: number;
  /** Contracts per batch of a yearly report run. */
  reportBatchSize?: number;
  /** The report templates; default `templates` under the working directory. */
  templatesDir?: string;
  /** Wrappers a bench puts around what the report jobs call, to time each part. */
  wrap?: {
    reportData?: (store: ReportDataStore) => ReportDataStore;
    advice?: (rules: AdviceRules) => AdviceRules;
    renderer?: (renderer: ReportRenderer) => ReportRenderer;
    outbox?: (store: OutboxStore) => OutboxStore;
    reviews?: (store: ReviewStore) => ReviewStore;
  };
}

const same = <T>(x: T) => x;

/**
 * The services on an open database. close() closes the mail transport and the parse pool, not the database: its
 * opener closes that. Throws when the report rules or templates cannot be loaded.
 */
export function composeServices(db: Database, config: Config, overrides: ServiceOverrides = {}): Services {
  const { clock, wrap = {} } = overrides;
  const policyStore = createPolicyRepository(db);
  const mail = createMailTransport(config.mail);
  const audit = createAuditLog(db, clock);
  // Threads start on the first upload; an instance that reads no file holds none.
  const parsePool = overrides.readers ?? createUploadReaders({ ...config.parse, logger: overrides.logger });
  // Gauges read at scrape time (what is in force, what waits); counters are moved by the edges that call the services.
  const metrics = createMetrics({
    outboxCounts: () => outbox.counts(),
    policyVersion: async () => (await cache.at(clock?.() ?? new Date()))?.version ?? null,
    holidayDaysLeft: () => holidays.daysOfDataLeft(),
    pool: () => poolUse(db),
  });
  const policies = countedImports(createPolicyService(policyStore, overrides.policyClock ?? clock, audit, parsePool.readPolicyWorkbook, runWorkbookCases), metrics);
  const cache = createPolicyCache(policies, { refreshMs: overrides.policyCacheRefreshMs });
  const entitlements = createEntitlementService(cache);
  const contractStore = createContractRepository(db);
  const contracts = createContractService(contractStore, entitlements, clock);
  const outbox = (wrap.outbox ?? same)(createOutboxRepository(db));
  const accountStore = createAccountRepository(db);
  // A reply to a service request is an outbox row written in the reply's own transaction (src/requests sits
  // below src/report and cannot name the outbox): one row per comment, so the unique key sends it once.
  const replyToOutbox: EnqueueMail = (trx, mail, at) =>
    insertOutboxMessage(trx, { job: 'request-reply', periodKey: `request-${mail.requestId}`, recipient: `comment:${mail.commentId}`, subject: mail.subject, html: mail.html, text: mail.text, recipients: { to: mail.to, cc: mail.cc } }, at);
  const accounts = createAccountService(accountStore, audit, clock, { initialPassword: initialPasswordFile(config.varDir), unknownUserKey: overrides.unknownUserKey, hasher: overrides.hasher });
  const reports = createReportService({
    store: (wrap.reportData ?? same)(createReportDataRepository(db)),
    lookups: () => createReportLookups(cache, entitlements),
    advice: (wrap.advice ?? same)(loadAdviceRules(config.reports.adviceRules)),
    renderer: (wrap.renderer ?? same)(createReportRenderer(overrides.templatesDir ?? path.resolve('templates'))),
    outbox,
    reviews: (wrap.reviews ?? same)(createReviewRepository(db)),
    managers: config.reports.managers,
    robots: { channels: robotChannels(config.alerts), publicBaseUrl: config.alerts.publicBaseUrl },
    // The reports' cut-offs are the scheduled slots: the first time of day of each kind's schedule.
    schedules: reportSchedules(config.reports.schedules),
    reviewDays: config.reports.reviewDays,
    clock,
    batchSize: overrides.reportBatchSize,
  });
  const holidays = createHolidayService({ policies, audit, leadDate: config.holidays.leadDate, clock });
  return {
    config,
    policies,
    policyCache: cache,
    holidays,
    entitlements,
    contracts,
    usage: createUsageService(contractStore, contracts),
    contractImport: createContractImport(contractStore, { maxRows: config.contractImport.maxRows, read: parsePool.readContractFile, clock }),
    requests: createRequestService(createRequestRepository(db, { enqueueMail: replyToOutbox }), contracts, entitlements, clock, () => accountStore.listUsers()),
    idempotency: createIdempotencyService(createIdempotencyRepository(db)),
    quotes: createQuoteService({ store: createQuoteRepository(db), cache, entitlements, contracts, audit, seller: config.seller, clock }),
    pdf: createPdfRenderer(config.chromiumPath),
    outbox,
    mail,
    robots: createRobotTransports(config.alerts),
    reports,
    jobRuns: createJobRunRepository(db),
    accounts,
    oidc: config.oidc ? createOidcSignIn({ config: config.oidc, accounts, accountStore, sso: createSsoRepository(db), hasher: overrides.hasher ?? argon2idHasher, clock }) : null,
    audit,
    parsePool,
    metrics,
    ping: () => policyStore.ping(),
    close: async () => {
      mail.close();
      await parsePool.stop();
    },
  };
}

/** Every import, wherever it comes from (upload, API, holiday draft, first start), counted by its result. */
function countedImports(policies: PolicyService, metrics: Metrics): PolicyService {
  return {
    ...policies,
    async importWorkbook(req) {
      let outcome;
      try {
        outcome = await policies.importWorkbook(req);
      } catch (err) {
        metrics.countPolicyImport('failed');
        throw err;
      }
      metrics.countPolicyImport(outcome.status);
      return outcome;
    },
  };
}

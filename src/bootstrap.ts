// The composition root shared by the server and the CLI: config in, wired services out.
import fs from 'node:fs/promises';
import path from 'node:path';
import { redact, type Config } from './config/config.ts';
import { createAccountRepository } from './accounts/account-repository.ts';
import { createAccountService, type AccountService } from './accounts/account-service.ts';
import { initialPasswordFile } from './accounts/initial-password-file.ts';
import { createAuditLog, type AuditLog } from './audit/audit-log.ts';
import { openDatabase, type DatabaseLog } from './db/database.ts';
import { createEntitlementService, type EntitlementService } from './entitlement/entitlement-service.ts';
import { createPolicyCache } from './entitlement/policy-cache.ts';
import { createContractRepository } from './contracts/contract-repository.ts';
import { createContractService, type ContractService } from './contracts/contract-service.ts';
import { createUsageService, type UsageService } from './contracts/usage-service.ts';
import { createContractImport, type ContractImport } from './contracts/contract-import.ts';
import { migrateLatest } from './db/migrations.ts';
import { createPolicyRepository } from './policy/policy-repository.ts';
import { createRequestRepository } from './requests/request-repository.ts';
import { createQuoteRepository } from './quote/quote-repository.ts';
import { createQuoteService, type QuoteService } from './quote/quote-service.ts';
import { createPdfRenderer, type PdfRenderer } from './quote/pdf-renderer.ts';
import { createOutboxRepository } from './report/outbox-repository.ts';
import type { OutboxStore } from './report/outbox-store.ts';
import { createMailTransport, type MailTransport } from './report/mail-transport.ts';
import { createRequestService, type RequestService } from './requests/request-service.ts';
import { createIdempotencyRepository } from './idempotency/idempotency-repository.ts';
import { createIdempotencyService, type IdempotencyService } from './idempotency/idempotency-service.ts';
import { loadAdviceRules } from './report/advice-rules.ts';
import { createJobRunRepository } from './jobs/job-run-repository.ts';
import type { JobRunStore } from './jobs/job-run-store.ts';
import { createReportDataRepository } from './report/report-data-repository.ts';
import { createReportLookups } from './report/report-lookups.ts';
import { createReportRenderer } from './report/report-renderer.ts';
import { createReportService, type ReportService } from './report/report-service.ts';
import { createReviewRepository } from './report/report-review-repository.ts';
import { reportSchedules } from './report/report-kinds.ts';
import { createPolicyService, type ImportOutcome, type PolicyService } from './policy/policy-service.ts';
import { createHolidayService, type HolidayService } from './holidays/holiday-service.ts';
import type { PoolLogger } from './workbook/parse-pool.ts';
import { createUploadReaders, type UploadReaders } from './uploads/upload-readers.ts';

export interface Services {
  config: Config;
  policies: PolicyService;
  /** Holiday readiness (HOLIDAY_LEAD_DATE), the holiday page's notice reading and drafts. */
  holidays: HolidayService;
  accounts: AccountService;
  audit: AuditLog;
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
  /** The yearly, monthly and at-risk reports: built on demand, or run as jobs into the outbox. */
  reports: ReportService;
  /** When each report job ran, on which instance, and what it did. */
  jobRuns: JobRunStore;
  /** The worker threads uploaded workbooks and contract files are read in (PARSE_*). */
  parsePool: UploadReaders;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * unknownUserKey: keys the hash that stands for an unknown username in the audit log (the server passes its session secret).
 * logger: where the parse pool logs the causes behind the references a refused upload shows.
 */
export async function openServices(config: Config, options: { migrate?: boolean; log?: DatabaseLog; unknownUserKey?: string; logger?: PoolLogger } = {}): Promise<Services> {
  const db = openDatabase(config.database, options.log);
  try {
    if (options.migrate ?? true) await migrateLatest(db);
  } catch (err) {
    await db.destroy();
    const where = config.database.client === 'sqlite' ? config.database.filename : redact(config.database.url);
    throw new Error(`无法打开或升级数据库 ${where} / cannot open or migrate the database ${where}: ${(err as Error).message}`, { cause: err });
  }
  const policyStore = createPolicyRepository(db);
  const mail = createMailTransport(config.mail);
  const audit = createAuditLog(db);
  // Threads start on the first upload; an instance that reads no file holds none.
  const parsePool = createUploadReaders({ ...config.parse, logger: options.logger });
  const policies = createPolicyService(policyStore, () => new Date(), audit, parsePool.readPolicyWorkbook);
  const cache = createPolicyCache(policies);
  const entitlements = createEntitlementService(cache);
  const contractStore = createContractRepository(db);
  const contracts = createContractService(contractStore, entitlements);
  const outbox = createOutboxRepository(db);
  let reports: ReportService;
  try {
    reports = createReportService({
      store: createReportDataRepository(db),
      lookups: () => createReportLookups(cache, entitlements),
      advice: loadAdviceRules(config.reports.adviceRules),
      renderer: createReportRenderer(path.resolve('templates')),
      outbox,
      reviews: createReviewRepository(db),
      managers: config.reports.managers,
      // The reports' cut-offs are the scheduled slots: the first time of day of each kind's schedule.
      schedules: reportSchedules(config.reports.schedules),
      reviewDays: config.reports.reviewDays,
    });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    config,
    policies,
    holidays: createHolidayService({ policies, audit, leadDate: config.holidays.leadDate }),
    entitlements,
    contracts,
    usage: createUsageService(contractStore, contracts, audit),
    contractImport: createContractImport(contractStore, audit, { maxRows: config.contractImport.maxRows, read: parsePool.readContractFile }),
    requests: createRequestService(createRequestRepository(db), contracts, entitlements),
    idempotency: createIdempotencyService(createIdempotencyRepository(db)),
    quotes: createQuoteService({ store: createQuoteRepository(db), cache, entitlements, contracts, audit }),
    pdf: createPdfRenderer(config.chromiumPath),
    outbox,
    mail,
    reports,
    jobRuns: createJobRunRepository(db),
    accounts: createAccountService(createAccountRepository(db), audit, undefined, { initialPassword: initialPasswordFile(config.varDir), unknownUserKey: options.unknownUserKey }),
    audit,
    parsePool,
    ping: () => policyStore.ping(),
    close: async () => {
      mail.close();
      await parsePool.stop();
      await db.destroy();
    },
  };
}

/**
 * On the first start of an empty database, import and activate the sample workbook so the product
 * answers questions out of the box. A database that has any version is left alone.
 */
export async function ensureInitialPolicy(services: Services): Promise<ImportOutcome | null> {
  const versions = await services.policies.listVersions();
  if (versions.length > 0) return null;
  const file = services.config.sampleWorkbook;
  const bytes = await fs.readFile(file);
  return services.policies.importWorkbook({ bytes, filename: path.basename(file), actor: 'system', activate: true });
}

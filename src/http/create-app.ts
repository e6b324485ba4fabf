// The HTTP application. Built from its dependencies, it has no side effects until someone listens.
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { createHomeService, type HomeService } from '../home/home-service.ts';
import { homePages } from './pages/home-pages.ts';
import { requestLog } from './request-log.ts';
import { createMetrics, type Metrics } from '../metrics/metrics.ts';
import { METRICS_PATH, metricsEndpoint } from './metrics-endpoint.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Logger } from '../logger.ts';
import type { PolicyService } from '../policy/policy-service.ts';
import { policyApiRoutes } from './api/policy-api.ts';
import { checkAnswerer, entitlementApiRoutes } from './api/entitlement-api.ts';
import { checkFastLane } from './api/check-fast-lane.ts';
import { contractApiRoutes } from './api/contract-api.ts';
import type { ContractService } from '../contracts/contract-service.ts';
import type { UsageService } from '../contracts/usage-service.ts';
import type { ContractImport } from '../contracts/contract-import.ts';
import type { EntitlementService } from '../entitlement/entitlement-service.ts';
import type { Decision } from '../entitlement/decision.ts';
import type { RequestService } from '../requests/request-service.ts';
import type { IdempotencyService } from '../idempotency/idempotency-service.ts';
import type { QuoteService } from '../quote/quote-service.ts';
import type { PdfRenderer } from '../quote/pdf-renderer.ts';
import { quoteApiRoutes } from './api/quote-api.ts';
import { quotePages } from './pages/quote-pages.ts';
import { quoteListPages } from './pages/quote-list-pages.ts';
import { approvalPages } from './pages/approval-pages.ts';
import { approvalsBadge } from './pages/approval-badge.ts';
import { outboxPages } from './pages/outbox-pages.ts';
import type { OutboxStore } from '../report/outbox/outbox-store.ts';
import type { ReportService } from '../report/report-service.ts';
import type { JobRunStore } from '../jobs/job-run-store.ts';
import { reportPages } from './pages/report-pages.ts';
import { reportApiRoutes } from './api/report-api.ts';
import { reviewPages } from './pages/review-pages.ts';
import { DEFAULT_REVIEW_DAYS } from '../report/reviews/report-reviews.ts';
import { serverInstanceName } from '../shared/instance-name.ts';
import { requestApiRoutes } from './api/request-api.ts';
import { requestPages } from './pages/request-pages.ts';
import { authenticate } from './auth-middleware.ts';
import { databaseUnavailable, HttpError, notFound } from './http-error.ts';
import { errorHandler } from './error-handler.ts';
import type { UploadLimits } from './policy-handlers.ts';
import { buildRouter } from './mount-routes.ts';
import { openApiDocument } from './openapi.ts';
import { authPages } from './pages/auth-pages.ts';
import { oidcPages, ssoButton } from './pages/oidc-pages.ts';
import type { OidcSignIn } from '../accounts/oidc-sign-in.ts';
import { adminTokenPages } from './pages/admin-token-pages.ts';
import { adminUserPages } from './pages/admin-user-pages.ts';
import { chooseLanguage } from './pages/page-context.ts';
import { policyPages } from './pages/policy-pages.ts';
import { policyVersionPages } from './pages/policy-version-pages.ts';
import { auditPages } from './pages/audit-pages.ts';
import { holidayPages } from './pages/holiday-pages.ts';
import { holidayBanner } from './pages/holiday-banner.ts';
import { holidayApiRoutes } from './api/holiday-api.ts';
import type { HolidayService } from '../holidays/holiday-service.ts';
import { readinessMessage } from '../holidays/holiday-readiness.ts';
import { contractPages } from './pages/contract-pages.ts';
import type { RouteSpec } from './route-table.ts';
import { createViews } from './views.ts';
import './request-context.ts';

export interface AppDeps {
  policies: PolicyService;
  /** Whether next year's holidays are known (banner, /readyz, upload warnings), the holiday page and its drafts. */
  holidays: HolidayService;
  accounts: AccountService;
  /** Single sign-on (GET /sign-in/oidc and its callback); absent or null: the sign-in page has no SSO button. */
  oidc?: OidcSignIn | null;
  audit: AuditLog;
  entitlements: EntitlementService;
  contracts: ContractService;
  usage: UsageService;
  contractImport: ContractImport;
  requests: RequestService;
  /** Idempotency-Key handling for quota use and service requests. */
  idempotency: IdempotencyService;
  quotes: QuoteService;
  pdf: PdfRenderer;
  outbox: OutboxStore;
  mail: { kind: string; target: string };
  outboxDir: string;
  reports: ReportService;
  jobRuns: JobRunStore;
  /** Shown on the reports page: whether this instance runs the schedules (reports.schedules) and to whom the managers' reports go. */
  reportSettings: { managers: string[]; schedulerEnabled: boolean; reviewDays?: number };
  checkDatabase: () => Promise<void>;
  logger: Logger;
  sessionSecret: string;
  upload: UploadLimits;
  templatesDir?: string;
  /** Express's `trust proxy`, so that Secure cookies and client addresses work behind a TLS proxy. */
  trustProxy?: boolean | number | string;
  /** What GET /metrics shows (the composition's registry); absent: a registry of this app's own, HTTP and decisions only. */
  metrics?: Metrics;
  /** METRICS_TOKEN: the bearer token /metrics asks for; absent or null: /metrics answers local clients only. */
  metricsToken?: string | null;
}

/**
 * The home page's use case over the services (src/home): wired here rather than in the composition root because
 * AppDeps, not Services, is what the app receives (a later re-cut may make AppDeps a Pick of Services).
 */
function homeOf(deps: AppDeps): HomeService {
  return createHomeService({
    requests: deps.requests,
    quotes: deps.quotes,
    monthly: (month) => deps.reports.monthly(month),
    outboxCounts: () => deps.outbox.counts(),
    jobRuns: deps.jobRuns,
    activations: () => deps.policies.activations(),
    holidayReadiness: () => deps.holidays.readiness(),
    reviews: deps.reports.reviews,
  });
}

/** Every route of the app, in one table: the routers, the OpenAPI document and the matrix test read it. */
export function appRoutes(deps: AppDeps & { onDecision?: (decision: Decision) => void }, views = createViews(deps.templatesDir ?? path.resolve('templates'))): RouteSpec[] {
  const limits = deps.upload;
  // Runs by hand are recorded under this process's name, as the scheduler's are.
  const instance = serverInstanceName();
  // The entitlement check is the hot route: first in the table, so the router tries it first.
  return [
    ...entitlementApiRoutes({ entitlements: deps.entitlements, contracts: deps.contracts, onDecision: deps.onDecision }),
    ...homePages({ home: homeOf(deps), views }),
    ...authPages({ accounts: deps.accounts, views, sso: ssoButton(deps.oidc) }),
    ...oidcPages({ oidc: deps.oidc ?? null, views }),
    ...adminUserPages({ accounts: deps.accounts, views }),
    ...adminTokenPages({ accounts: deps.accounts, views }),
    // Before the policy routes: /policies/holidays is no version number.
    ...holidayPages({ holidays: deps.holidays, policies: deps.policies, views }),
    ...holidayApiRoutes({ holidays: deps.holidays, policies: deps.policies, contracts: deps.contracts }),
    ...policyPages({ policies: deps.policies, contracts: deps.contracts, holidays: deps.holidays, views, limits }),
    ...policyVersionPages({ policies: deps.policies, contracts: deps.contracts, holidays: deps.holidays, views }),
    ...auditPages({ audit: deps.audit, views }),
    ...contractPages({ contracts: deps.contracts, usage: deps.usage, contractImport: deps.contractImport, views, limits }),
    ...policyApiRoutes({ policies: deps.policies, contracts: deps.contracts, audit: deps.audit, holidays: deps.holidays, limits }),
    ...contractApiRoutes({ contracts: deps.contracts, usage: deps.usage, contractImport: deps.contractImport, limits, idempotency: deps.idempotency }),
    ...requestPages({ requests: deps.requests, contracts: deps.contracts, entitlements: deps.entitlements, views, idempotency: deps.idempotency }),
    ...requestApiRoutes({ requests: deps.requests, idempotency: deps.idempotency }),
    ...quoteListPages({ quotes: deps.quotes, views }),
    ...quotePages({ quotes: deps.quotes, contracts: deps.contracts, pdf: deps.pdf, views }),
    ...quoteApiRoutes({ quotes: deps.quotes }),
    ...approvalPages({ quotes: deps.quotes, views }),
    ...outboxPages({ outbox: deps.outbox, outboxDir: deps.outboxDir, mail: deps.mail, render: (json) => deps.reports.renderStored(json), views }),
    ...reportPages({ reports: deps.reports, jobRuns: deps.jobRuns, reportSettings: deps.reportSettings, instance, views }),
    ...reportApiRoutes({ reports: deps.reports, jobRuns: deps.jobRuns, instance }),
    ...reviewPages({ reports: deps.reports, views, reviewDays: deps.reportSettings.reviewDays ?? DEFAULT_REVIEW_DAYS }),
  ];
}

const JSON_LIMIT_BYTES = 64 * 1024;
const READY_TIMEOUT_MS = 3_000;

/** Middleware that only pages need; API requests pass straight through. */
function pagesOnly(middleware: express.RequestHandler): express.RequestHandler {
  return (req, res, next) => (req.path.startsWith('/api/') ? next() : middleware(req, res, next));
}

/** A Node request listener (for http.createServer and supertest) that can also listen on its own. */
export type HttpApp = ((req: IncomingMessage, res: ServerResponse) => void) & {
  listen(port: number, host?: string | (() => void), callback?: () => void): Server;
};

export function createApp(deps: AppDeps): HttpApp {
  const app = express();
  app.disable('x-powered-by');
  // Answers are computed per request: hashing each body for an ETag costs more than it could save.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy ?? false);
  const views = createViews(deps.templatesDir ?? path.resolve('templates'));
  const metrics = deps.metrics ?? createMetrics();
  const observer = metrics.observeRequest;
  const onDecision = (decision: Decision) => metrics.countDecision(decision);
  const routes = appRoutes({ ...deps, onDecision }, views);

  // No upgrade-insecure-requests: on a plain-HTTP intranet address it would send the browser to an https
  // URL that does not exist, and the pages would lose their styles and forms. (HSTS is ignored over HTTP.)
  const securityHeaders = helmet({
    contentSecurityPolicy: { directives: { 'form-action': ["'self'"], 'script-src': ["'self'"], 'upgrade-insecure-requests': null } },
  });

  app.use(requestLog(deps.logger, observer));
  app.use(securityHeaders);
  app.use(cookieParser(deps.sessionSecret));
  app.use(pagesOnly(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 256 })));
  app.use(express.json({ limit: JSON_LIMIT_BYTES }));
  app.use('/static', express.static(path.resolve(deps.templatesDir ?? 'templates', 'static'), { index: false, maxAge: '1h' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    // A probe needs its answer within seconds, not after the pool's acquire timeout.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the database did not answer within 3 s')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([deps.checkDatabase(), timeout]);
    } catch (err) {
      req.log.warn({ err, next: 'answered 503: a load balancer takes this instance out until /readyz answers 200 again' }, 'not ready: the database is unavailable');
      const unavailable = databaseUnavailable();
      return res.status(503).set('Retry-After', String(unavailable.retryAfterSeconds)).json(unavailable.toJSON());
    } finally {
      clearTimeout(timer);
    }
    const active = await deps.policies.activeAt(new Date());
    if (!active) return res.status(503).json(new HttpError(503, 'NO_ACTIVE_POLICY', '没有已生效的策略版本', 'No policy version is active').toJSON());
    // Missing holiday data is a warning, not unreadiness: deadlines are still computed (on the weekly schedule).
    const readiness = await deps.holidays.readiness();
    const message = readinessMessage(readiness);
    const warnings = message ? [{ code: 'NO_HOLIDAY_DATA', years: readiness.missing, message: `${message.zh} / ${message.en}` }] : [];
    res.json({ status: 'ready', policyVersion: active.version, warnings });
  });
  // Before sign-in: a scraper has no session; the endpoint's own token or the local rule decides.
  app.get(METRICS_PATH, metricsEndpoint(metrics, deps.metricsToken ?? null));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(routes, '0.1.0'));
  });

  app.use(pagesOnly(chooseLanguage));
  app.use(authenticate(deps.accounts));
  app.use(pagesOnly(holidayBanner(deps.holidays)));
  app.use(pagesOnly(approvalsBadge(deps.quotes)));
  // API calls are the high-rate traffic: their router holds only API routes, so they skip the pages'.
  app.use(buildRouter(routes.filter((r) => r.kind === 'api'), deps.upload));
  app.use(pagesOnly(buildRouter(routes.filter((r) => r.kind === 'page'), deps.upload)));

  app.use((_req, _res, next) => next(notFound()));

  app.use(errorHandler(views));

  const fastLane = checkFastLane({
    accounts: deps.accounts,
    answer: checkAnswerer({ ...deps, onDecision }),
    observer,
    logger: deps.logger,
    securityHeaders: headersOf(securityHeaders),
    maxBodyBytes: JSON_LIMIT_BYTES,
  });
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!fastLane(req, res, () => app(req, res))) app(req, res);
  };
  return Object.assign(handler, {
    listen(port: number, host?: string | (() => void), callback?: () => void): Server {
      const server = http.createServer(handler);
      if (typeof host === 'function') return server.listen(port, host);
      return host === undefined ? server.listen(port, callback) : server.listen(port, host, callback);
    },
  });
}

/** The headers a middleware that only sets headers (helmet) would set; they are the same for every answer. */
function headersOf(middleware: express.RequestHandler): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => (headers[name] = String(value)),
    removeHeader: (name: string) => delete headers[name],
  };
  middleware({} as express.Request, res as unknown as express.Response, () => {});
  return headers;
}

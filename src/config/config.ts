// The one place that reads process.env. Everything else receives a validated Config.
import path from 'node:path';
import { validate as validCron } from 'node-cron';
import { z } from 'zod';
import { isEmailAddress } from '../shared/email-address.ts';

const MB = 1024 * 1024;

export type DatabaseConfig =
  | { client: 'sqlite'; filename: string }
  | { client: 'mysql'; url: string; host: string; port: number; user: string; password: string; database: string };

export interface MailConfig {
  /** smtp://user:pass@host:587 (STARTTLS where offered) or smtps://…:465; absent: messages become .eml files. */
  smtpUrl: string | undefined;
  /** The From header of every report, e.g. `entitle <noreply@example.com>`. */
  from: string;
  /** Where .eml files go when there is no SMTP server. */
  outboxDir: string;
}

/** When the outbox is delivered: each instance's loop, and the backoff of a message that failed. */
export interface OutboxTiming {
  /** How often each instance looks for messages due (OUTBOX_INTERVAL_S). */
  deliveryIntervalMs: number;
  /** The wait after a message's first failed attempt, doubled after each further one up to an hour (OUTBOX_RETRY_S). */
  firstRetryMs: number;
  /** How long a claimed message is left to the instance that claimed it (OUTBOX_LEASE_S). */
  leaseMs: number;
}

export interface ReportsConfig {
  /** Run the report jobs on their schedules in this process (every instance may; the database elects one per run). */
  schedulerEnabled: boolean;
  /**
   * The report kinds' schedules that are set, by kind name: REPORT_YEARLY_CRON as `yearly`, REPORT_AT_RISK_CRON as
   * `at-risk`; node-cron expressions in Asia/Shanghai. A kind not named here runs on its own default schedule
   * (src/report/report-kinds.ts reportSchedules): this module reads the environment and knows no report kind.
   */
  schedules: Readonly<Record<string, string>>;
  /** Service managers' addresses: the monthly compliance report and the at-risk alerts go to them. */
  managers: string[];
  /** The expert-advice rules (json-rules-engine) of the yearly report. */
  adviceRules: string;
  /** Working days (标准工作日) a 尊享 yearly report waits for an expert's review before it goes out as 系统建议. */
  reviewDays: number;
}

/**
 * Group robots the at-risk alerts and breaches also go to (企业微信 and 钉钉), through the outbox like e-mail. A
 * webhook URL carries the robot's key: it is a secret, never logged or shown.
 */
export interface AlertsConfig {
  /** 企业微信 (WeCom) group robot: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… */
  wecom: { webhook: string } | null;
  /** 钉钉 (DingTalk) group robot: https://oapi.dingtalk.com/robot/send?access_token=…, and its 加签 secret (SEC…) if set. */
  dingtalk: { webhook: string; secret: string | null } | null;
  /** Where people open the server (https://entitle.example.com): the links in alerts. Null: alerts carry no link. */
  publicBaseUrl: string | null;
}

export interface HolidaysConfig {
  /** From this day of each year (month, day) next year's holidays must be known, or admins and managers are told. */
  leadDate: { month: number; day: number };
  /** Policy owners' addresses: the daily reminder goes to them while a year lacks holiday data. */
  owners: string[];
  /** When the reminder job looks (node-cron, Asia/Shanghai); it sends at most one e-mail a day. */
  reminderSchedule: string;
}

/** The seller a quote names (卖方/乙方): the quote document's seller block, stored with each quote it is on. */
export interface SellerConfig {
  company: string;
  address: string;
  /** 统一社会信用代码 (the tax number). */
  creditCode: string;
  bank: string;
  account: string;
  /** The sales contact printed when the quote's author has no name and e-mail of their own in their account. */
  contact: { name: string; phone: string; email: string };
}

/** Optional OIDC single sign-on (src/accounts/oidc-sign-in.ts); null when OIDC_ISSUER_URL is not set. */
export interface OidcConfig {
  /** The provider's issuer (https://sso.example.com/realms/main); its discovery document is read once and kept. */
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends people back; null: PUBLIC_BASE_URL + /sign-in/oidc/callback, else the request's own host. */
  redirectUrl: string | null;
  /** The ID token (or userinfo) claim holding the person's roles or groups: a string or a list of strings. */
  roleClaim: string;
  /** The claim's values mapped to our roles; empty: values that are our role names stand for themselves. */
  roleMap: Readonly<Record<string, string>>;
  /** The button's words on the sign-in page; null: 使用单点登录 / Sign in with single sign-on. */
  label: string | null;
}

export interface Config {
  env: 'development' | 'test' | 'production';
  database: DatabaseConfig;
  /** Directory for embedded data (SQLite file, generated secrets, outbox). */
  varDir: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  upload: { maxFileBytes: number; maxUncompressedBytes: number };
  /** Uploaded files are read in worker threads: how many at once, how many may wait, each thread's heap and time. */
  parse: { workers: number; queue: number; heapMb: number; timeoutMs: number };
  /** Most rows one contract import may hold; a larger file is refused before anything is stored. */
  contractImport: { maxRows: number };
  /** Imported and activated on first start of an empty database. */
  sampleWorkbook: string;
  /** The first admin's password on an empty database; generated and logged once when absent. */
  adminPassword: string | undefined;
  /** Signs cookies. Embedded mode generates one under varDir when absent; MySQL deployments must set it. */
  sessionSecret: string | undefined;
  /** Express `trust proxy`: set it behind a TLS-terminating proxy so cookies are marked Secure. */
  trustProxy: boolean | number | string;
  /** Headless Chromium for quote PDFs; when the file is missing, the PDF link says so instead. */
  chromiumPath: string;
  seller: SellerConfig;
  mail: MailConfig;
  outbox: OutboxTiming;
  reports: ReportsConfig;
  alerts: AlertsConfig;
  holidays: HolidaysConfig;
  oidc: OidcConfig | null;
  /** GET /metrics: the bearer token it asks for (METRICS_TOKEN); null: it answers clients on this machine only. */
  metrics: { token: string | null };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const positiveInt = z.coerce.number().int().positive();
const cron = z.string().trim().refine((v) => validCron(v), 'expected a cron expression, e.g. 0 7 * * * (minute hour day month weekday, Asia/Shanghai)');
const SECRET_VARIABLES = new Set(['ADMIN_PASSWORD', 'SESSION_SECRET', 'ALERT_WECOM_WEBHOOK', 'ALERT_DINGTALK_WEBHOOK', 'ALERT_DINGTALK_SECRET', 'OIDC_CLIENT_SECRET', 'METRICS_TOKEN']);
const httpsUrl = (example: string) => z.string().trim().refine((v) => /^https?:\/\/[^/?#\s]+/i.test(v) && URL.canParse(v), `expected a URL such as ${example}`);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().trim().min(1).optional(),
  VAR_DIR: z.string().trim().min(1).default('var'),
  PORT: positiveInt.max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(10),
  MAX_UNCOMPRESSED_MB: z.coerce.number().positive().max(4096).default(30),
  PARSE_WORKERS: positiveInt.max(32).default(2),
  PARSE_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  // Below 64 MB a thread cannot even load the workbook library.
  PARSE_HEAP_MB: z.coerce.number().int().min(64).max(16_384).default(384),
  PARSE_TIMEOUT_S: z.coerce.number().positive().max(3600).default(30),
  MAX_IMPORT_ROWS: positiveInt.max(1_000_000).default(50_000),
  SAMPLE_WORKBOOK: z.string().trim().min(1).default('imports/sample-policy.xlsx'),
  ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  CHROMIUM_PATH: z.string().trim().min(1).default('/usr/bin/chromium'),
  // The seller block of quotes. The defaults are plainly a sample, so that `npm start` shows a complete document.
  SELLER_COMPANY: z.string().trim().max(100).default('示例软件服务有限公司'),
  SELLER_ADDRESS: z.string().trim().max(200).default('深圳市南山区科技园示例路 1 号'),
  SELLER_CREDIT_CODE: z
    .string()
    .trim()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'expected an 18-character 统一社会信用代码, e.g. 91440300MA5G00000X')
    .default('91440300MA5G00000X'),
  SELLER_BANK: z.string().trim().max(100).default('示例银行深圳科技园支行'),
  SELLER_ACCOUNT: z.string().trim().max(40).default('7559 0000 0000 0000'),
  SELLER_CONTACT_NAME: z.string().trim().max(60).default('销售部'),
  SELLER_CONTACT_PHONE: z.string().trim().max(40).default('0755-0000 0000'),
  SELLER_CONTACT_EMAIL: z
    .string()
    .trim()
    .refine((v) => isEmailAddress(v), 'expected one plain address such as sales@example.com')
    .default('sales@example.com'),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\/[^/?#]+/i.test(v), 'expected smtp://user:pass@host:587 or smtps://user:pass@host:465')
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/, 'expected an address, e.g. entitle <noreply@example.com>')
    .default('entitle <noreply@localhost>'),
  OUTBOX_DIR: z.string().trim().min(1).optional(),
  OUTBOX_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(30),
  OUTBOX_RETRY_S: z.coerce.number().int().min(1).max(3600).default(60),
  // At least a send's bound (SEND_TIMEOUT_MS, 60 s) and the time a sent message's record is retried for (30 s less than the lease).
  OUTBOX_LEASE_S: z.coerce.number().int().min(120).max(3600).default(600),
  REPORT_SCHEDULER: z.enum(['on', 'off']).default('on'),
  REPORT_MANAGERS: z
    .string()
    .trim()
    .transform((v) => v.split(/[,;\s]+/).filter(Boolean))
    // The rule contacts follow (src/shared/email-address.ts): each one plain address, no display name.
    .refine((list) => list.every((a) => isEmailAddress(a)), 'expected e-mail addresses such as manager@example.com, separated by commas')
    .optional(),
  ADVICE_RULES: z.string().trim().min(1).default('rules/expert-advice.rules.json'),
  REPORT_REVIEW_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  HOLIDAY_LEAD_DATE: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const m = /^(\d{1,2})-(\d{1,2})$/.exec(v);
      const [month, day] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
      // A day every year has (not 02-29): the warning must start on the same day each year.
      const d = new Date(Date.UTC(2027, month - 1, day));
      if (m && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) return { month, day };
      ctx.addIssue({ code: 'custom', message: 'expected a day of the year as MM-DD, e.g. 11-01 (not 02-29)' });
      return z.NEVER;
    })
    .default({ month: 11, day: 1 }),
  HOLIDAY_OWNERS: z
    .string()
    .trim()
    .transform((v) => v.split(/[,;\s]+/).filter(Boolean))
    .refine((list) => list.every((a) => isEmailAddress(a)), 'expected e-mail addresses such as owner@example.com, separated by commas')
    .optional(),
  HOLIDAY_REMINDER_CRON: cron.default('0 9 * * *'),
  ALERT_WECOM_WEBHOOK: httpsUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…').optional(),
  ALERT_DINGTALK_WEBHOOK: httpsUrl('https://oapi.dingtalk.com/robot/send?access_token=…').optional(),
  ALERT_DINGTALK_SECRET: z.string().trim().min(1).max(200).optional(),
  PUBLIC_BASE_URL: httpsUrl('https://entitle.example.com')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  // http:// issuers are for a provider on this machine (tests, trials); anywhere else the ID token would travel in clear.
  OIDC_ISSUER_URL: httpsUrl('https://sso.example.com/realms/main')
    .refine((v) => /^https:/i.test(v) || ['localhost', '127.0.0.1', '[::1]'].includes(new URL(v).hostname), 'expected https:// (http:// only on localhost)')
    .optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  OIDC_REDIRECT_URL: httpsUrl('https://entitle.example.com/sign-in/oidc/callback').optional(),
  OIDC_ROLE_CLAIM: z.string().trim().min(1).max(100).default('roles'),
  OIDC_ROLE_MAP: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const map: Record<string, string> = {};
      // Pairs split at commas, or at semicolons when there are any: a group named by an LDAP DN holds commas.
      for (const pair of v.split(v.includes(';') ? ';' : ',').map((p) => p.trim()).filter(Boolean)) {
        const m = /^(.+?)\s*=\s*(\w+)$/.exec(pair);
        // Whether the role is one of ours is checked where roles are known (src/accounts/oidc-roles.ts), at start too.
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `"${pair}": expected claim-value=role, e.g. entitle-sales=sales` });
          return z.NEVER;
        }
        map[m[1]!] = m[2]!;
      }
      return map;
    })
    .optional(),
  OIDC_LABEL: z.string().trim().min(1).max(60).optional(),
  // A scraper's secret: long enough that guessing it over HTTP is hopeless.
  METRICS_TOKEN: z.string().trim().min(16, 'at least 16 characters').max(500).regex(/^\S+$/, 'no spaces').optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v)),
});

/** Every setting's name (the REPORT_<KIND>_CRON schedules aside): deploy/env.example and the README document each. */
export const SETTING_NAMES: readonly string[] = Object.keys(envSchema.shape);

/** REPORT_<KIND>_CRON: a report kind's schedule, its name in capitals with `_` for `-` (REPORT_AT_RISK_CRON). */
const REPORT_SCHEDULE_VARIABLE = /^REPORT_([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_CRON$/;

/** The REPORT_<KIND>_CRON variables set, each checked as a cron expression, by kind name; problems said as for the others. */
function reportSchedules(given: Record<string, string | undefined>): { schedules: Record<string, string>; problems: string[] } {
  const schedules: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    const kind = REPORT_SCHEDULE_VARIABLE.exec(name)?.[1];
    if (!kind || value === undefined) continue;
    const result = cron.safeParse(value);
    if (result.success) schedules[kind.toLowerCase().replace(/_/g, '-')] = result.data;
    else problems.push(...result.error.issues.map((i) => `环境变量 ${name} 的值 "${redact(value)}" 无效 / invalid ${name}: ${i.message}`));
  }
  return { schedules, problems };
}

/** Parses `sqlite:relative/or/absolute.db`, `sqlite::memory:` or `mysql://user:pass@host:port/db`. */
export function parseDatabaseUrl(url: string, baseDir: string = process.cwd()): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new ConfigError([`DATABASE_URL "${url}": give a file after "sqlite:", e.g. sqlite:var/entitle.db`]);
    return { client: 'sqlite', filename: file === ':memory:' ? file : path.resolve(baseDir, file) };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError([`DATABASE_URL is not a valid URL: expected mysql://user:pass@host:port/database`]);
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!database) throw new ConfigError([`DATABASE_URL names no database: expected mysql://user:pass@host:port/database`]);
    return {
      client: 'mysql',
      url,
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username || 'root'),
      password: decodeURIComponent(parsed.password),
      database,
    };
  }
  throw new ConfigError([`DATABASE_URL "${redact(url)}" is neither sqlite:FILE nor mysql://user:pass@host:port/database`]);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, baseDir: string = process.cwd()): Config {
  // `FOO=` in a service file means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(given);
  const report = reportSchedules(given);
  if (!result.success || report.problems.length > 0) {
    throw new ConfigError([
      ...(result.error?.issues ?? []).map((i) => {
        const name = i.path.join('.');
        const shown = SECRET_VARIABLES.has(name) ? '***' : redact(String(given[name] ?? ''));
        return `环境变量 ${name} 的值 "${shown}" 无效 / invalid ${name}: ${i.message}`;
      }),
      ...report.problems,
    ]);
  }
  const e = result.data;
  if (e.OIDC_ISSUER_URL && (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET)) {
    throw new ConfigError(['环境变量 OIDC_ISSUER_URL 已设置,还需要 OIDC_CLIENT_ID 和 OIDC_CLIENT_SECRET / OIDC_ISSUER_URL is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too']);
  }
  return {
    env: e.NODE_ENV,
    database: parseDatabaseUrl(e.DATABASE_URL ?? `sqlite:${path.join(e.VAR_DIR, 'entitle.db')}`, baseDir),
    varDir: path.resolve(baseDir, e.VAR_DIR),
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    upload: { maxFileBytes: Math.round(e.MAX_UPLOAD_MB * MB), maxUncompressedBytes: Math.round(e.MAX_UNCOMPRESSED_MB * MB) },
    parse: { workers: e.PARSE_WORKERS, queue: e.PARSE_QUEUE, heapMb: e.PARSE_HEAP_MB, timeoutMs: Math.round(e.PARSE_TIMEOUT_S * 1000) },
    contractImport: { maxRows: e.MAX_IMPORT_ROWS },
    sampleWorkbook: path.resolve(baseDir, e.SAMPLE_WORKBOOK),
    adminPassword: e.ADMIN_PASSWORD,
    sessionSecret: e.SESSION_SECRET,
    trustProxy: e.TRUST_PROXY,
    chromiumPath: e.CHROMIUM_PATH,
    seller: {
      company: e.SELLER_COMPANY,
      address: e.SELLER_ADDRESS,
      creditCode: e.SELLER_CREDIT_CODE,
      bank: e.SELLER_BANK,
      account: e.SELLER_ACCOUNT,
      contact: { name: e.SELLER_CONTACT_NAME, phone: e.SELLER_CONTACT_PHONE, email: e.SELLER_CONTACT_EMAIL },
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      outboxDir: path.resolve(baseDir, e.OUTBOX_DIR ?? path.join(e.VAR_DIR, 'outbox')),
    },
    reports: {
      schedulerEnabled: e.REPORT_SCHEDULER === 'on',
      schedules: report.schedules,
      managers: e.REPORT_MANAGERS ?? [],
      adviceRules: path.resolve(baseDir, e.ADVICE_RULES),
      reviewDays: e.REPORT_REVIEW_DAYS,
    },
    alerts: {
      wecom: e.ALERT_WECOM_WEBHOOK ? { webhook: e.ALERT_WECOM_WEBHOOK } : null,
      dingtalk: e.ALERT_DINGTALK_WEBHOOK ? { webhook: e.ALERT_DINGTALK_WEBHOOK, secret: e.ALERT_DINGTALK_SECRET ?? null } : null,
      publicBaseUrl: e.PUBLIC_BASE_URL ?? null,
    },
    holidays: { leadDate: e.HOLIDAY_LEAD_DATE, owners: e.HOLIDAY_OWNERS ?? [], reminderSchedule: e.HOLIDAY_REMINDER_CRON },
    oidc: e.OIDC_ISSUER_URL
      ? {
          issuerUrl: e.OIDC_ISSUER_URL,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET!,
          redirectUrl: e.OIDC_REDIRECT_URL ?? (e.PUBLIC_BASE_URL ? `${e.PUBLIC_BASE_URL}/sign-in/oidc/callback` : null),
          roleClaim: e.OIDC_ROLE_CLAIM,
          roleMap: e.OIDC_ROLE_MAP ?? {},
          label: e.OIDC_LABEL ?? null,
        }
      : null,
    metrics: { token: e.METRICS_TOKEN ?? null },
    outbox: { deliveryIntervalMs: e.OUTBOX_INTERVAL_S * 1000, firstRetryMs: e.OUTBOX_RETRY_S * 1000, leaseMs: e.OUTBOX_LEASE_S * 1000 },
  };
}

/** Test settings live here too so that only this module reads the environment. */
export function testMysqlUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.TEST_MYSQL_URL?.trim();
  return url ? url : undefined;
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

// Every refusal a DomainError may carry has one HTTP status, read from one table: a new DomainError subclass is
// listed in src/http/refusal-status.ts (then tsc makes the table name each of its codes), and toHttpError sends
// each code with its status, its Retry-After and, for the one historical alias, the code clients have always seen.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../src/http/http-error.ts';
import { REFUSAL_STATUS, SENT_AS } from '../../src/http/refusal-status.ts';
import { DomainError } from '../../src/shared/domain-error.ts';
import { PolicyChangedError } from '../../src/policy/moving-in.ts';
import { IdempotencyError } from '../../src/idempotency/idempotency-service.ts';
import { AccountError } from '../../src/accounts/account-error.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('the refusal status table', () => {
  it('lists every DomainError subclass in src, so that tsc checks each of its codes has a status', () => {
    const subclasses = sourceFiles(SRC).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends DomainError\b/g)].map((m) => m[1]!));
    expect(subclasses.length).toBeGreaterThan(10);
    const table = readFileSync(path.join(SRC, 'http/refusal-status.ts'), 'utf8');
    const listed = new Set([...table.slice(table.indexOf('type Refusal =')).matchAll(/\| (\w+)/g)].map((m) => m[1]!));
    expect(subclasses.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('gives each code a client or server error status', () => {
    for (const status of Object.values(REFUSAL_STATUS)) expect([400, 403, 404, 409, 413, 422, 429, 503]).toContain(status);
  });

  it('sends each code with its status and the code clients see', () => {
    for (const [code, status] of Object.entries(REFUSAL_STATUS)) {
      const answer = toHttpError(new DomainError(code, '拒绝', 'refused', { field: 'x' }));
      expect(answer).toMatchObject({ status, code: SENT_AS[code as keyof typeof SENT_AS] ?? code, messageZh: '拒绝', message: 'refused', details: { field: 'x' }, retryAfterSeconds: null });
    }
    expect(toHttpError(new DomainError('QUOTE_NO_ACTIVE_POLICY', '当前没有生效的策略版本', 'No policy version is active'))).toMatchObject({ status: 422, code: 'NO_ACTIVE_POLICY' });
    expect(toHttpError(new DomainError('NO_ACTIVE_POLICY', '没有已生效的策略版本', 'No policy version is active'))).toMatchObject({ status: 409, code: 'NO_ACTIVE_POLICY' });
  });

  it('carries the seconds after which a retry may succeed', () => {
    expect(toHttpError(new PolicyChangedError(2, 3))).toMatchObject({ status: 409, code: 'POLICY_CHANGED', retryAfterSeconds: 1 });
    expect(toHttpError(new IdempotencyError('IDEMPOTENCY_KEY_REUSED', '已用', 'used'))).toMatchObject({ status: 409, retryAfterSeconds: null });
    expect(toHttpError(new DomainError('PARSE_BUSY', '忙', 'busy', {}, { retryAfterSeconds: 5 }))).toMatchObject({ status: 503, retryAfterSeconds: 5 });
  });

  it("sends an account refusal's field as its details", () => {
    expect(toHttpError(new AccountError('USER_EXISTS', '已存在', 'exists', 'username'))).toMatchObject({ status: 409, details: { field: 'username' } });
    expect(toHttpError(new AccountError('SIGN_IN_THROTTLED', '稍后', 'later'))).toMatchObject({ status: 429, details: null, retryAfterSeconds: null });
  });

  it('means one status for one code, in the HTTP layer as in the table, but for two the API has always had', () => {
    const statuses = new Map<string, Set<number>>();
    const see = (code: string, status: number) => statuses.set(code, (statuses.get(code) ?? new Set()).add(status));
    for (const [code, status] of Object.entries(REFUSAL_STATUS)) see(SENT_AS[code as keyof typeof SENT_AS] ?? code, status);
    for (const file of sourceFiles(path.join(SRC, 'http'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new HttpError\(\s*(\d{3}),\s*'([A-Z_]+)'/g)) see(m[2]!, Number(m[1]));
    }
    const twoStatuses = [...statuses].filter(([, s]) => s.size > 1).map(([code, s]) => `${code} ${[...s].sort().join('/')}`);
    // BAD_UPLOAD: 400 for malformed multipart, 422 for an upload multer refused. NO_ACTIVE_POLICY: 409 for a holiday
    // draft without a base, 422 for a quote, 503 from the entitlement check before any version is active.
    expect(twoStatuses.sort()).toEqual(['BAD_UPLOAD 400/422', 'NO_ACTIVE_POLICY 409/422/503']);
  });

  it('answers nothing for a code no subclass declares (the error handler makes it a 500) or for a plain Error', () => {
    expect(toHttpError(new DomainError('NO_SUCH_CODE', '无', 'none'))).toBeNull();
    expect(toHttpError(new DomainError('constructor', '无', 'none'))).toBeNull();
    expect(toHttpError(new Error('boom'))).toBeNull();
  });
});

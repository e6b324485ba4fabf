// The HTTP application. Built from its dependencies, it has no side effects until someone listens.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger.ts';
import { PolicyError, type PolicyService } from '../policy/policy-service.ts';
import { stableStringify } from '../policy/stable-json.ts';

export interface AppDeps {
  policies: PolicyService;
  checkDatabase: () => Promise<void>;
  logger: Logger;
}

/** The one JSON error shape of the API; messages carry Chinese and English. */
export function apiError(res: Response, status: number, code: string, message: string, details: unknown = null): void {
  res.status(status).json({ error: { code, message, details } });
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await deps.checkDatabase();
    } catch {
      return apiError(res, 503, 'DATABASE_UNREACHABLE', '数据库不可用 / the database is unreachable');
    }
    const active = await deps.policies.activeAt(new Date());
    if (!active) return apiError(res, 503, 'NO_ACTIVE_POLICY', '没有已生效的策略版本 / no policy version is active');
    res.json({ status: 'ready', policyVersion: active.version });
  });

  app.get('/api/policies', async (_req, res) => {
    res.json({ versions: await deps.policies.listVersions() });
  });

  app.get('/api/policies/:version/rules', async (req, res) => {
    const version = Number(req.params.version);
    if (!Number.isInteger(version) || version < 1) {
      return apiError(res, 400, 'BAD_VERSION', '版本号应为正整数 / version must be a positive integer', { field: 'version' });
    }
    res.type('application/json').send(stableStringify(await deps.policies.getRules(version)));
  });

  app.use((_req, res) => apiError(res, 404, 'NOT_FOUND', '找不到该地址 / not found'));

  // Express 5 forwards rejected promises here; nothing below leaks a stack trace to the client.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof PolicyError) {
      return apiError(res, err.code === 'VERSION_NOT_FOUND' ? 404 : 422, err.code, `${err.messageZh} / ${err.message}`);
    }
    deps.logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    apiError(res, 500, 'INTERNAL', '服务器内部错误 / internal server error');
  });

  return app;
}

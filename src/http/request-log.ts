// One structured log line per request, with its request id; handlers log through `req.log`, which carries
// the same id. Hand-written rather than pino-http: the check API is called at high rates, and a child
// logger per request is only made when a handler actually logs.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    res.setHeader('X-Request-Id', id);
    const started = performance.now();
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (child ??= logger.child({ reqId: id })), configurable: true });
    res.on('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      // Upload forms carry their CSRF token in the query string; keep it out of the logs.
      const url = req.originalUrl.replace(/_csrf=[^&]*/g, '_csrf=***');
      logger[level]({ reqId: id, method: req.method, url, status, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
    });
    next();
  };
}

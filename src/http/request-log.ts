// One structured log line per request, with its request id; handlers log through `req.log`, which carries
// the same id. Hand-written rather than pino-http: the check API is called at high rates, and a child
// logger per request is only made when a handler actually logs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

/** Told of each answered request (for /metrics): the route is Express's pattern, never the raw URL. */
export type RequestObserver = (request: { method: string; route: string; status: number; seconds: number }) => void;

/**
 * The route a request was answered by: Express's pattern (`/api/requests/:id`), `/static` for the static files,
 * `unmatched` for what no route took (a 404, or a refusal before routing). A raw URL would make a series per id.
 */
export function routeOf(req: IncomingMessage): string {
  const matched = req as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  if (typeof matched.route?.path === 'string') return (matched.baseUrl ?? '') + matched.route.path;
  return req.url?.startsWith('/static/') ? '/static' : 'unmatched';
}

// A request the check's fast lane started to log and then handed to Express is logged once, not twice.
const logged = new WeakSet<IncomingMessage>();

/** Starts the log of one request on plain Node objects, so the check's fast lane logs like everything else. */
export function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, observe?: { observer?: RequestObserver; route?: string }): void {
  if (logged.has(req)) return;
  logged.add(req);
  const header = req.headers['x-request-id'];
  const id = (typeof header === 'string' && header.slice(0, 64)) || randomUUID();
  res.setHeader('X-Request-Id', id);
  const started = performance.now();
  const url = req.url ?? '';
  let child: Logger | undefined;
  Object.defineProperty(req, 'log', { get: () => (child ??= logger.child({ reqId: id })), configurable: true });
  // Upload forms carry their CSRF token in the query string; keep it out of the logs.
  const shown = () => (url.includes('_csrf=') ? url.replace(/_csrf=[^&]*/g, '_csrf=***') : url);
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  res.on('finish', () => {
    const status = res.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    const took = ms();
    logger[level]({ reqId: id, method: req.method, url: shown(), status, ms: took }, 'request');
    observe?.observer?.({ method: req.method ?? '', route: observe.route ?? routeOf(req), status, seconds: took / 1000 });
  });
  // A client that goes away before the answer is complete leaves a line too.
  res.on('close', () => {
    if (!res.writableFinished) logger.warn({ reqId: id, method: req.method, url: shown(), ms: ms() }, 'request aborted by the client');
  });
}

export function requestLog(logger: Logger, observer?: RequestObserver): RequestHandler {
  return (req, res, next) => {
    // Mounted first, so req.url is still the original URL.
    logRequest(logger, req, res, { observer });
    next();
  };
}

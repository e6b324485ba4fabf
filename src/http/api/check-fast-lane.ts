// POST /api/entitlements/check with a bearer token, answered before Express sees the request.
// The check is the one high-rate call (every intake, every integration). Through the general stack it
// spent more time in layers it does not need (prototype swaps, cookies, forms, language, page routing)
// than in the decision. The fast lane does what the route does — token, permission, body limit, schema,
// decision, security headers, request log, the API's error shape — and nothing else. Whatever it does
// not take (a session cookie, a refused token, another content type, a chunked body) goes to the
// ordinary route, untouched, which answers it as before.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountService } from '../../accounts/account-service.ts';
import { can } from '../../accounts/roles.ts';
import type { Logger } from '../../logger.ts';
import { answerFor } from '../error-handler.ts';
import { HttpError } from '../http-error.ts';
import { validationFailed } from '../mount-routes.ts';
import { logRequest, type RequestObserver } from '../request-log.ts';
import { CHECK_PATH, CheckBody, type CheckRequest } from './entitlement-api.ts';

const BEARER = /^Bearer\s+(\S+)$/i;
const JSON_TYPE = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

export interface FastLaneDeps {
  accounts: AccountService;
  answer: (body: CheckRequest) => Promise<unknown>;
  logger: Logger;
  /** The headers every answer carries (helmet's), captured once: they do not vary per request. */
  securityHeaders: Record<string, string>;
  maxBodyBytes: number;
  /** Told of each answered request, under the route's pattern (/metrics). */
  observer?: RequestObserver;
}

/** Returns a handler that answers and returns true, or returns false and leaves the request alone. */
export function checkFastLane(deps: FastLaneDeps): (req: IncomingMessage, res: ServerResponse, fallback: () => void) => boolean {
  return (req, res, fallback) => {
    if (req.method !== 'POST' || req.url !== CHECK_PATH) return false;
    const match = BEARER.exec(req.headers.authorization ?? '');
    const type = req.headers['content-type'];
    const length = Number(req.headers['content-length'] ?? NaN);
    // An empty body is the ordinary route's business too (Express reads it as {}).
    if (!match || !type || !JSON_TYPE.test(type) || req.headers['content-encoding'] || !(length > 0 && length <= deps.maxBodyBytes)) return false;

    logRequest(deps.logger, req, res, { observer: deps.observer, route: CHECK_PATH });
    const log = () => (req as IncomingMessage & { log: Logger }).log;
    const fail = (err: unknown) => {
      const answer = answerFor(err, log());
      const headers = answer.retryAfterSeconds === null ? deps.securityHeaders : { ...deps.securityHeaders, 'Retry-After': String(answer.retryAfterSeconds) };
      send(res, answer.status, answer.toJSON(), headers);
    };
    deps.accounts.verifyToken(match[1]!).then((token) => {
      // Refusals are the ordinary route's business; it has not lost a byte of the body.
      if (!token || !can(token.role, 'entitlement.check')) return fallback();
      readBody(req, length, (err, text) => {
        if (err) return fail(err);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text!);
        } catch {
          parsed = undefined;
        }
        // As Express's strict JSON parser: only an object or an array is a JSON body.
        if (typeof parsed !== 'object' || parsed === null) return fail(new HttpError(400, 'INVALID_JSON', '请求内容不是有效的 JSON', 'The request body is not valid JSON'));
        const body = CheckBody.safeParse(parsed);
        if (!body.success) return fail(validationFailed(body.error, 'body', parsed));
        // A refusal may be thrown before any promise exists; it is answered like a rejection.
        let decision: Promise<unknown>;
        try {
          decision = deps.answer(body.data);
        } catch (refusal) {
          return fail(refusal);
        }
        decision.then((value) => send(res, 200, value, deps.securityHeaders), fail);
      });
    }, fail);
    return true;
  };
}

function send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string>): void {
  const json = JSON.stringify(value);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** Reads exactly the declared length (Node's parser holds the client to it). */
function readBody(req: IncomingMessage, length: number, done: (err: HttpError | null, text?: string) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    chunks.push(chunk);
  });
  req.once('end', () => {
    if (received !== length) return done(new HttpError(400, 'BAD_REQUEST', '请求内容长度与声明不符', 'The request body does not match its Content-Length'));
    done(null, (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8'));
  });
  // An aborted upload has no one left to answer; the request log records that the client went away.
  req.once('error', () => {});
}

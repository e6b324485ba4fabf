// GET /metrics: Prometheus's scrape, outside the app's sign-in. Who may read it: with METRICS_TOKEN set, whoever sends
// `Authorization: Bearer <METRICS_TOKEN>`; without, only a client on this machine, talking to the server directly.
//
// "Directly" matters: behind a reverse proxy on the same machine every request arrives from loopback, so a request
// that carries a proxy's forwarding header (X-Forwarded-For, Forwarded, X-Real-IP) is not taken as local, whatever
// TRUST_PROXY says. The socket's address is read, never req.ip, which X-Forwarded-For sets when the proxy is trusted.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Metrics } from '../metrics/metrics.ts';
import { HttpError } from './http-error.ts';

export const METRICS_PATH = '/metrics';

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;
const BEARER = /^Bearer\s+(\S+)$/i;

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses (::ffff:127.0.0.1), as Node reports them. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** A client on this machine that no proxy forwarded. */
export function isLocalClient(req: Pick<IncomingMessage, 'socket' | 'headers'>): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && FORWARDING_HEADERS.every((name) => req.headers[name] === undefined);
}

/** Compares digests, so the comparison takes as long whatever the length or the first wrong character. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A scraper is no browser: a refusal is the API's error shape whatever it accepts. */
function refuse(res: Response, error: HttpError): void {
  res.status(error.status).json(error.toJSON());
}

export function metricsEndpoint(metrics: Metrics, token: string | null): RequestHandler {
  return async (req, res) => {
    if (token !== null) {
      const given = BEARER.exec(req.get('authorization') ?? '')?.[1];
      if (!given || !sameSecret(given, token)) {
        res.set('WWW-Authenticate', 'Bearer realm="metrics"');
        return refuse(res, new HttpError(401, 'METRICS_TOKEN_REQUIRED', '读取监控指标需要 METRICS_TOKEN 令牌', 'Reading the metrics takes the METRICS_TOKEN bearer token'));
      }
    } else if (!isLocalClient(req)) {
      return refuse(res, new HttpError(403, 'METRICS_LOCAL_ONLY', '未设置 METRICS_TOKEN 时,只有本机直接访问才能读取监控指标', 'Without METRICS_TOKEN, only a client on this machine, not through a proxy, may read the metrics'));
    }
    const { contentType, body } = await metrics.scrape();
    res.set('Content-Type', contentType).set('Cache-Control', 'no-store').send(body);
  };
}

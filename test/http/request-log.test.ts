import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestLog } from '../../src/http/request-log.ts';

describe('request log', () => {
  it('writes one line per request with its id, status and a redacted CSRF token', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const app = express();
    app.use(requestLog(logger));
    app.post('/policies', (req, res) => {
      req.log.info('inside the handler');
      res.status(422).send('no');
    });
    const res = await request(app).post('/policies?_csrf=secret-token&x=1').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'abc-123', msg: 'inside the handler' }),
      expect.objectContaining({ reqId: 'abc-123', method: 'POST', url: '/policies?_csrf=***&x=1', status: 422, level: 40, msg: 'request' }),
    ]);
    const generated = await request(app).post('/policies');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

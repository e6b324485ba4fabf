// /api/openapi.json, generated from the route table and the same zod schemas that validate requests.
import { z } from 'zod';
import type { RouteSpec } from './route-table.ts';

const ErrorShape = z.object({
  error: z.object({ code: z.string(), message: z.string().describe('Chinese / English'), details: z.unknown() }),
});

function schema(s: z.ZodType, io: 'input' | 'output' = 'input') {
  return z.toJSONSchema(s, { io, unrepresentable: 'any' });
}

export function openApiDocument(routes: RouteSpec[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes.filter((x) => x.kind === 'api')) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }));
    if (r.query) {
      const props = (schema(r.query) as { properties?: Record<string, unknown>; required?: string[] }).properties ?? {};
      for (const [name, s] of Object.entries(props)) parameters.push({ name, in: 'query', required: false, schema: s });
    }
    if (r.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
        description:
          'Yours alone, bound to this request: a retry gets the first response (status and body, header Idempotent-Replayed: true); the key with another request is 409 IDEMPOTENCY_KEY_REUSED. Compared exactly, case included.',
      });
    }
    const operation: Record<string, unknown> = {
      summary: r.summary,
      security: r.permission ? [{ bearer: [] }, { session: [] }] : [],
      'x-permission': r.permission,
      parameters,
      responses: {
        [String(r.successStatus ?? 200)]: { description: 'OK', ...(r.response ? { content: { 'application/json': { schema: schema(r.response, 'output') } } } : {}) },
        default: { description: 'Error', content: { 'application/json': { schema: schema(ErrorShape, 'output') } } },
      },
    };
    if (r.body) operation.requestBody = { required: !r.body.safeParse({}).success, content: { 'application/json': { schema: schema(r.body) } } };
    if (r.upload) {
      operation.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: [r.upload], properties: { [r.upload]: { type: 'string', format: 'binary' } } } } },
      };
      // Uploads are read in the parse pool (PARSE_*): its refusals have statuses of their own.
      const error = (description: string) => ({ description, content: { 'application/json': { schema: schema(ErrorShape, 'output') } } });
      Object.assign(operation.responses as object, {
        '413': error('BODY_TOO_LARGE (over MAX_UPLOAD_MB), PARSE_MEMORY_LIMIT (reading needs more than PARSE_HEAP_MB) or PARSE_TIME_LIMIT (more than PARSE_TIMEOUT_S); nothing stored'),
        '422': error('The file is refused: every problem in details.issues (sheet, cell, code), including the limits a sheet declares past; PARSE_FAILED with a reference; nothing stored'),
        '503': error('PARSE_BUSY: every parse thread busy and the queue full (PARSE_WORKERS, PARSE_QUEUE), or PARSE_STOPPED; retry after Retry-After seconds'),
      });
    }
    (paths[path] ??= {})[r.method] = operation;
  }
  const probe = (summary: string) => ({ get: { summary, security: [], responses: { '200': { description: 'OK' }, '503': { description: 'Not ready' } } } });
  paths['/healthz'] = probe('The process is up');
  paths['/readyz'] = probe('The database is reachable and a policy is active');
  return {
    openapi: '3.1.0',
    info: {
      title: 'entitle API',
      version,
      description: '金蝶云星空服务权益 API. Errors: {"error": {"code", "message", "details"}}. While the database is unavailable: 503 DATABASE_UNAVAILABLE with Retry-After.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API token from `entitle token create --role R`' },
        session: { type: 'apiKey', in: 'cookie', name: 'entitle_session', description: 'Browser session; send X-CSRF-Token on changes' },
      },
    },
    paths,
  };
}

// Every route declares who may use it. The table drives the routers, the OpenAPI document and the
// authorization-matrix test, so none of them can drift from the others.
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { Permission } from '../accounts/roles.ts';

export interface RouteSpec {
  method: 'get' | 'post' | 'put';
  path: string;
  /** null: public (sign-in page, health checks). */
  permission: Permission | null;
  kind: 'api' | 'page';
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Multipart upload with a file field of this name. */
  upload?: string;
  response?: z.ZodType;
  /** The status of a successful answer, when it is not 200. */
  successStatus?: number;
  /** Takes an Idempotency-Key header (src/http/idempotent-response.ts); documented in the OpenAPI. */
  idempotent?: boolean;
  handler: RequestHandler;
}

export function route(spec: RouteSpec): RouteSpec {
  return spec;
}

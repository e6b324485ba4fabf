// Turns the route table into Express routes: authorization, CSRF, upload limits and validation first.
import express, { type RequestHandler, type Router } from 'express';
import multer from 'multer';
import type { z } from 'zod';
import { attributed, authorize, requireCsrf } from './auth-middleware.ts';
import { HttpError } from './http-error.ts';
import type { RouteSpec } from './route-table.ts';
import { fieldDetails } from './validation-messages.ts';
import type { UploadLimits as PolicyUploadLimits } from './policy-handlers.ts';

type UploadLimits = Pick<PolicyUploadLimits, 'maxFileBytes'>;

function uploadMiddleware(field: string, limits: UploadLimits): RequestHandler {
  // Memory only: a refused upload leaves nothing on disk, and nothing uploaded is ever executed.
  const parse = multer({
    storage: multer.memoryStorage(),
    // Chinese file names arrive as UTF-8; multer's default would read them as Latin-1.
    defParamCharset: 'utf8',
    limits: { fileSize: limits.maxFileBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12, headerPairs: 100 },
  }).single(field);
  return (req, res, next) => {
    parse(req, res, (err: unknown) => {
      if (!err) {
        if (!req.file) return next(new HttpError(422, 'FILE_MISSING', `请选择要上传的文件(字段 ${field})`, `Choose a file to upload (field ${field})`, { field }));
        return next();
      }
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') {
          const mb = (limits.maxFileBytes / 1024 / 1024).toFixed(0);
          return next(new HttpError(413, 'FILE_TOO_LARGE', `文件超过 ${mb} MB 上限`, `The file is larger than the ${mb} MB limit`, { field }));
        }
        const where = err.field ?? field;
        return next(new HttpError(422, 'BAD_UPLOAD', `上传内容不符合要求(${err.code},字段 ${where})`, `The upload was refused (${err.code}, field ${where})`, { field: where, reason: err.code }));
      }
      // Anything else from the multipart parser is a malformed request, not a server fault.
      next(new HttpError(400, 'BAD_UPLOAD', '上传内容格式不正确', 'The upload is not well-formed multipart data', { reason: (err as Error).message }));
    });
  };
}

/** The 400 for a body or query the route's schema refuses, naming each field. */
export function validationFailed(error: z.ZodError, part: 'body' | 'query', input: unknown): HttpError {
  const details = fieldDetails(error, part, input);
  const fields = details.map((d) => d.field).join(', ');
  return new HttpError(400, 'VALIDATION_FAILED', `请求内容无效:${fields}`, `Invalid request: ${fields}`, details);
}

function validate(part: 'body' | 'query', schema: z.ZodType): RequestHandler {
  return (req, _res, next) => {
    const result = schema.safeParse(req[part] ?? {});
    if (!result.success) return next(validationFailed(result.error, part, req[part] ?? {}));
    if (part === 'body') req.body = result.data;
    else Object.defineProperty(req, 'query', { value: result.data, configurable: true });
    next();
  };
}

export function buildRouter(specs: RouteSpec[], limits: UploadLimits): Router {
  const router = express.Router();
  for (const spec of specs) {
    const chain: RequestHandler[] = [authorize(spec.permission, spec.kind)];
    if (spec.method !== 'get') chain.push(requireCsrf);
    if (spec.upload) chain.push(uploadMiddleware(spec.upload, limits));
    if (spec.query) chain.push(validate('query', spec.query));
    if (spec.body) chain.push(validate('body', spec.body));
    chain.push(attributed(spec.handler));
    router[spec.method](spec.path, ...chain);
  }
  return router;
}

// The HTTP edge of idempotency (src/idempotency): reads the Idempotency-Key header, fingerprints what the
// client sent, and answers with the first response for a retry, status and body included, marked with
// `Idempotent-Replayed: true`. Requests without the header simply run.
import type { Request, Response } from 'express';
import { fingerprintOf, type IdempotencyService, type StoredResponse } from '../idempotency/idempotency-service.ts';
import { principalOf } from './request-helpers.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * Runs `work` once per caller and key and sends its response. `sent` is the request as the client sent it
 * (after the schema, before any default): a field left out stays out of the fingerprint.
 */
export async function sendIdempotent(idempotency: IdempotencyService, req: Request, res: Response, endpoint: string, sent: unknown, work: () => Promise<StoredResponse>): Promise<void> {
  const key = req.get(IDEMPOTENCY_HEADER);
  if (key === undefined) {
    const response = await work();
    res.status(response.status).json(response.body);
    return;
  }
  const outcome = await idempotency.run({ owner: principalOf(req).name, key, endpoint, fingerprint: fingerprintOf(endpoint, sent) }, work);
  if (outcome.replayed) res.set('Idempotent-Replayed', 'true');
  res.status(outcome.status).json(outcome.body);
}

// What the idempotency service needs from storage; the knex implementation is in idempotency-repository.ts.

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** One key of one caller: claimed while its request runs, then holding the response it got. */
export interface IdempotencyRecord {
  /** The scoped key (see scopedKey): a hash of the caller and the key it sent. */
  keyHash: string;
  owner: string;
  /** "POST /api/usage": for people reading the table; the fingerprint covers it too. */
  endpoint: string;
  fingerprint: string;
  state: 'running' | 'done';
  /** The running claim's holder: a random token, replaced when a claim is taken over. */
  lockToken: string | null;
  /** When the claim was made or taken over. */
  lockedAt: string;
  response: StoredResponse | null;
  createdAt: string;
  completedAt: string | null;
}

export interface NewClaim {
  keyHash: string;
  owner: string;
  endpoint: string;
  fingerprint: string;
  lockToken: string;
  at: string;
}

export interface IdempotencyStore {
  /** Inserts a running record; false when the key is already recorded (the unique key decides, not a read). */
  claim(claim: NewClaim): Promise<boolean>;
  find(keyHash: string): Promise<IdempotencyRecord | null>;
  /** Takes over a running claim whose holder is presumed dead, only if `lockToken` still holds it. */
  takeOver(keyHash: string, lockToken: string, newToken: string, at: string): Promise<boolean>;
  /** Records the response of the claim `lockToken` holds; false when it no longer holds it. */
  complete(keyHash: string, lockToken: string, response: StoredResponse, at: string): Promise<boolean>;
  /** Forgets a running claim (its request changed nothing), so that the key can be used again. */
  release(keyHash: string, lockToken: string): Promise<void>;
  /** Forgets keys created before `before`, at most `limit` of them; returns how many. */
  purge(before: string, limit: number): Promise<number>;
}

// What the HTTP layer attaches to each request: who is asking and in which language.
import type { Role } from '../accounts/roles.ts';
import type { Lang } from './i18n.ts';
import type { Logger } from '../logger.ts';

export interface Principal {
  kind: 'user' | 'token';
  /** The person: the signed-in user, or a token's owner. Only a token without an owner is named `token:ID`. */
  name: string;
  role: Role;
  /** Tokens only: which token, and whether it has no owner (then it may not use PERSONAL_PERMISSIONS). */
  tokenId: number | null;
  ownerless: boolean;
  /** Sessions only: the first password is still unchanged; nothing but changing it is allowed. */
  mustChangePassword: boolean;
  /** Sessions only: the token every form must carry back, and the session itself. */
  csrfToken: string | null;
  sessionToken: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    lang?: Lang;
    /** The request's logger, carrying its request id. */
    log: Logger;
  }
}

export const SESSION_COOKIE = 'entitle_session';
export const ANON_CSRF_COOKIE = 'entitle_csrf';
export const LANG_COOKIE = 'entitle_lang';

// What the HTTP layer attaches to each request: who is asking and in which language.
import type { Role } from '../accounts/roles.ts';
import type { Lang } from './i18n.ts';
import type { Logger } from '../logger.ts';

export interface Principal {
  kind: 'user' | 'token';
  name: string;
  role: Role;
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

// Single sign-on through an OIDC provider (authorization code with PKCE, openid-client): the provider proves who
// the person is in a signed ID token (openid-client checks its signature, issuer, audience, expiry and our nonce);
// our role for them comes from one claim (oidc-roles.ts). They become a user on first sign-in, tied to the
// provider's subject; their role follows the claim at each sign-in; then the session starts as a password sign-in's
// does. Local accounts, the admin's above all, keep signing in with their password (break-glass).
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcConfig } from '../config/config.ts';
import type { AccountService } from './account-service.ts';
import type { AccountStore, UserRecord } from './account-store.ts';
import { checkRoleMap, mappedRole } from './oidc-roles.ts';
import type { PasswordHasher } from './password.ts';
import type { Role } from './roles.ts';
import type { SsoStore } from './sso-repository.ts';

/** What the browser carries between the start and the callback (in a signed, short-lived cookie). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  next: string;
}

/** Why a sign-in through the provider was refused; the sign-in page says each in words. */
export type OidcRefusal = 'unavailable' | 'expired' | 'denied' | 'bad_token' | 'no_role' | 'disabled' | 'name_taken' | 'last_admin';

export type OidcSignInResult =
  | { ok: true; user: UserRecord; sessionToken: string; csrfToken: string; next: string }
  | { ok: false; reason: OidcRefusal; cause?: unknown };

export interface OidcSignInDeps {
  config: OidcConfig;
  accounts: Pick<AccountService, 'startSession'>;
  accountStore: Pick<AccountStore, 'findUser' | 'findUserById' | 'changeUser'>;
  sso: SsoStore;
  hasher: PasswordHasher;
  clock?: () => Date;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
const SCOPE = 'openid profile email';

/** Our username for a provider account: its preferred_username, else its e-mail, else its subject, made to fit ours. */
export function ssoUsername(claims: Record<string, unknown>): string {
  const given = [claims.preferred_username, claims.email, claims.sub].find((v): v is string => typeof v === 'string' && v.trim() !== '')!;
  const name = given.trim().toLowerCase();
  if (USERNAME.test(name)) return name;
  const fitted = name.replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 64);
  return USERNAME.test(fitted) ? fitted : `sso-${fitted}`.slice(0, 64);
}

export function createOidcSignIn(deps: OidcSignInDeps) {
  const { config, accounts, accountStore, sso, hasher } = deps;
  const clock = deps.clock ?? (() => new Date());
  checkRoleMap(config.roleMap);
  let discovered: Promise<client.Configuration> | null = null;

  /** The provider's metadata, read once; a failed read is forgotten so that the next attempt tries again. */
  function provider(): Promise<client.Configuration> {
    discovered ??= client
      // client_secret_basic: the one method every provider must accept (RFC 6749 §2.3.1).
      .discovery(new URL(config.issuerUrl), config.clientId, config.clientSecret, client.ClientSecretBasic(config.clientSecret), {
        // The ID token's signature is checked against the provider's JWKS too, not only trusted for having come over
        // TLS from the token endpoint (which OIDC Core allows, and openid-client does by default).
        // Config allows http:// only for a provider on this machine.
        execute: [client.enableNonRepudiationChecks, ...(new URL(config.issuerUrl).protocol === 'http:' ? [client.allowInsecureRequests] : [])],
      })
      .catch((err: unknown) => {
        discovered = null;
        throw err;
      });
    return discovered;
  }

  async function userFor(claims: Record<string, unknown>, role: Role, address: string): Promise<UserRecord | OidcRefusal> {
    const subject = `${config.issuerUrl}#${String(claims.sub)}`;
    const at = clock().toISOString();
    const id = await sso.findUserIdBySubject(subject);
    if (id === null) {
      const username = ssoUsername(claims);
      // A local account of that name stays its owner's: the provider cannot take it over.
      if (await accountStore.findUser(username)) return 'name_taken';
      // No local password: a random one nobody knows (an admin may still set one from the users page).
      const passwordHash = await hasher.hash(randomBytes(32).toString('base64url'));
      const created = await sso.createSsoUser(
        { username, role, subject, passwordHash, at },
        { actor: username, action: 'user.create', target: username, details: { role, via: 'oidc' }, address },
      );
      return (await accountStore.findUserById(created))!;
    }
    const user = await accountStore.findUserById(id);
    if (!user) return 'expired';
    if (user.disabled) return 'disabled';
    if (user.role === role) return user;
    const changed = await accountStore.changeUser(
      user.id,
      { role, at },
      { actor: user.username, action: 'user.role', target: user.username, details: { from: user.role, to: role, via: 'oidc' }, address },
    );
    if (changed === 'last_admin') return 'last_admin';
    return changed ?? 'expired';
  }

  return {
    label: config.label,
    redirectUrl: config.redirectUrl,

    /** Where to send the browser, and what it must bring back. */
    async start(redirectUri: string, next: string): Promise<{ ok: true; url: string; pending: PendingSignIn } | { ok: false; reason: 'unavailable'; cause: unknown }> {
      let metadata: client.Configuration;
      try {
        metadata = await provider();
      } catch (cause) {
        return { ok: false, reason: 'unavailable', cause };
      }
      const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), redirectUri, next };
      const url = client.buildAuthorizationUrl(metadata, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      });
      return { ok: true, url: url.href, pending };
    },

    /** The provider's answer (the callback's query string), checked against what the browser brought back. */
    async finish(query: string, pending: PendingSignIn | null, address: string): Promise<OidcSignInResult> {
      if (!pending) return { ok: false, reason: 'expired' };
      let metadata: client.Configuration;
      try {
        metadata = await provider();
      } catch (cause) {
        return { ok: false, reason: 'unavailable', cause };
      }
      const currentUrl = new URL(pending.redirectUri);
      currentUrl.search = query;
      let claims: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(metadata, currentUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = { ...tokens.claims() };
        // Providers that keep roles out of the ID token give them at the userinfo endpoint.
        if (claims[config.roleClaim] === undefined && tokens.access_token) {
          claims = { ...(await client.fetchUserInfo(metadata, tokens.access_token, String(claims.sub))), ...claims };
        }
      } catch (cause) {
        if (cause instanceof client.AuthorizationResponseError) return { ok: false, reason: 'denied', cause };
        if (cause instanceof TypeError && /fetch failed/i.test(cause.message)) return { ok: false, reason: 'unavailable', cause };
        return { ok: false, reason: 'bad_token', cause };
      }
      const role = mappedRole(claims[config.roleClaim], config.roleMap);
      if (!role) return { ok: false, reason: 'no_role' };
      const user = await userFor(claims, role, address);
      if (typeof user === 'string') return { ok: false, reason: user };
      const session = await accounts.startSession(user, address, { via: 'oidc' });
      return { ...session, next: pending.next };
    },
  };
}

export type OidcSignIn = ReturnType<typeof createOidcSignIn>;

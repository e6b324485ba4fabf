// A real OIDC provider (the `oidc-provider` package) on loopback for the single sign-on tests: one client, accounts
// whose claims come from a map the test changes (so a role claim can change between sign-ins), its own
// development login form (any name, any password), consent granted without asking, and a switch that breaks the
// signature of the ID tokens its token endpoint hands out.
import { generateKeyPairSync } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../../src/config/config.ts';

export const IDP_CLIENT_ID = 'entitle-test';
const IDP_CLIENT_SECRET = 'a client secret for the test provider only';

export interface TestIdp {
  issuer: string;
  /** The app's `oidc` config pointing at this provider (roles in the `groups` claim, mapped by OIDC_ROLE_MAP's rules). */
  appConfig: NonNullable<Config['oidc']>;
  /** Claims by login name, read at each sign-in: `groups` is the role claim. */
  accounts: Map<string, Record<string, unknown>>;
  /** Registers the client with the app's callback address (known once the app listens) and starts answering. */
  start(redirectUri: string): void;
  /** While true, every ID token the token endpoint returns has its signature bytes flipped. */
  tamperIdTokens: boolean;
  close(): Promise<void>;
}

/** A JWS with one byte of its signature changed: the header and claims intact, the signature no longer theirs. */
function breakSignature(jwt: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = bytes[0]! ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** Lets the token endpoint's JSON through with its id_token's signature broken (Koa ends with one res.end(body)). */
function tamperTokenResponse(res: ServerResponse): void {
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  res.end = ((chunk?: unknown) => {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
      const body = JSON.parse(chunk.toString()) as { id_token?: string };
      if (body.id_token) body.id_token = breakSignature(body.id_token);
      const text = JSON.stringify(body);
      res.setHeader('content-length', Buffer.byteLength(text));
      return end(text);
    }
    return end(chunk);
  }) as typeof res.end;
}

export async function startTestIdp(): Promise<TestIdp> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const idp = { tamperIdTokens: false } as TestIdp;
  const server = http.createServer((req, res) => {
    if (!handler) return void res.writeHead(503).end('not started');
    if (idp.tamperIdTokens && req.method === 'POST' && req.url?.startsWith('/token')) tamperTokenResponse(res);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, Record<string, unknown>>();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  Object.assign(idp, {
    issuer,
    accounts,
    appConfig: {
      issuerUrl: issuer,
      clientId: IDP_CLIENT_ID,
      clientSecret: IDP_CLIENT_SECRET,
      redirectUrl: null,
      roleClaim: 'groups',
      roleMap: { 'entitle-admin': 'admin', 'entitle-managers': 'manager', 'entitle-sales': 'sales', 'entitle-desk': 'support', 'hq-experts': 'expert' },
      label: null,
    },
    start(redirectUri: string) {
      const provider = new Provider(issuer, {
        clients: [{ client_id: IDP_CLIENT_ID, client_secret: IDP_CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
        jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', alg: 'RS256', use: 'sig' }] },
        cookies: { keys: ['a cookie key for the test provider only'] },
        claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'groups'], email: ['email'] },
        // The role claim in the ID token itself, as most providers put groups there.
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: true } },
        async findAccount(_ctx: KoaContextWithOIDC, id: string) {
          return { accountId: id, claims: async () => ({ sub: id, preferred_username: id, ...(accounts.get(id) ?? {}) }) };
        },
        // Consent is the test client's by right: the grant is made without a consent page.
        async loadExistingGrant(ctx: KoaContextWithOIDC) {
          const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
          if (grantId) return ctx.oidc.provider.Grant.find(grantId);
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
          grant.addOIDCScope('openid profile email');
          await grant.save();
          return grant;
        },
      });
      handler = provider.callback();
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  });
  return idp;
}

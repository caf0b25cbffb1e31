/**
 * A real OpenID Connect provider for tests: `oidc-provider` on a free loopback port, with one confidential
 * client (client_secret_basic, PKCE required) and test users whose claims a test may change between sign-ins.
 * The provider's own login screen is replaced by a minimal interaction handler (GET shows a form, POST
 * `/interaction/:uid/login` with `account=<sub>` signs in, `/interaction/:uid/abort` cancels), and
 * `ProviderBrowser` is a `fetch` with a small cookie jar that walks a sign-in from the authorization URL to
 * the redirect back to the app.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error oidc-provider ships no type declarations; the few parts used here are typed below.
import ProviderClass from 'oidc-provider';

export interface TestUser {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

interface Interaction {
  uid: string;
  prompt: { name: string };
  params: Record<string, unknown>;
}
interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface ProviderLike {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    o?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (o: { accountId: string; clientId: string }): GrantLike;
    find(id: string): Promise<GrantLike | undefined>;
  };
}
interface OidcCtx {
  oidc: {
    provider: ProviderLike;
    client: { clientId: string };
    session: { accountId?: string; grantIdFor(c: string): string | undefined };
    result?: { consent?: { grantId?: string } };
  };
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Users by subject; change a user's claims between sign-ins to see what the app does. */
  users: Map<string, TestUser>;
  /** The app's environment for this provider. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface ProviderOptions {
  redirectUri?: string;
  /** Put the profile claims into the ID token (many providers do); by default they come from UserInfo only. */
  claimsInIdToken?: boolean;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

export async function startOidcProvider(o: ProviderOptions = {}): Promise<TestOidcProvider> {
  const users = new Map<string, TestUser>();
  const clientId = 'yhdessa-test';
  const clientSecret = randomBytes(24).toString('base64url');
  // eslint-disable-next-line prefer-const -- assigned once below, after the server its callback closes over
  let provider!: ProviderLike;

  const server: Server = createServer((req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec((req.url ?? '').split('?')[0]!);
    if (!m) return provider.callback()(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== m[1]) throw new Error('interaction mismatch');
      if (req.method === 'GET' && !m[2]) {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return res.end(
          `<!doctype html><title>Test provider</title><form method="post" action="/interaction/${details.uid}/login">` +
            `<label>Account <input name="account"></label><button>Sign in</button></form>`,
        );
      }
      if (req.method === 'POST' && m[2] === '/login') {
        const account = (await readBody(req)).get('account') ?? '';
        if (!users.has(account)) {
          res.statusCode = 400;
          return res.end('unknown test account');
        }
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: account } },
          { mergeWithLastSubmission: false },
        );
      }
      if (req.method === 'POST' && m[2] === '/abort') {
        return provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The person cancelled the sign-in.' },
          { mergeWithLastSubmission: false },
        );
      }
      res.statusCode = 405;
      res.end();
    })().catch((e: Error) => {
      res.statusCode = 500;
      res.end(e.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  provider = new (ProviderClass as new (issuer: string, config: Record<string, unknown>) => ProviderLike)(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [o.redirectUri ?? 'http://yhdessa.test/sso/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: !o.claimsInIdToken,
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      if (!users.has(sub)) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...users.get(sub) }) };
    },
    // A first-party client: no consent screen; the grant covers what the app asks for.
    async loadExistingGrant(ctx: OidcCtx) {
      const { provider: p, client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return p.Grant.find(grantId);
      if (!session.accountId) return undefined;
      const grant = new p.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError(ctx: { type: string; body: unknown }, out: Record<string, string>) {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(out);
    },
  });

  return {
    issuer,
    clientId,
    clientSecret,
    users,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_NAME: 'Testikunta' },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser at the provider: follows its redirects with cookies until the redirect leaves for the app. */
export class ProviderBrowser {
  readonly cookies = new Map<string, string>();
  constructor(readonly provider: TestOidcProvider) {}

  private async send(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired =
        attrs.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()) ||
        attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (!value || expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return res;
  }

  /** Follows redirects within the provider; returns the first response that is not a redirect to it. */
  private async follow(res: Response): Promise<{ res: Response; location: string | null }> {
    for (let i = 0; i < 10; i++) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, location: null };
      const target = new URL(location, this.provider.issuer);
      if (target.origin !== this.provider.issuer) return { res, location: target.href };
      res = await this.send(target.href);
    }
    throw new Error('too many redirects at the provider');
  }

  /**
   * From the app's redirect to the provider to the provider's redirect back to the app: signs in as `account`
   * (or cancels with `abort`), and returns the URL the browser is sent to.
   */
  async authorize(authorizationUrl: string, account: string | { abort: true }): Promise<URL> {
    const first = await this.follow(await this.send(authorizationUrl));
    if (first.location) return new URL(first.location); // already signed in at the provider
    const interaction =
      first.res.url && new URL(first.res.url).pathname.startsWith('/interaction/') ? new URL(first.res.url) : null;
    const page = await first.res.text();
    const action = /action="(\/interaction\/[\w-]+)\/login"/.exec(page)?.[1] ?? interaction?.pathname;
    if (!action) throw new Error(`no sign-in form at the provider: ${first.res.status} ${page.slice(0, 300)}`);
    const res = await this.send(
      new URL(typeof account === 'string' ? `${action}/login` : `${action}/abort`, this.provider.issuer).href,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: typeof account === 'string' ? new URLSearchParams({ account }).toString() : '',
      },
    );
    const done = await this.follow(res);
    if (!done.location)
      throw new Error(
        `the provider did not send the browser back: ${done.res.status} ${(await done.res.text()).slice(0, 300)}`,
      );
    return new URL(done.location);
  }
}

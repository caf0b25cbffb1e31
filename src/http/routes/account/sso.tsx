/**
 * Single sign-on over OpenID Connect: `/:lang/sign-in/sso` sends the browser to the provider, `/sso/callback`
 * (the one redirect URI) brings it back and signs the person in. What must survive the round trip (PKCE code
 * verifier, state, nonce, where to go next, the language) is kept in a short-lived signed, httpOnly,
 * SameSite=Lax cookie. Without OIDC_* settings both routes answer 404.
 *
 * A sign-in that does not succeed is not an error of the request: the core says why (an audited OidcFailure)
 * and the page explains it with the way back to signing in, at the status the reason deserves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  beginOidcSignIn,
  completeOidcSignIn,
  redirectUriFor,
  type OidcFailure,
  type OidcFlow,
} from '../../../core/accounts/oidc.js';
import { isLang, type Lang } from '../../../core/shared/lang.js';
import { tFor } from '../../../i18n/index.js';
import { SsoFailurePage } from '../../../web/pages/account/SsoFailurePage.js';
import { renderPage } from '../../../web/render.js';
import { auditContext, startSession } from '../../auth.js';
import { notFound, requestLang } from '../../errors.js';
import { readForm } from '../../forms.js';
import { safeNext } from '../../pages.js';
import { LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { publicFormLimit } from './shared.js';

/** How long a browser may stay at the provider before the sign-in has to start again. */
const FLOW_MINUTES = 10;

interface FlowCookie extends OidcFlow {
  next: string;
  lang: Lang;
  /** When the sign-in started (ms). */
  at: number;
}

const STATUS: Record<OidcFailure, number> = {
  flow_missing: 400,
  state_mismatch: 400,
  provider_error: 400,
  exchange_failed: 400,
  no_email: 403,
  email_unverified: 403,
  unknown_person: 403,
  disabled: 403,
  identity_conflict: 403,
  provider_unavailable: 503,
};

export async function ssoRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const secure = app.config.secureCookies;
  const cookieName = secure ? '__Host-yh_sso' : 'yh_sso';
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
  const routeConfig = { rateLimit: publicFormLimit(app) };

  const settings = () => {
    if (!app.config.oidc) throw notFound();
    return app.config.oidc;
  };

  const readFlow = (req: FastifyRequest): FlowCookie | null => {
    const raw = req.cookies[cookieName];
    if (!raw) return null;
    const unsigned = req.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    try {
      const f = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Partial<FlowCookie>;
      const fresh = typeof f.at === 'number' && Date.now() - f.at < FLOW_MINUTES * 60_000;
      if (
        !fresh ||
        !isLang(f.lang) ||
        typeof f.codeVerifier !== 'string' ||
        typeof f.state !== 'string' ||
        typeof f.nonce !== 'string'
      )
        return null;
      return {
        codeVerifier: f.codeVerifier,
        state: f.state,
        nonce: f.nonce,
        lang: f.lang,
        next: safeNext(f.next, f.lang),
        at: f.at as number,
      };
    } catch {
      return null;
    }
  };

  /** A translated page saying why single sign-on did not work, with the way back to sign-in. */
  const failurePage = (
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    reason: OidcFailure,
    email?: string,
    next?: string,
  ) => {
    const t = tFor(lang);
    const signIn = `/${lang}/sign-in${next && next !== `/${lang}/work` ? `?next=${encodeURIComponent(next)}` : ''}`;
    const html = renderPage({
      lang,
      path: `/${lang}/sign-in`,
      title: `${t('sso.error_title')} – ${t('account.sign_in_title')}`,
      body: (
        <SsoFailurePage
          reason={reason}
          providerName={app.config.oidc?.name ?? ''}
          email={email ?? ''}
          signInHref={signIn}
          passwordStillWorks={STATUS[reason] === 403}
        />
      ),
      publicUrl: app.config.publicUrl,
      noindex: true,
      user: req.actor ? { name: req.actor.name } : null,
      csrfToken: req.actor ? reply.csrfToken() : '',
    });
    return reply.code(STATUS[reason]).header('cache-control', 'no-store').type('text/html').send(html);
  };

  app.get(
    '/:lang/sign-in/sso',
    { schema: { hide: true, params: LangParams }, config: routeConfig },
    async (req, reply) => {
      const lang = langParam(req);
      const oidc = settings();
      const next = safeNext(readForm(req.query).text('next'), lang);
      if (req.actor) return reply.redirect(next, 303);
      const begun = await beginOidcSignIn(db, auditContext(req), oidc, app.config.publicUrl);
      if (!begun.ok) {
        req.log.warn({ err: begun.cause }, 'single sign-on: the identity provider could not be reached');
        return failurePage(req, reply, lang, begun.reason, undefined, next);
      }
      const cookie: FlowCookie = { ...begun.flow, next, lang, at: Date.now() };
      reply.setCookie(cookieName, Buffer.from(JSON.stringify(cookie)).toString('base64url'), {
        ...cookieOptions,
        signed: true,
        maxAge: FLOW_MINUTES * 60,
      });
      reply.header('cache-control', 'no-store');
      return reply.redirect(begun.url, 303);
    },
  );

  app.get('/sso/callback', { schema: { hide: true }, config: routeConfig }, async (req, reply) => {
    const oidc = settings();
    const flow = readFlow(req);
    if (req.cookies[cookieName]) reply.clearCookie(cookieName, cookieOptions); // single use, whatever happens
    const lang = flow?.lang ?? requestLang(req);
    // Reloading the callback after signing in: nothing to do.
    if (!flow && req.actor) return reply.redirect(`/${lang}/work`, 303);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const callbackUrl = new URL(`${redirectUriFor(app.config.publicUrl)}${query}`);
    const result = await completeOidcSignIn(db, auditContext(req), oidc, callbackUrl, flow);
    if (!result.ok) {
      if (result.reason === 'exchange_failed' || result.reason === 'provider_unavailable')
        req.log.warn({ reason: result.reason }, 'single sign-on failed');
      return failurePage(req, reply, lang, result.reason, result.email, flow?.next);
    }
    await startSession(req, reply, result.personId, 'oidc');
    reply.header('cache-control', 'no-store');
    return reply.redirect(flow!.next, 303);
  });
}

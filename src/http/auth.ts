/**
 * Who is asking: the session cookie → the session in the database → the person's roles (req.actor).
 * Two rules hold for every route, so no route can forget them:
 *  - a state-changing request (anything but GET/HEAD/OPTIONS) without a valid session answers 401, unless the
 *    route is marked `config: { public: true }` (sign-in, forgotten password, set password);
 *  - every state-changing request carries a CSRF token bound to the session (form field `_csrf` or header
 *    `x-csrf-token`), or answers 403.
 * Route handlers call the core, which checks permissions (ForbiddenError → 403, written to the audit log).
 */
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { loadActor } from '../core/access/loadActor.js';
import type { Actor } from '../core/access/permissions.js';
import { instanceSecret } from '../core/accounts/instanceSecret.js';
import { createSession, endSession, resolveSession, type SessionInfo } from '../core/accounts/sessions.js';
import type { AuditContext } from '../core/audit/auditLog.js';
import { signInRequired } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
  }
  interface FastifyReply {
    /** A CSRF token for forms on this page (sets the CSRF cookie when needed). */
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    /** A state-changing route that works without a session (sign-in and the like). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SKIP_PREFIXES = ['/assets/', '/healthz', '/readyz'];

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-yh_session' : 'yh_session';
}

/** What the core's audit log needs to know about a request. */
export function auditContext(req: FastifyRequest): AuditContext {
  return { actor: req.actor, ip: req.ip, requestId: String(req.id) };
}

/** Requires a signed-in person; pages send a reader without a session to the sign-in page. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw signInRequired();
  return req.actor;
}

export async function startSession(
  req: FastifyRequest,
  reply: FastifyReply,
  personId: string,
  method: 'password' | 'oidc',
): Promise<void> {
  const app = req.server;
  // A new session id at every sign-in (no session fixation); the old one, if any, ends.
  if (req.session) await endSession(app.database.db, req.session.id);
  const { token } = await createSession(app.database.db, personId, method, app.config.session, {
    ip: req.ip,
    userAgent: req.headers['user-agent'],
  });
  reply.setCookie(sessionCookieName(app.config.secureCookies), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.secureCookies,
    maxAge: app.config.session.maxHours * 3600,
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(req.server.config.secureCookies), {
    path: '/',
    secure: req.server.config.secureCookies,
  });
}

export const authPlugin = fp(
  async (app: FastifyInstance) => {
    const db = app.database.db;
    const secure = app.config.secureCookies;
    const cookieName = sessionCookieName(secure);
    // Cookies are parsed by the hook below, only when the request has any (hook: false: no hook of the plugin's own,
    // which made a Map for every request); setting a cookie works as ever.
    await app.register(cookie, { secret: await instanceSecret(db, 'cookie'), hook: false });
    await app.register(csrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: secure ? '__Host-yh_csrf' : 'yh_csrf',
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure, signed: true },
      csrfOpts: { hmacKey: await instanceSecret(db, 'csrf') },
      getUserInfo: (req: FastifyRequest) => req.session?.id ?? 'anonymous',
    });

    app.decorateRequest('actor', null);
    app.decorateRequest('session', null);
    app.decorateReply('csrfToken', function (this: FastifyReply) {
      return this.generateCsrf({ userInfo: this.request.session?.id ?? 'anonymous' });
    });

    const signIn = async (req: FastifyRequest, reply: FastifyReply, token: string) => {
      const session = await resolveSession(db, token, app.config.session);
      const actor = session ? await loadActor(db, session.personId) : null;
      if (session && actor) {
        req.session = session;
        req.actor = actor;
      } else {
        if (session) await endSession(db, session.id); // the person was disabled
        clearSessionCookie(req, reply);
      }
    };
    // Callback hooks, not async ones: a request without a session cookie (most of them) costs no promise here.
    app.addHook('onRequest', (req, reply, done) => {
      const header = req.raw.headers.cookie;
      req.cookies = header ? app.parseCookie(header) : {};
      const token = header ? req.cookies[cookieName] : undefined;
      if (!token || SKIP_PREFIXES.some((p) => req.url.startsWith(p))) return done();
      signIn(req, reply, token).then(() => done(), done);
    });

    // preValidation (after the body is parsed, before the route's schema is checked): a request without a session
    // or without a CSRF token learns nothing about what the route would have accepted. Safe methods pass at once.
    app.addHook('preValidation', (req, reply, done) => {
      if (SAFE_METHODS.has(req.method)) return done();
      if (!req.actor && !req.routeOptions.config?.public) return done(signInRequired());
      app.csrfProtection(req, reply, done);
    });
  },
  // (named: fastify-plugin would otherwise read a stack trace to make a name up, slow with source maps)
  { name: 'auth' },
);

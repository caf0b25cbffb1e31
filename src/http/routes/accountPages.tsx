/** Signing in and out, forgotten password, setting a password with a single-use link, and the account page. */
import type { FormError } from '../../web/components/forms.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { signInWithPassword } from '../../core/accounts/signIn.js';
import { requestPasswordReset } from '../../core/accounts/passwordLinks.js';
import {
  AccountError,
  checkSetPasswordToken,
  isEmail,
  normalizeEmail,
  setPasswordWithToken,
} from '../../core/accounts/people.js';
import { endAllSessions, endSession, listSessions } from '../../core/accounts/sessions.js';
import { audit } from '../../core/audit/auditLog.js';
import { tFor } from '../../i18n/index.js';
import { AccountPage } from '../../web/pages/account/AccountPage.js';
import { ForgotPasswordPage } from '../../web/pages/account/ForgotPasswordPage.js';
import { SetPasswordPage } from '../../web/pages/account/SetPasswordPage.js';
import { SignInPage } from '../../web/pages/account/SignInPage.js';
import { auditContext, clearSessionCookie, startSession } from '../auth.js';
import { safeNext, sendPage } from '../pages.js';
import { langParam } from './langParam.js';

type Body = Record<string, unknown>;
const field = (body: unknown, k: string) => {
  const v = (body as Body | undefined)?.[k];
  return typeof v === 'string' ? v : '';
};

/** Rate limit for the forms that anyone can send (per client address). */
export const publicFormLimit = (app: FastifyInstance) => ({
  max: app.config.authRateLimit,
  timeWindow: '1 minute',
  allowList: [] as string[],
});

const NOTICES = ['signed_out', 'signed_out_everywhere', 'password_set'] as const;

export async function accountPageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const publicForm = { public: true, rateLimit: publicFormLimit(app) };
  const ssoName = app.config.oidc?.name ?? null;

  app.get('/:lang/sign-in', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const q = req.query as Record<string, string>;
    if (req.actor) return reply.redirect(safeNext(q.next, lang), 303);
    const notice = NOTICES.find((n) => n === q.notice) ?? null;
    return sendPage(req, reply, {
      title: tFor(lang)('account.sign_in_title'),
      forms: true,
      noindex: true,
      body: <SignInPage email="" next={safeNext(q.next, lang)} errors={[]} notice={notice} ssoName={ssoName} />,
    });
  });

  app.post('/:lang/sign-in', { schema: { hide: true }, config: publicForm }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const email = field(req.body, 'email').trim();
    const password = field(req.body, 'password');
    const next = safeNext(field(req.body, 'next'), lang);
    const errors: FormError[] = [];
    if (!email) errors.push({ field: 'email', message: t('account.error.email_required') });
    else if (!isEmail(normalizeEmail(email)))
      errors.push({ field: 'email', message: t('account.error.invalid_email') });
    if (!password) errors.push({ field: 'password', message: t('account.error.password_required') });
    if (!errors.length) {
      const r = await signInWithPassword(db, auditContext(req), email, password);
      if (r.ok) {
        await startSession(req, reply, r.personId, 'password');
        return reply.redirect(next, 303);
      }
      errors.push(
        r.reason === 'locked'
          ? { field: 'email', message: t('account.error.locked', { minutes: r.retryAfterMinutes ?? 1 }) }
          : { field: 'email', message: t('account.error.sign_in_failed') },
      );
    }
    return sendPage(req, reply, {
      status: errors.length && errors[0]!.message === t('account.error.sign_in_failed') ? 401 : 400,
      title: `${t('form.error_prefix')} ${t('account.sign_in_title')}`,
      forms: true,
      noindex: true,
      body: <SignInPage email={email} next={next} errors={errors} ssoName={ssoName} />,
    });
  });

  app.post('/:lang/sign-out', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    await endSession(db, req.session!.id);
    await audit(db, auditContext(req), {
      action: 'auth.sign_out',
      objectType: 'person',
      objectId: req.actor!.personId,
    });
    clearSessionCookie(req, reply);
    return reply.redirect(`/${lang}/sign-in?notice=signed_out`, 303);
  });

  app.get('/:lang/forgot-password', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    return sendPage(req, reply, {
      title: tFor(lang)('account.forgot_title'),
      forms: true,
      noindex: true,
      body: <ForgotPasswordPage email="" errors={[]} sent={false} />,
    });
  });

  app.post('/:lang/forgot-password', { schema: { hide: true }, config: publicForm }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const email = field(req.body, 'email').trim();
    if (!isEmail(normalizeEmail(email))) {
      const errors = [
        { field: 'email', message: t(email ? 'account.error.invalid_email' : 'account.error.email_required') },
      ];
      return sendPage(req, reply, {
        status: 400,
        title: `${t('form.error_prefix')} ${t('account.forgot_title')}`,
        forms: true,
        noindex: true,
        body: <ForgotPasswordPage email={email} errors={errors} sent={false} />,
      });
    }
    await requestPasswordReset(db, auditContext(req), app.mailer, { email, lang, publicUrl: app.config.publicUrl });
    return sendPage(req, reply, {
      title: t('account.forgot_title'),
      noindex: true,
      body: <ForgotPasswordPage email={email} errors={[]} sent />,
    });
  });

  const setPasswordPage = async (req: FastifyRequest, token: string, errors: FormError[]) => {
    const holder = await checkSetPasswordToken(db, token);
    return <SetPasswordPage token={token} email={holder?.email ?? ''} errors={errors} valid={Boolean(holder)} />;
  };

  app.get('/:lang/set-password', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const token = String((req.query as Record<string, unknown>).token ?? '');
    const body = await setPasswordPage(req, token, []);
    return sendPage(req, reply, { title: tFor(lang)('account.set_password_title'), forms: true, noindex: true, body });
  });

  app.post('/:lang/set-password', { schema: { hide: true }, config: publicForm }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const token = field(req.body, 'token');
    const password = field(req.body, 'password');
    const errors: FormError[] = [];
    if (password !== field(req.body, 'confirm'))
      errors.push({ field: 'confirm', message: t('account.error.passwords_differ') });
    if (!errors.length) {
      try {
        await setPasswordWithToken(db, auditContext(req), token, password);
        if (req.session) clearSessionCookie(req, reply);
        return reply.redirect(`/${lang}/sign-in?notice=password_set`, 303);
      } catch (e) {
        if (!(e instanceof AccountError)) throw e;
        errors.push({ field: e.field ?? 'password', message: t(`account.error.${e.code}`, { min: 12 }) });
      }
    }
    return sendPage(req, reply, {
      status: 400,
      title: `${t('form.error_prefix')} ${t('account.set_password_title')}`,
      forms: true,
      noindex: true,
      body: await setPasswordPage(req, token, errors),
    });
  });

  app.get('/:lang/work/account', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    if (!req.actor) return reply.redirect(`/${lang}/sign-in?next=${encodeURIComponent(req.url)}`, 303);
    const rows = await listSessions(db, req.actor.personId);
    const t = tFor(lang);
    return sendPage(req, reply, {
      title: t('account.title'),
      body: (
        <AccountPage
          name={req.actor.name}
          email={req.actor.email}
          sessions={rows.map((s) => ({
            current: s.id === req.session!.id,
            method: s.method,
            createdAt: s.created_at,
            lastSeenAt: s.last_seen_at,
            userAgent: s.user_agent,
            ip: s.ip,
          }))}
        />
      ),
    });
  });

  app.post('/:lang/work/account/sign-out-everywhere', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const ended = await endAllSessions(db, req.actor!.personId);
    await audit(db, auditContext(req), {
      action: 'auth.sign_out_everywhere',
      objectType: 'person',
      objectId: req.actor!.personId,
      details: { sessions: ended },
    });
    clearSessionCookie(req, reply);
    return reply.redirect(`/${lang}/sign-in?notice=signed_out_everywhere`, 303);
  });
}

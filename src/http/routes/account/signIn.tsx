/** Signing in with e-mail and password, and signing out. */
import type { FastifyInstance } from 'fastify';
import { checkSignInForm, signInRefusal, signInWithPassword } from '../../../core/accounts/signIn.js';
import { endSession } from '../../../core/accounts/sessions.js';
import { audit } from '../../../core/audit/auditLog.js';
import { tFor } from '../../../i18n/index.js';
import { SignInPage } from '../../../web/pages/account/SignInPage.js';
import { auditContext, clearSessionCookie, startSession } from '../../auth.js';
import { attemptForm, formErrors } from '../../errors.js';
import { readForm } from '../../forms.js';
import { safeNext, sendPage } from '../../pages.js';
import { FormBody, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { publicFormLimit, readAccountForm } from './shared.js';

const NOTICES = ['signed_out', 'signed_out_everywhere', 'password_set'] as const;

export async function signInRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const ssoName = app.config.oidc?.name ?? null;
  const page = { hide: true, params: LangParams };
  const form = { hide: true, params: LangParams, body: FormBody };

  app.get('/:lang/sign-in', { schema: page }, async (req, reply) => {
    const lang = langParam(req);
    const q = readForm(req.query);
    const next = safeNext(q.text('next'), lang);
    if (req.actor) return reply.redirect(next, 303);
    const notice = NOTICES.find((n) => n === q.text('notice')) ?? null;
    return sendPage(req, reply, {
      title: tFor(lang)('account.sign_in_title'),
      forms: true,
      noindex: true,
      body: <SignInPage email="" next={next} errors={[]} notice={notice} ssoName={ssoName} />,
    });
  });

  app.post<{ Body: FormBody }>(
    '/:lang/sign-in',
    { schema: form, config: { public: true, rateLimit: publicFormLimit(app) } },
    async (req, reply) => {
      const lang = langParam(req);
      const t = tFor(lang);
      const f = await readAccountForm(req, 'auth.sign_in');
      const email = f.text('email');
      const password = f.secret('password');
      const next = safeNext(f.text('next'), lang);
      const refused = (status: number, errors: ReturnType<typeof formErrors>) =>
        sendPage(req, reply, {
          status,
          title: `${t('form.error_prefix')} ${t('account.sign_in_title')}`,
          forms: true,
          noindex: true,
          body: <SignInPage email={email} next={next} errors={errors} ssoName={ssoName} />,
        });
      const checked = await attemptForm(lang, async () => checkSignInForm(email, password));
      if (!checked.ok) return refused(400, checked.errors);
      const r = await signInWithPassword(db, auditContext(req), email, password);
      if (!r.ok) return refused(r.reason === 'locked' ? 400 : 401, formErrors(signInRefusal(r), lang));
      await startSession(req, reply, r.personId, 'password');
      return reply.redirect(next, 303);
    },
  );

  app.post('/:lang/sign-out', { schema: form }, async (req, reply) => {
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
}

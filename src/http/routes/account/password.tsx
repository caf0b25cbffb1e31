/** A forgotten password (a single-use link by e-mail) and setting a password with such a link. */
import type { FastifyInstance } from 'fastify';
import { requestPasswordReset } from '../../../core/accounts/passwordLinks.js';
import { checkEmailField, checkSetPasswordToken, setPasswordWithToken } from '../../../core/accounts/people.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { ForgotPasswordPage } from '../../../web/pages/account/ForgotPasswordPage.js';
import { SetPasswordPage } from '../../../web/pages/account/SetPasswordPage.js';
import { auditContext, clearSessionCookie } from '../../auth.js';
import { attemptForm } from '../../errors.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { publicFormLimit, readAccountForm } from './shared.js';

export async function passwordRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const page = { hide: true, params: LangParams };
  const form = { hide: true, params: LangParams, body: FormBody };
  const config = { public: true, rateLimit: publicFormLimit(app) };

  app.get('/:lang/forgot-password', { schema: page }, async (req, reply) => {
    const lang = langParam(req);
    return sendPage(req, reply, {
      title: tFor(lang)('account.forgot_title'),
      forms: true,
      noindex: true,
      body: <ForgotPasswordPage email="" errors={[]} sent={false} />,
    });
  });

  app.post<{ Body: FormBody }>('/:lang/forgot-password', { schema: form, config }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const email = (await readAccountForm(req, 'auth.reset_requested')).text('email');
    const done = await attemptForm(lang, async () => {
      checkEmailField(email);
      await requestPasswordReset(db, auditContext(req), app.mailer, { email, lang, publicUrl: app.config.publicUrl });
    });
    if (!done.ok)
      return sendPage(req, reply, {
        status: 400,
        title: `${t('form.error_prefix')} ${t('account.forgot_title')}`,
        forms: true,
        noindex: true,
        body: <ForgotPasswordPage email={email} errors={done.errors} sent={false} />,
      });
    return sendPage(req, reply, {
      title: t('account.forgot_title'),
      noindex: true,
      body: <ForgotPasswordPage email={email} errors={[]} sent />,
    });
  });

  const setPasswordPage = async (token: string, errors: FormError[]) => {
    const holder = await checkSetPasswordToken(db, token);
    return <SetPasswordPage token={token} email={holder?.email ?? ''} errors={errors} valid={Boolean(holder)} />;
  };

  app.get('/:lang/set-password', { schema: page }, async (req, reply) => {
    const lang = langParam(req);
    const body = await setPasswordPage(readForm(req.query).text('token'), []);
    return sendPage(req, reply, { title: tFor(lang)('account.set_password_title'), forms: true, noindex: true, body });
  });

  app.post<{ Body: FormBody }>('/:lang/set-password', { schema: form, config }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const f = readForm(req.body);
    const token = f.text('token');
    const done = await attemptForm(lang, () =>
      setPasswordWithToken(db, auditContext(req), token, f.secret('password'), f.secret('confirm')),
    );
    if (!done.ok)
      return sendPage(req, reply, {
        status: 400,
        title: `${t('form.error_prefix')} ${t('account.set_password_title')}`,
        forms: true,
        noindex: true,
        body: await setPasswordPage(token, done.errors),
      });
    if (req.session) clearSessionCookie(req, reply);
    return reply.redirect(`/${lang}/sign-in?notice=password_set`, 303);
  });
}

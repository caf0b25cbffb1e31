import { ErrorSummary, type FormError, CsrfField, Notice, TextField } from '../../components/forms.js';
import { useTranslation } from '../../useTranslation.js';
import { usePage } from '../../context.js';

export function ForgotPasswordPage({ email, errors, sent }: { email: string; errors: FormError[]; sent: boolean }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <div className="form-narrow">
      <h1>{t('account.forgot_title')}</h1>
      {sent ? (
        <>
          <Notice kind="success">{t('account.forgot_sent', { email })}</Notice>
          <p>
            <a href={`/${lang}/sign-in`}>{t('account.back_to_sign_in')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('account.forgot_lead')}</p>
          <ErrorSummary errors={errors} />
          <form method="post" action={`/${lang}/forgot-password`} noValidate>
            <CsrfField />
            <TextField
              name="email"
              type="email"
              label={t('account.email')}
              autoComplete="username"
              value={email}
              errors={errors}
              spellCheck={false}
            />
            <div className="form-actions">
              <button type="submit" className="button">
                {t('account.forgot_submit')}
              </button>
              <a href={`/${lang}/sign-in`}>{t('account.back_to_sign_in')}</a>
            </div>
          </form>
        </>
      )}
    </div>
  );
}

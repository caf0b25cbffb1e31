import { ErrorSummary, type FormError, CsrfField, TextField } from '../../components/forms.js';
import { useTranslation } from '../../useTranslation.js';
import { usePage } from '../../context.js';

/** Set a password with a single-use link (first time, or after "forgot password"). */
export function SetPasswordPage({
  token,
  email,
  errors,
  valid,
}: {
  token: string;
  email: string;
  errors: FormError[];
  valid: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  if (!valid) {
    return (
      <div className="form-narrow">
        <h1>{t('account.set_password_title')}</h1>
        <p>{t('account.link_invalid')}</p>
        <p>
          <a href={`/${lang}/forgot-password`}>{t('account.ask_new_link')}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="form-narrow">
      <h1>{t('account.set_password_title')}</h1>
      <p>{t('account.set_password_lead', { email })}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/${lang}/set-password`} noValidate>
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" value={email} autoComplete="username" />
        <TextField
          name="password"
          type="password"
          label={t('account.new_password')}
          hint={t('account.password_hint', { min: 12 })}
          autoComplete="new-password"
          errors={errors}
        />
        <TextField
          name="confirm"
          type="password"
          label={t('account.confirm_password')}
          autoComplete="new-password"
          errors={errors}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('account.set_password_submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

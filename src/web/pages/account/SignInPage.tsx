import { ErrorSummary, type FormError, CsrfField, Notice, TextField } from '../../components/forms.js';
import { useTranslation } from '../../useTranslation.js';
import { usePage } from '../../context.js';

export interface SignInPageProps {
  email: string;
  next: string;
  errors: FormError[];
  notice?: 'signed_out' | 'signed_out_everywhere' | 'password_set' | null;
  /** Label of the single sign-on button ("Askolan kunta"), when single sign-on is configured. */
  ssoName: string | null;
}

export function SignInPage({ email, next, errors, notice, ssoName }: SignInPageProps) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <div className="form-narrow">
      <h1>{t('account.sign_in_title')}</h1>
      {notice ? <Notice kind="success">{t(`account.notice.${notice}`)}</Notice> : null}
      <p>{t('account.sign_in_lead')}</p>
      <ErrorSummary errors={errors} />
      {ssoName ? (
        <>
          {/* A link, not a form: the CSP's form-action 'self' would block the redirect on to the provider. */}
          <p>
            <a className="button" href={`/${lang}/sign-in/sso?next=${encodeURIComponent(next)}`}>
              {t('account.sign_in_sso', { name: ssoName })}
            </a>
          </p>
          <p className="or-divider">{t('account.or_password')}</p>
        </>
      ) : null}
      <form method="post" action={`/${lang}/sign-in`} noValidate>
        <CsrfField />
        <input type="hidden" name="next" value={next} />
        <TextField
          name="email"
          type="email"
          label={t('account.email')}
          autoComplete="username"
          value={email}
          errors={errors}
          spellCheck={false}
        />
        <TextField
          name="password"
          type="password"
          label={t('account.password')}
          autoComplete="current-password"
          errors={errors}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('account.sign_in')}
          </button>
          <a href={`/${lang}/forgot-password`}>{t('account.forgot_link')}</a>
        </div>
      </form>
    </div>
  );
}

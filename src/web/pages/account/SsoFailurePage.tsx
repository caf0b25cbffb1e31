/** Why single sign-on did not sign the person in, and the way back to signing in (a password still works). */
import { useTranslation } from '../../useTranslation.js';

export function SsoFailurePage({
  reason,
  providerName,
  email,
  signInHref,
  passwordStillWorks,
}: {
  reason: string;
  providerName: string;
  email: string;
  signInHref: string;
  passwordStillWorks: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-narrow">
      <h1>{t('sso.error_title')}</h1>
      <p id="sso-error" data-reason={reason}>
        {t(`sso.error.${reason}`, { name: providerName, email })}
      </p>
      {passwordStillWorks ? <p>{t('sso.password_still_works')}</p> : null}
      <p>
        <a className="button" href={signInHref}>
          {t('sso.back_to_sign_in')}
        </a>
      </p>
    </div>
  );
}

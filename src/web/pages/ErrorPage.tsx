import { useTranslation } from '../useTranslation.js';
import { usePage } from '../context.js';

export function ErrorPage({ status, message, signInHref }: { status: number; message: string; signInHref?: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <h1>{t(status === 404 ? 'error.title_not_found' : 'error.title')}</h1>
      <p>{message}</p>
      {signInHref ? (
        <p>
          <a className="button" href={signInHref}>
            {t('account.sign_in')}
          </a>
        </p>
      ) : null}
      <p>
        <a href={`/${lang}/`}>{t('error.back_home')}</a>
      </p>
    </>
  );
}

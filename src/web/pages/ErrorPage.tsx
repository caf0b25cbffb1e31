import { useTranslation } from 'react-i18next';
import { usePage } from '../context.js';

export function ErrorPage({ status, message }: { status: number; message: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <h1>{t(status === 404 ? 'error.title_not_found' : 'error.title')}</h1>
      <p>{message}</p>
      <p><a href={`/${lang}/`}>{t('error.back_home')}</a></p>
    </>
  );
}

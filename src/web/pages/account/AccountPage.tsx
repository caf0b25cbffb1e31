import { useTranslation } from '../../useTranslation.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import { CsrfField } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDateTime } from '../../format.js';

export interface AccountSession {
  current: boolean;
  method: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export function AccountPage({ name, email, sessions }: { name: string; email: string; sessions: AccountSession[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('account.title') }]} />
      <h1>{t('account.title')}</h1>
      <p>
        {name} · {email}
      </p>
      <h2>{t('account.sessions_title')}</h2>
      <ScrollTable label={t('account.sessions_title')}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('account.session_started')}</th>
              <th scope="col">{t('account.session_last_seen')}</th>
              <th scope="col">{t('account.session_method')}</th>
              <th scope="col">{t('account.session_device')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => (
              <tr key={i}>
                <td>
                  {formatDateTime(s.createdAt, lang)}
                  {s.current ? ` (${t('account.this_session')})` : ''}
                </td>
                <td>{formatDateTime(s.lastSeenAt, lang)}</td>
                <td>{t(`account.method.${s.method}`)}</td>
                <td>
                  {s.userAgent ?? '–'}
                  {s.ip ? ` · ${s.ip}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <form method="post" action={`/${lang}/work/account/sign-out-everywhere`}>
        <CsrfField />
        <p>{t('account.sign_out_everywhere_lead')}</p>
        <button type="submit" className="button button-secondary">
          {t('account.sign_out_everywhere')}
        </button>
      </form>
      <h2>{t('account.password_title')}</h2>
      <p>
        {t('account.password_change_lead')} <a href={`/${lang}/forgot-password`}>{t('account.password_change_link')}</a>
      </p>
    </>
  );
}

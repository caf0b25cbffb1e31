/** The invitations waiting for the signed-in person: join an organisation, or say no. */
import { useTranslation } from '../../useTranslation.js';
import type { PendingInvitation } from '../../../core/accounts/invitations.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs } from '../../components/common.js';
import { CsrfField, Notice } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDateTime } from '../../format.js';

export function InvitationsPage({
  invitations,
  notice,
}: {
  invitations: PendingInvitation[];
  notice?: 'accepted' | 'declined' | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('accounts.invitation.title') }]}
      />
      <h1>{t('accounts.invitation.title')}</h1>
      {notice ? <Notice kind="success">{t(`accounts.invitation.notice_${notice}`)}</Notice> : null}
      {invitations.length ? (
        <ul className="plain invitation-list">
          {invitations.map((i) => (
            <li key={i.id} className="card">
              <h2>{pick(i.organizationName, lang)}</h2>
              <p>
                {t('accounts.invitation.what', {
                  inviter: i.invitedByName ?? t('mail.administrator'),
                  role: t(`role.${i.role}`),
                  when: formatDateTime(i.createdAt, lang),
                })}
              </p>
              <p>{t('accounts.invitation.consequence')}</p>
              <div className="form-actions">
                <form method="post" action={`/${lang}/work/invitations/${i.id}/accept`}>
                  <CsrfField />
                  <button type="submit" className="button">
                    {t('accounts.invitation.accept')}
                  </button>
                </form>
                <form method="post" action={`/${lang}/work/invitations/${i.id}/decline`}>
                  <CsrfField />
                  <button type="submit" className="button button-secondary">
                    {t('accounts.invitation.decline')}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('accounts.invitation.none')}</p>
      )}
    </>
  );
}

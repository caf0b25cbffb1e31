import { useTranslation } from '../../useTranslation.js';
import type { OrganizationSummary } from '../../../core/admin/organizations.js';
import { LangText } from '../../components/common.js';
import { usePage } from '../../context.js';
import { AdminHeader } from './AdminNav.js';

/** The administration's front page: what the person manages and where to go. */
export function AdminHomePage({
  organizations,
  systemAdmin,
  peopleCount,
}: {
  organizations: OrganizationSummary[];
  systemAdmin: boolean;
  peopleCount: number;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin`;
  return (
    <>
      <AdminHeader section="home" />
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t(systemAdmin ? 'admin.lead_system' : 'admin.lead_org')}</p>
      <ul className="tiles">
        <li>
          <a href={`${base}/organizations`}>{t('admin.section.organizations')}</a>{' '}
          <span className="count">({organizations.length})</span>
        </li>
        <li>
          <a href={`${base}/teams`}>{t('admin.section.teams')}</a>
        </li>
        <li>
          <a href={`${base}/people`}>{t('admin.section.people')}</a> <span className="count">({peopleCount})</span>
        </li>
        <li>
          <a href={`${base}/people/new`}>{t('admin.invite_title')}</a>
        </li>
      </ul>
      {!systemAdmin ? (
        <>
          <h2>{t('admin.my_organizations')}</h2>
          <ul>
            {organizations.map((o) => (
              <li key={o.id}>
                <a href={`${base}/organizations/${o.id}`}>
                  <LangText value={o.name} />
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

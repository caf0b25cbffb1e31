import { useTranslation } from '../../useTranslation.js';
import type { ActorProfile } from '../../../core/access/whoAmI.js';
import { LangText } from '../../components/common.js';
import { usePage } from '../../context.js';

export interface WorkLinks {
  services: boolean;
  review: boolean;
  people: boolean;
  admin: boolean;
  audit: boolean;
  programme?: boolean;
  concerns?: boolean;
  guides?: boolean;
  feedback?: boolean;
  search?: boolean;
  events?: boolean;
  childImpact?: boolean;
}

/** The professionals' workspace: who I am in the network and what I can do here. */
export function WorkPage({
  name,
  systemRole,
  profile,
  links,
}: {
  name: string;
  systemRole: string | null;
  profile: ActorProfile;
  links: WorkLinks;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <h1>{t('work.title')}</h1>
      <p className="lead">{t('work.welcome', { name })}</p>
      {systemRole ? <p>{t('work.system_role', { role: t(`role.${systemRole}`) })}</p> : null}
      <h2>{t('work.tasks')}</h2>
      <ul className="tiles">
        {links.services ? (
          <li>
            <a href={`/${lang}/work/services`}>{t('work.link.services')}</a>
          </li>
        ) : null}
        {links.review ? (
          <li>
            <a href={`/${lang}/work/review`}>{t('work.link.review')}</a>
          </li>
        ) : null}
        {links.people ? (
          <li>
            <a href={`/${lang}/work/people`}>{t('work.link.people')}</a>
          </li>
        ) : null}
        {links.admin ? (
          <li>
            <a href={`/${lang}/work/admin`}>{t('work.link.admin')}</a>
          </li>
        ) : null}
        {links.audit ? (
          <li>
            <a href={`/${lang}/work/audit`}>{t('work.link.audit')}</a>
          </li>
        ) : null}
        {links.programme ? (
          <li>
            <a href={`/${lang}/programme`}>{t('programme.work_link')}</a>
          </li>
        ) : null}
        {links.concerns ? (
          <li>
            <a href={`/${lang}/work/concerns`}>{t('concerns.work_link')}</a>
          </li>
        ) : null}
        {links.guides ? (
          <li>
            <a href={`/${lang}/work/guides`}>{t('guides.work_link')}</a>
          </li>
        ) : null}
        {links.feedback ? (
          <li>
            <a href={`/${lang}/work/feedback`}>{t('feedback.work_link')}</a>
          </li>
        ) : null}
        <li>
          <a href={`/${lang}/work/questions`}>{t('questions.work_link')}</a>
        </li>
        {links.events ? (
          <li>
            <a href={`/${lang}/work/events`}>{t('work.link.events')}</a>
          </li>
        ) : null}
        {links.childImpact ? (
          <li>
            <a href={`/${lang}/work/child-impact`}>{t('work.link.child_impact')}</a>
          </li>
        ) : null}
        <li>
          <a href={`/${lang}/work/working-models`}>{t('work.link.working_models')}</a>
        </li>
        <li>
          <a href={`/${lang}/work/onboarding`}>{t('work.link.onboarding')}</a>
        </li>
        {links.search ? (
          <li>
            <a href={`/${lang}/work/search`}>{t('needs.work_link')}</a>
          </li>
        ) : null}
        <li>
          <a href={`/${lang}/work/account`}>{t('work.link.account')}</a>
        </li>
      </ul>
      <h2>{t('work.my_organizations')}</h2>
      {profile.organizations.length ? (
        <ul>
          {profile.organizations.map((o) => (
            <li key={o.id}>
              <LangText value={o.name} /> – {t(`role.${o.role}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('work.no_organizations')}</p>
      )}
      <h2>{t('work.my_teams')}</h2>
      {profile.teams.length ? (
        <ul>
          {profile.teams.map((tm) => (
            <li key={tm.id}>
              <LangText value={tm.name} /> (<LangText value={tm.organizationName} />) – {t(`role.team_${tm.role}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('work.no_teams')}</p>
      )}
    </>
  );
}

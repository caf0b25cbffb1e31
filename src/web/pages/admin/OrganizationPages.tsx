import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  SelectField,
  TranslatedFields,
  type FormError,
} from '../../components/forms.js';
import type { Translated } from '../../../core/shared/lang.js';
import { useTranslation } from '../../useTranslation.js';
import type { OrganizationDetail, OrganizationSummary } from '../../../core/admin/organizations.js';
import { ORG_TYPES } from '../../../core/directory/vocabulary.js';
import { pick } from '../../../core/shared/translated.js';
import { LangText, SummaryList } from '../../components/common.js';
import { usePage } from '../../context.js';
import { municipalityName, sortedMunicipalities } from '../../format.js';
import { AdminHeader } from './AdminNav.js';

export function OrganizationsPage({
  organizations,
  canCreate,
  notice,
}: {
  organizations: OrganizationSummary[];
  canCreate: boolean;
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/organizations`;
  return (
    <>
      <AdminHeader section="organizations" trail={[{ label: t('admin.section.organizations') }]} notice={notice} />
      <h1>{t('admin.section.organizations')}</h1>
      {canCreate ? (
        <p>
          <a className="button" href={`${base}/new`}>
            {t('admin.org_new_title')}
          </a>
        </p>
      ) : null}
      {organizations.length ? (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t('admin.section.organizations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.org_name')}</th>
                <th scope="col">{t('admin.org_type')}</th>
                <th scope="col">{t('admin.org_municipality')}</th>
                <th scope="col">{t('admin.people_count')}</th>
                <th scope="col">{t('admin.teams_count')}</th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((o) => (
                <tr key={o.id}>
                  <td>
                    <a href={`${base}/${o.id}`}>
                      <LangText value={o.name} />
                    </a>
                  </td>
                  <td>{t(`org_type.${o.type}`)}</td>
                  <td>{o.municipalityCode ? municipalityName(o.municipalityCode, lang) : '–'}</td>
                  <td>{o.people}</td>
                  <td>{o.teams}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('admin.no_organizations')}</p>
      )}
    </>
  );
}

export interface OrganizationForm {
  name: Translated;
  type: string;
  municipality: string;
  /** The version the form was opened on (a save over a newer one is refused). */
  version?: string;
}

/** The organisation as someone else saved it while this form was open. */
export interface SavedMeanwhile {
  name: Translated;
  type: string;
  municipalityCode: string | null;
  publishNeedsSecondPerson: boolean;
}

/** What someone else saved meanwhile, shown beside the form that keeps what this person chose. */
function SavedMeanwhileNote({ current }: { current: SavedMeanwhile }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <section className="notice conflict" aria-labelledby="meanwhile-title">
      <h2 id="meanwhile-title">{t('editing.conflict.title')}</h2>
      <p>{t('editing.conflict.org_now')}</p>
      <SummaryList
        rows={[
          { key: 'name', label: t('admin.org_name'), value: pick(current.name, lang) },
          { key: 'type', label: t('admin.org_type'), value: t(`org_type.${current.type}`) },
          {
            key: 'municipality',
            label: t('admin.org_municipality'),
            value: current.municipalityCode ? municipalityName(current.municipalityCode, lang) : null,
          },
          {
            key: 'publishing',
            label: t('admin.publish_needs_second_person'),
            value: t(current.publishNeedsSecondPerson ? 'editing.conflict.yes' : 'editing.conflict.no'),
          },
        ]}
      />
    </section>
  );
}

/** Adding an organisation, or changing its name, type and municipality (system administrators). */
export function OrganizationFormPage({
  id,
  form,
  errors,
  meanwhile,
}: {
  id?: string;
  form: OrganizationForm;
  errors: FormError[];
  meanwhile?: SavedMeanwhile | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/organizations`;
  const title = t(id ? 'admin.org_edit_title' : 'admin.org_new_title');
  return (
    <>
      <AdminHeader
        section="organizations"
        trail={[
          { href: base, label: t('admin.section.organizations') },
          ...(id ? [{ href: `${base}/${id}`, label: pick(form.name, lang) }] : []),
          { label: title },
        ]}
      />
      <div className="form-narrow admin-form">
        <h1>{title}</h1>
        <ErrorSummary errors={errors} />
        {meanwhile ? <SavedMeanwhileNote current={meanwhile} /> : null}
        <form method="post" action={id ? `${base}/${id}` : base} noValidate>
          <CsrfField />
          {form.version ? <input type="hidden" name="version" value={form.version} /> : null}
          <TranslatedFields
            name="name"
            label={t('admin.org_name')}
            hint={t('admin.name_hint')}
            value={form.name}
            errors={errors}
          />
          <SelectField
            name="type"
            label={t('admin.org_type')}
            value={form.type}
            errors={errors}
            emptyLabel={t('admin.choose')}
            options={ORG_TYPES.map((v) => ({ value: v, label: t(`org_type.${v}`) }))}
          />
          <SelectField
            name="municipality"
            label={t('admin.org_municipality')}
            hint={t('admin.org_municipality_hint')}
            value={form.municipality}
            errors={errors}
            emptyLabel={t('admin.none')}
            options={sortedMunicipalities(lang).map((m) => ({ value: m.code, label: municipalityName(m.code, lang) }))}
          />
          <div className="form-actions">
            <button type="submit" className="button">
              {t(id ? 'admin.save' : 'admin.org_create')}
            </button>
            <a href={id ? `${base}/${id}` : base}>{t('admin.cancel')}</a>
          </div>
        </form>
      </div>
    </>
  );
}

/** One organisation for its administrators: settings, people and teams. */
export function OrganizationPage({
  org,
  canEdit,
  notice,
  settingsErrors,
  meanwhile,
}: {
  org: OrganizationDetail;
  canEdit: boolean;
  notice?: string | null;
  settingsErrors?: FormError[];
  /** Someone else changed the organisation meanwhile: as it is now (`org` then holds this person's choice). */
  meanwhile?: SavedMeanwhile | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin`;
  return (
    <>
      <AdminHeader
        section="organizations"
        trail={[
          { href: `${base}/organizations`, label: t('admin.section.organizations') },
          { label: pick(org.name, lang) },
        ]}
        notice={notice}
      />
      <LangText as="h1" value={org.name} />
      <SummaryList
        rows={[
          { key: 'type', label: t('admin.org_type'), value: t(`org_type.${org.type}`) },
          {
            key: 'municipality',
            label: t('admin.org_municipality'),
            value: org.municipalityCode ? municipalityName(org.municipalityCode, lang) : null,
          },
          { key: 'source', label: t('admin.org_source'), value: t(`admin.source.${org.source}`) },
        ]}
      />
      {canEdit ? (
        <p>
          <a href={`${base}/organizations/${org.id}/edit`}>{t('admin.org_edit_title')}</a>
        </p>
      ) : null}

      <h2 id="settings-title">{t('admin.org_settings')}</h2>
      <ErrorSummary errors={settingsErrors ?? []} />
      {meanwhile ? <SavedMeanwhileNote current={meanwhile} /> : null}
      <form method="post" action={`${base}/organizations/${org.id}/settings`} aria-labelledby="settings-title">
        <CsrfField />
        <input type="hidden" name="version" value={org.version} />
        {/* Unticked boxes are not posted: the hidden default says "false" (the reader takes the last value). */}
        <input type="hidden" name="publish_needs_second_person" value="false" />
        <CheckboxesField
          name="publish_needs_second_person"
          label={t('admin.publishing')}
          values={org.publishNeedsSecondPerson ? ['true'] : []}
          errors={settingsErrors}
          options={[
            {
              value: 'true',
              label: t('admin.publish_needs_second_person'),
              hint: t('admin.publish_needs_second_person_hint'),
            },
          ]}
        />
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            {t('admin.save_settings')}
          </button>
        </div>
      </form>

      <h2>{t('admin.org_people', { count: org.members.length })}</h2>
      <p>
        <a className="button" href={`${base}/people/new?organization=${org.id}`}>
          {t('admin.invite_title')}
        </a>
      </p>
      {org.members.length ? (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('admin.person_name')}</th>
                <th scope="col">{t('admin.email')}</th>
                <th scope="col">{t('admin.role')}</th>
              </tr>
            </thead>
            <tbody>
              {org.members.map((m) => (
                <tr key={m.personId}>
                  <td>
                    <a href={`${base}/people/${m.personId}`}>{m.name}</a>
                    {m.status === 'disabled' ? (
                      <>
                        {' '}
                        <span className="tag">{t('admin.disabled')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{m.email}</td>
                  <td>{t(`role.${m.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('admin.org_no_people')}</p>
      )}

      <h2>{t('admin.org_teams', { count: org.teamList.length })}</h2>
      <p>
        <a className="button button-secondary" href={`${base}/teams/new?organization=${org.id}`}>
          {t('admin.team_new_title')}
        </a>
      </p>
      {org.teamList.length ? (
        <ul>
          {org.teamList.map((tm) => (
            <li key={tm.id}>
              <a href={`${base}/teams/${tm.id}`}>
                <LangText value={tm.name} />
              </a>{' '}
              ({t('admin.members_count', { count: tm.members })})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('admin.org_no_teams')}</p>
      )}
    </>
  );
}

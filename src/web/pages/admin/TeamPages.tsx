import {
  CsrfField,
  ErrorSummary,
  SelectField,
  TextField,
  TranslatedFields,
  type FormError,
} from '../../components/forms.js';
import type { Translated } from '../../../core/shared/lang.js';
import { useTranslation } from '../../useTranslation.js';
import type { TeamDetail, TeamSummary } from '../../../core/admin/teams.js';
import { TEAM_ROLES } from '../../../core/access/permissions.js';
import { pick } from '../../../core/shared/translated.js';
import { LangText } from '../../components/common.js';
import { usePage } from '../../context.js';
import { AdminHeader } from './AdminNav.js';
import { ActionButton } from './ActionButton.js';

export function TeamsPage({ teams, notice }: { teams: TeamSummary[]; notice?: string | null }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/teams`;
  return (
    <>
      <AdminHeader section="teams" trail={[{ label: t('admin.section.teams') }]} notice={notice} />
      <h1>{t('admin.section.teams')}</h1>
      <p>{t('admin.teams_lead')}</p>
      <p>
        <a className="button" href={`${base}/new`}>
          {t('admin.team_new_title')}
        </a>
      </p>
      {teams.length ? (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('admin.team_name')}</th>
                <th scope="col">{t('admin.team_owner')}</th>
                <th scope="col">{t('admin.members')}</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((tm) => (
                <tr key={tm.id}>
                  <td>
                    <a href={`${base}/${tm.id}`}>
                      <LangText value={tm.name} />
                    </a>
                  </td>
                  <td>
                    <LangText value={tm.organizationName} />
                  </td>
                  <td>{tm.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('admin.no_teams')}</p>
      )}
    </>
  );
}

export interface TeamForm {
  organization: string;
  name: Translated;
  description: Translated;
}

export function TeamFormPage({
  id,
  form,
  organizations,
  errors,
}: {
  id?: string;
  form: TeamForm;
  organizations: { id: string; name: Translated }[];
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/teams`;
  const title = t(id ? 'admin.team_edit_title' : 'admin.team_new_title');
  return (
    <>
      <AdminHeader
        section="teams"
        trail={[
          { href: base, label: t('admin.section.teams') },
          ...(id ? [{ href: `${base}/${id}`, label: pick(form.name, lang) }] : []),
          { label: title },
        ]}
      />
      <div className="form-narrow admin-form">
        <h1>{title}</h1>
        <ErrorSummary errors={errors} />
        <form method="post" action={id ? `${base}/${id}` : base} noValidate>
          <CsrfField />
          {id ? null : (
            <SelectField
              name="organization"
              label={t('admin.team_owner')}
              hint={t('admin.team_owner_hint')}
              value={form.organization}
              errors={errors}
              emptyLabel={organizations.length > 1 ? t('admin.choose') : undefined}
              options={organizations.map((o) => ({ value: o.id, label: pick(o.name, lang) }))}
            />
          )}
          <TranslatedFields
            name="name"
            label={t('admin.team_name')}
            hint={t('admin.name_hint')}
            value={form.name}
            errors={errors}
          />
          <TranslatedFields
            name="description"
            label={t('admin.team_description')}
            hint={t('admin.team_description_hint')}
            value={form.description}
            errors={errors}
            multiline
          />
          <div className="form-actions">
            <button type="submit" className="button">
              {t(id ? 'admin.save' : 'admin.team_create')}
            </button>
            <a href={id ? `${base}/${id}` : base}>{t('admin.cancel')}</a>
          </div>
        </form>
      </div>
    </>
  );
}

export interface TeamMemberForm {
  email: string;
  role: string;
}

export function TeamPage({
  team,
  notice,
  memberForm,
  errors,
}: {
  team: TeamDetail;
  notice?: string | null;
  memberForm: TeamMemberForm;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/teams/${team.id}`;
  const roleOptions = TEAM_ROLES.map((r) => ({ value: r, label: t(`role.team_${r}`) }));
  return (
    <>
      <AdminHeader
        section="teams"
        trail={[
          { href: `/${lang}/work/admin/teams`, label: t('admin.section.teams') },
          { label: pick(team.name, lang) },
        ]}
        notice={notice}
      />
      <LangText as="h1" value={team.name} />
      <p>
        {t('admin.team_owned_by')}{' '}
        <a href={`/${lang}/work/admin/organizations/${team.organizationId}`}>
          <LangText value={team.organizationName} />
        </a>
      </p>
      <LangText as="p" value={team.description} />
      <p>
        <a href={`${base}/edit`}>{t('admin.team_edit_title')}</a>
      </p>

      <h2>{t('admin.members')}</h2>
      {team.memberList.length ? (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('admin.person_name')}</th>
                <th scope="col">{t('admin.email')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {team.memberList.map((m) => (
                <tr key={m.personId}>
                  <td>
                    {m.name}
                    {m.status === 'disabled' ? (
                      <>
                        {' '}
                        <span className="tag">{t('admin.disabled')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{m.email}</td>
                  <td>
                    <form method="post" action={`${base}/members`} className="admin-inline-form">
                      <CsrfField />
                      <input type="hidden" name="person_id" value={m.personId} />
                      <SelectField
                        name="role"
                        id={`role-${m.personId}`}
                        label={<span className="visually-hidden">{t('admin.role_of', { name: m.name })}</span>}
                        value={m.role}
                        options={roleOptions}
                      />{' '}
                      <button type="submit" className="button button-secondary">
                        {t('admin.change_role')}
                        <span className="visually-hidden"> {m.name}</span>
                      </button>
                    </form>
                  </td>
                  <td>
                    <ActionButton
                      action={`${base}/members/${m.personId}/remove`}
                      label={
                        <>
                          {t('admin.remove')}
                          <span className="visually-hidden"> {m.name}</span>
                        </>
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('admin.team_no_members')}</p>
      )}

      <h2 id="add-member-title">{t('admin.team_add_member')}</h2>
      <ErrorSummary errors={errors} />
      <form
        method="post"
        action={`${base}/members`}
        noValidate
        aria-labelledby="add-member-title"
        className="form-narrow"
      >
        <CsrfField />
        <TextField
          name="email"
          type="email"
          label={t('admin.email')}
          hint={t('admin.team_add_member_hint')}
          value={memberForm.email}
          errors={errors}
          spellCheck={false}
          autoComplete="off"
        />
        <SelectField
          name="role"
          label={t('admin.role')}
          value={memberForm.role}
          errors={errors}
          options={roleOptions}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('admin.team_add_member_submit')}
          </button>
        </div>
      </form>

      <h2>{t('admin.team_delete_title')}</h2>
      <p>
        <a href={`${base}/delete`}>{t('admin.team_delete')}</a>
      </p>
    </>
  );
}

/** Removing a team is asked once more: its memberships end. */
export function TeamDeletePage({ team }: { team: TeamDetail }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/teams/${team.id}`;
  return (
    <>
      <AdminHeader
        section="teams"
        trail={[
          { href: `/${lang}/work/admin/teams`, label: t('admin.section.teams') },
          { href: base, label: pick(team.name, lang) },
          { label: t('admin.team_delete_title') },
        ]}
      />
      <div className="form-narrow">
        <h1>{t('admin.team_delete_confirm', { name: pick(team.name, lang) })}</h1>
        <p>{t('admin.team_delete_lead')}</p>
        <p>{t('admin.members_count', { count: team.members })}</p>
        <div className="form-actions">
          <ActionButton action={`${base}/delete`} label={t('admin.team_delete')} secondary={false} />
          <a href={base}>{t('admin.cancel')}</a>
        </div>
      </div>
    </>
  );
}

import { CsrfField, ErrorSummary, RadioField, SelectField, TextField, type FormError } from '../../components/forms.js';
import type { Translated } from '../../../core/shared/lang.js';
import { LANGS } from '../../../core/shared/lang.js';
import { useTranslation } from '../../useTranslation.js';
import type { PersonDetail, PersonSummary } from '../../../core/admin/people.js';
import { ORG_ROLES, SYSTEM_ROLES } from '../../../core/access/permissions.js';
import { pick } from '../../../core/shared/translated.js';
import { LangText, SummaryList } from '../../components/common.js';
import { usePage } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { AdminHeader } from './AdminNav.js';
import { Pager, queryString } from '../../components/Pager.js';
import { ActionButton } from './ActionButton.js';

export interface PeopleListForm {
  q: string;
  organization: string;
}

export function PeopleListPage({
  result,
  form,
  organizations,
  notice,
}: {
  result: { rows: PersonSummary[]; total: number; page: number; perPage: number };
  form: PeopleListForm;
  organizations: { id: string; name: Translated }[];
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/people`;
  return (
    <>
      <AdminHeader section="people" trail={[{ label: t('admin.section.people') }]} notice={notice} />
      <h1>{t('admin.section.people')}</h1>
      <p>
        <a className="button" href={`${base}/new`}>
          {t('admin.invite_title')}
        </a>
      </p>
      <form method="get" action={base} className="admin-filter" role="search" aria-label={t('admin.people_search')}>
        <TextField name="q" type="search" label={t('admin.people_search_label')} value={form.q} />
        <SelectField
          name="organization"
          label={t('admin.organization')}
          value={form.organization}
          emptyLabel={t('admin.all_organizations')}
          options={organizations.map((o) => ({ value: o.id, label: pick(o.name, lang) }))}
        />
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            {t('admin.search')}
          </button>
        </div>
      </form>
      <p role="status">{t('admin.people_found', { count: result.total })}</p>
      {result.rows.length ? (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('admin.person_name')}</th>
                <th scope="col">{t('admin.email')}</th>
                <th scope="col">{t('admin.memberships')}</th>
                <th scope="col">{t('admin.state')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`${base}/${p.id}`}>{p.name}</a>
                    {p.systemRole ? (
                      <>
                        <br />
                        <span className="tag">{t(`role.${p.systemRole}`)}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{p.email}</td>
                  <td>
                    {p.memberships.length ? (
                      <ul className="plain">
                        {p.memberships.map((m) => (
                          <li key={m.organizationId}>
                            <LangText value={m.organizationName} /> – {t(`role.${m.role}`)}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>
                    {t(
                      p.status === 'disabled'
                        ? 'admin.disabled'
                        : p.invitationPending
                          ? 'admin.invitation_pending'
                          : 'admin.active',
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager
        page={result.page}
        perPage={result.perPage}
        total={result.total}
        href={(page) => `${base}${queryString({ q: form.q, organization: form.organization, page })}`}
      />
    </>
  );
}

export interface InviteForm {
  email: string;
  name: string;
  organization: string;
  role: string;
  systemRole: string;
  mailLang: string;
}

export function InvitePage({
  form,
  organizations,
  systemAdmin,
  errors,
}: {
  form: InviteForm;
  organizations: { id: string; name: Translated }[];
  systemAdmin: boolean;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/people`;
  return (
    <>
      <AdminHeader
        section="people"
        trail={[{ href: base, label: t('admin.section.people') }, { label: t('admin.invite_title') }]}
      />
      <div className="form-narrow admin-form">
        <h1>{t('admin.invite_title')}</h1>
        <p>{t('admin.invite_lead')}</p>
        <ErrorSummary errors={errors} />
        <form method="post" action={base} noValidate>
          <CsrfField />
          <TextField
            name="email"
            type="email"
            label={t('admin.email')}
            hint={t('admin.invite_email_hint')}
            value={form.email}
            errors={errors}
            spellCheck={false}
            autoComplete="off"
          />
          <TextField
            name="name"
            label={t('admin.person_name')}
            hint={t('admin.invite_name_hint')}
            value={form.name}
            errors={errors}
            autoComplete="off"
          />
          <SelectField
            name="organization"
            label={t('admin.organization')}
            value={form.organization}
            errors={errors}
            emptyLabel={
              systemAdmin ? t('admin.no_organization') : organizations.length > 1 ? t('admin.choose') : undefined
            }
            options={organizations.map((o) => ({ value: o.id, label: pick(o.name, lang) }))}
          />
          <RadioField
            name="role"
            label={t('admin.role')}
            value={form.role || 'member'}
            errors={errors}
            options={ORG_ROLES.map((r) => ({ value: r, label: t(`role.${r}`), hint: t(`admin.role_hint.${r}`) }))}
          />
          {systemAdmin ? (
            <RadioField
              name="system_role"
              label={t('admin.system_role')}
              hint={t('admin.system_role_hint')}
              value={form.systemRole}
              errors={errors}
              options={[
                { value: '', label: t('admin.no_system_role') },
                ...SYSTEM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`), hint: t(`admin.role_hint.${r}`) })),
              ]}
            />
          ) : null}
          <RadioField
            name="mail_lang"
            label={t('admin.mail_lang')}
            hint={t('admin.mail_lang_hint')}
            value={form.mailLang}
            errors={errors}
            options={LANGS.map((l) => ({ value: l, label: t(`admin.lang_name.${l}`) }))}
          />
          <div className="form-actions">
            <button type="submit" className="button">
              {t('admin.invite_submit')}
            </button>
            <a href={base}>{t('admin.cancel')}</a>
          </div>
        </form>
      </div>
    </>
  );
}

/** Which of the person page's forms failed, with what was typed into it. */
export type PersonForm =
  | { form: 'membership'; organization: string; role: string; errors: FormError[] }
  | { form: 'identity'; name: string; email: string; errors: FormError[] }
  | { form: 'system_role'; systemRole: string; errors: FormError[] }
  | { form: 'general'; errors: FormError[] };

export function PersonPage({
  person,
  organizations,
  notice,
  failed,
}: {
  person: PersonDetail;
  organizations: { id: string; name: Translated }[];
  notice?: string | null;
  failed?: PersonForm;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin/people/${person.id}`;
  const manages = (orgId: string) => person.may.organizations.includes('*') || person.may.organizations.includes(orgId);
  const addable = organizations
    .filter((o) => !person.memberships.some((m) => m.organizationId === o.id))
    .map((o) => ({ value: o.id, label: pick(o.name, lang) }));
  const errorsOf = (form: PersonForm['form']) => (failed?.form === form ? failed.errors : []);
  const m = failed?.form === 'membership' ? failed : null;
  const idf = failed?.form === 'identity' ? failed : null;
  const sr = failed?.form === 'system_role' ? failed : null;
  return (
    <>
      <AdminHeader
        section="people"
        trail={[{ href: `/${lang}/work/admin/people`, label: t('admin.section.people') }, { label: person.name }]}
        notice={notice}
      />
      <h1>{person.name}</h1>
      <ErrorSummary errors={errorsOf('general')} />
      <SummaryList
        rows={[
          { key: 'email', label: t('admin.email'), value: person.email },
          { key: 'title', label: t('people.title'), value: pick(person.title, lang) || null },
          { key: 'phone', label: t('people.phone'), value: person.phone },
          {
            key: 'system_role',
            label: t('admin.system_role'),
            value: person.systemRole ? t(`role.${person.systemRole}`) : null,
          },
          {
            key: 'state',
            label: t('admin.state'),
            value: t(
              person.status === 'disabled'
                ? 'admin.disabled'
                : person.invitationPending
                  ? 'admin.invitation_pending'
                  : 'admin.active',
            ),
          },
          {
            key: 'last',
            label: t('admin.last_sign_in'),
            value: person.lastSignInAt ? formatDateTime(person.lastSignInAt, lang) : t('admin.never'),
          },
        ]}
      />
      {person.status === 'active' && (person.invitationPending || person.may.manageAll) ? (
        <ActionButton
          action={`${base}/invitation`}
          label={t(person.invitationPending ? 'admin.resend_invitation' : 'admin.send_password_link')}
        />
      ) : null}

      <h2>{t('admin.memberships')}</h2>
      {person.memberships.length ? (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('admin.organization')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {person.memberships.map((ms) => (
                <tr key={ms.organizationId}>
                  <td>
                    <LangText value={ms.organizationName} />
                  </td>
                  <td>
                    {manages(ms.organizationId) ? (
                      <form method="post" action={`${base}/memberships`} className="admin-inline-form">
                        <CsrfField />
                        <input type="hidden" name="organization" value={ms.organizationId} />
                        <SelectField
                          name="role"
                          id={`role-${ms.organizationId}`}
                          label={
                            <span className="visually-hidden">
                              {t('admin.role_in', { organization: pick(ms.organizationName, lang) })}
                            </span>
                          }
                          value={ms.role}
                          options={ORG_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                        />{' '}
                        <button type="submit" className="button button-secondary">
                          {t('admin.change_role')}
                          <span className="visually-hidden"> {pick(ms.organizationName, lang)}</span>
                        </button>
                      </form>
                    ) : (
                      t(`role.${ms.role}`)
                    )}
                  </td>
                  <td>
                    {manages(ms.organizationId) ? (
                      <ActionButton
                        action={`${base}/memberships/${ms.organizationId}/remove`}
                        label={
                          <>
                            {t('admin.remove')}
                            <span className="visually-hidden"> {pick(ms.organizationName, lang)}</span>
                          </>
                        }
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('admin.no_memberships')}</p>
      )}
      {addable.length ? (
        <>
          <h3 id="add-membership-title">{t('admin.add_membership')}</h3>
          <ErrorSummary errors={errorsOf('membership')} />
          <form
            method="post"
            action={`${base}/memberships`}
            noValidate
            aria-labelledby="add-membership-title"
            className="form-narrow"
          >
            <CsrfField />
            <SelectField
              name="organization"
              label={t('admin.organization')}
              value={m?.organization ?? ''}
              errors={errorsOf('membership')}
              emptyLabel={t('admin.choose')}
              options={addable}
            />
            <SelectField
              name="role"
              label={t('admin.role')}
              value={m?.role ?? 'member'}
              errors={errorsOf('membership')}
              options={ORG_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
            <div className="form-actions">
              <button type="submit" className="button button-secondary">
                {t('admin.add_membership_submit')}
              </button>
            </div>
          </form>
        </>
      ) : null}

      <h2>{t('admin.teams_of_person')}</h2>
      {person.teams.length ? (
        <ul>
          {person.teams.map((tm) => (
            <li key={tm.teamId}>
              {manages(tm.organizationId) ? (
                <a href={`/${lang}/work/admin/teams/${tm.teamId}`}>
                  <LangText value={tm.name} />
                </a>
              ) : (
                <LangText value={tm.name} />
              )}{' '}
              (<LangText value={tm.organizationName} />) – {t(`role.team_${tm.role}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('admin.no_teams_of_person')}</p>
      )}

      {person.may.manageAll ? (
        <>
          <h2>{t('admin.system_admin_section')}</h2>
          <h3 id="identity-title">{t('admin.identity_title')}</h3>
          <ErrorSummary errors={errorsOf('identity')} />
          <form
            method="post"
            action={`${base}/identity`}
            noValidate
            aria-labelledby="identity-title"
            className="form-narrow"
          >
            <CsrfField />
            <TextField
              name="name"
              label={t('admin.person_name')}
              value={idf?.name ?? person.name}
              errors={errorsOf('identity')}
              autoComplete="off"
            />
            <TextField
              name="email"
              type="email"
              label={t('admin.email')}
              value={idf?.email ?? person.email}
              errors={errorsOf('identity')}
              spellCheck={false}
              autoComplete="off"
            />
            <div className="form-actions">
              <button type="submit" className="button button-secondary">
                {t('admin.save')}
              </button>
            </div>
          </form>

          <h3 id="system-role-title">{t('admin.system_role')}</h3>
          <ErrorSummary errors={errorsOf('system_role')} />
          <form
            method="post"
            action={`${base}/system-role`}
            noValidate
            aria-labelledby="system-role-title"
            className="form-narrow"
          >
            <CsrfField />
            <RadioField
              name="system_role"
              label={t('admin.system_role')}
              hint={t('admin.system_role_hint')}
              value={sr?.systemRole ?? person.systemRole ?? ''}
              errors={errorsOf('system_role')}
              options={[
                { value: '', label: t('admin.no_system_role') },
                ...SYSTEM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`), hint: t(`admin.role_hint.${r}`) })),
              ]}
            />
            <div className="form-actions">
              <button type="submit" className="button button-secondary">
                {t('admin.save_system_role')}
              </button>
            </div>
          </form>

          <h3>{t('admin.status_title')}</h3>
          <p>{t(person.status === 'disabled' ? 'admin.enable_lead' : 'admin.disable_lead')}</p>
          <ActionButton
            action={`${base}/status`}
            fields={{ status: person.status === 'disabled' ? 'active' : 'disabled' }}
            label={t(person.status === 'disabled' ? 'admin.enable' : 'admin.disable')}
          />
        </>
      ) : null}
    </>
  );
}

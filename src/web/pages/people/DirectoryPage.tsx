import type { Translated } from '../../../core/shared/lang.js';
import { useTranslation } from '../../useTranslation.js';
import type { DirectoryEntry, DirectoryPage as Result } from '../../../core/people/directory.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import { Notice, SelectField, TextField } from '../../components/forms.js';
import { Pager, queryString } from '../../components/Pager.js';
import { usePage } from '../../context.js';

export interface DirectoryForm {
  q: string;
  organization: string;
  team: string;
  language: string;
}

export interface DirectoryChoices {
  organizations: { id: string; name: Translated }[];
  teams: { id: string; name: Translated; organizationName: Translated }[];
  languages: string[];
}

function Entry({ p }: { p: DirectoryEntry }) {
  const { t } = useTranslation();
  return (
    <li className="people-entry">
      <h2 className="people-name">{p.name}</h2>
      <LangText as="p" value={p.title} className="people-title" />
      <dl className="summary-list">
        {p.organizations.length ? (
          <div className="summary-row">
            <dt>{t('people.works_in')}</dt>
            <dd>
              <ul className="plain">
                {p.organizations.map((o) => (
                  <li key={o.id}>
                    <LangText value={o.name} /> – {t(`role.${o.role}`)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {p.teams.length ? (
          <div className="summary-row">
            <dt>{t('people.teams')}</dt>
            <dd>
              <ul className="plain">
                {p.teams.map((tm) => (
                  <li key={tm.id}>
                    <LangText value={tm.name} /> (<LangText value={tm.organizationName} />)
                    {tm.role === 'lead' ? ` – ${t('role.team_lead')}` : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {p.phone ? (
          <div className="summary-row">
            <dt>{t('people.phone')}</dt>
            <dd>
              <a href={`tel:${p.phone.replace(/[^+0-9]/g, '')}`}>{p.phone}</a>
            </dd>
          </div>
        ) : null}
        <div className="summary-row">
          <dt>{t('people.email')}</dt>
          <dd>
            <a href={`mailto:${p.email}`}>{p.email}</a>
          </dd>
        </div>
        {p.languages.length ? (
          <div className="summary-row">
            <dt>{t('people.languages')}</dt>
            <dd>{p.languages.map((l) => t(`people.language.${l}`)).join(', ')}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

/** Who works where in the network: for signed-in professionals only. */
export function DirectoryPage({
  result,
  form,
  choices,
  notice,
}: {
  result: Result;
  form: DirectoryForm;
  choices: DirectoryChoices;
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/people`;
  return (
    <>
      <Breadcrumbs items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('people.title_page') }]} />
      {notice ? <Notice kind="success">{t(`people.notice.${notice}`)}</Notice> : null}
      <h1>{t('people.title_page')}</h1>
      <p className="lead">{t('people.lead')}</p>
      <p>
        <a href={`${base}/me`}>{t('people.edit_own')}</a>
      </p>
      <form method="get" action={base} className="admin-filter" role="search" aria-label={t('people.search')}>
        <TextField
          name="q"
          type="search"
          label={t('people.search_label')}
          hint={t('people.search_hint')}
          value={form.q}
        />
        <SelectField
          name="organization"
          label={t('people.organization')}
          value={form.organization}
          emptyLabel={t('people.any_organization')}
          options={choices.organizations.map((o) => ({ value: o.id, label: pick(o.name, lang) }))}
        />
        <SelectField
          name="team"
          label={t('people.team')}
          value={form.team}
          emptyLabel={t('people.any_team')}
          options={choices.teams.map((tm) => ({
            value: tm.id,
            label: `${pick(tm.name, lang)} (${pick(tm.organizationName, lang)})`,
          }))}
        />
        <SelectField
          name="language"
          label={t('people.language_filter')}
          value={form.language}
          emptyLabel={t('people.any_language')}
          options={choices.languages.map((l) => ({ value: l, label: t(`people.language.${l}`) }))}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('people.search_submit')}
          </button>
        </div>
      </form>
      <p role="status">{t('people.found', { count: result.total })}</p>
      {result.rows.length ? (
        <ul className="plain people-list">
          {result.rows.map((p) => (
            <Entry key={p.id} p={p} />
          ))}
        </ul>
      ) : (
        <p>{t('people.none_found')}</p>
      )}
      <Pager
        page={result.page}
        perPage={result.perPage}
        total={result.total}
        href={(page) => `${base}${queryString({ ...form, page })}`}
      />
    </>
  );
}

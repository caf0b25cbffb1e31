/**
 * Working models: the list (public, or the network's for signed-in professionals), one model in the structure of
 * Innokylä's descriptions, and the edit form (draft, publish). Text in the reader's language, another marked with
 * its lang where it falls back.
 */
import { useTranslation } from '../../useTranslation.js';
import type { ModelDetail, ModelSummary } from '../../../core/workingModels/queries.js';
import { CONTENT_FIELDS, type WorkingModelContent } from '../../../core/workingModels/types.js';
import { localize, pick } from '../../../core/shared/translated.js';
import type { Translated } from '../../../core/shared/lang.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  Notice,
  SelectField,
  TextField,
  TranslatedFields,
  type FormError,
} from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDate, municipalityName, sortedMunicipalities } from '../../format.js';

const lines = (t: Translated, lang: 'fi' | 'sv' | 'en') => {
  const l = localize(t, lang);
  if (!l) return null;
  return {
    lang: l.lang,
    fallback: l.fallback,
    items: l.text
      .split('\n')
      .map((x) => x.replace(/^\s*(?:[-–•*]|\d+[.)])\s*/, '').trim())
      .filter(Boolean),
  };
};

export function WorkingModelsListPage({
  models,
  municipality,
  work,
}: {
  models: ModelSummary[];
  municipality: string;
  /** The workspace's list (signed in): drafts and network-only models are marked. */
  work: boolean;
}) {
  const { t } = useTranslation();
  const { lang, user } = usePage();
  const action = work ? `/${lang}/work/working-models` : `/${lang}/working-models`;
  return (
    <>
      <h1>{t(work ? 'workingModels.work.title' : 'workingModels.list.title')}</h1>
      <p className="lead">{t('workingModels.list.lead')}</p>
      <ul className="action-links pg-links">
        {work ? (
          <li>
            <a href={`/${lang}/work/working-models/new`}>{t('workingModels.work.new')}</a>
          </li>
        ) : user ? (
          <li>
            <a href={`/${lang}/work/working-models`}>{t('workingModels.list.to_work')}</a>
          </li>
        ) : null}
        <li>
          <a href={`/api/v1/working-models${municipality ? `?municipality=${municipality}` : ''}`}>
            {t('workingModels.list.open_data')}
          </a>
        </li>
        {user ? (
          <li>
            <a href={`/${lang}/work/onboarding`}>{t('workingModels.onboarding.title')}</a>
          </li>
        ) : null}
      </ul>
      <form method="get" action={action} className="pg-filter" aria-labelledby="wm-filter-title">
        <h2 id="wm-filter-title" className="pg-filter-title">
          {t('workingModels.list.filter')}
        </h2>
        <div className="field">
          <label className="label-bold" htmlFor="wm-municipality">
            {t('workingModels.field.municipality')}
          </label>
          <select id="wm-municipality" name="municipality" defaultValue={municipality}>
            <option value="">{t('workingModels.list.all_municipalities')}</option>
            {sortedMunicipalities(lang).map((m) => (
              <option key={m.code} value={m.code}>
                {municipalityName(m.code, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('workingModels.list.apply')}
          </button>
        </div>
      </form>
      {models.length ? (
        <ul className="wm-list">
          {models.map((m) => (
            <li key={m.id} className="wm-card">
              <h2 className="wm-card-title">
                <a href={`/${lang}/working-models/${m.key}`}>
                  <LangText value={m.content.name} missing={m.key} />
                </a>
              </h2>
              <LangText value={m.content.summary} as="p" />
              <p className="pg-muted">
                {pick(m.organizationName, lang)}
                {m.municipalities.length
                  ? ` · ${m.municipalities.map((x) => municipalityName(x.code, lang)).join(', ')}`
                  : ''}
              </p>
              <p>
                {!m.published ? <span className="tag wm-tag-draft">{t('workingModels.state.draft')}</span> : null}
                {m.published && !m.public ? (
                  <span className="tag wm-tag-network">{t('workingModels.state.network')}</span>
                ) : null}
                {m.published && m.hasDraftChanges && m.canKeep ? (
                  <span className="tag wm-tag-draft">{t('workingModels.state.draft_changes')}</span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('workingModels.list.none')}</p>
      )}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="wm-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function WorkingModelPage({
  model,
  content,
  notice,
  showingDraft,
  shownVersion,
}: {
  model: ModelDetail;
  content: WorkingModelContent;
  notice?: string | null;
  showingDraft: boolean;
  /** An earlier version shown instead of the current one. */
  shownVersion?: number;
}) {
  const { t } = useTranslation();
  const { lang, user } = usePage();
  const steps = lines(content.steps, lang);
  const roles = lines(content.roles, lang);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/working-models`, label: t('workingModels.list.title') },
          { label: pick(content.name, lang) || model.key },
        ]}
      />
      {notice ? (
        // eslint-disable-next-line jsx-a11y/no-autofocus -- the confirmation after a save is where focus belongs
        <div id="wm-notice" className="notice notice-success" role="status" tabIndex={-1} autoFocus>
          {t(`workingModels.notice.${notice}`)}
        </div>
      ) : null}
      <LangText value={content.name} as="h1" missing={model.key} />
      {showingDraft ? <Notice>{t('workingModels.state.showing_draft')}</Notice> : null}
      {shownVersion && shownVersion !== model.version ? (
        <Notice>
          {t('workingModels.state.old_version', { version: shownVersion })}{' '}
          <a href={`/${lang}/working-models/${model.key}`}>{t('workingModels.state.to_current')}</a>
        </Notice>
      ) : null}
      <LangText value={content.summary} as="p" className="lead" />
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('workingModels.field.organization')}</dt>
          <dd>
            {pick(model.organizationName, lang)}
            {model.teamName ? ` – ${pick(model.teamName, lang)}` : ''}
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('workingModels.field.municipalities')}</dt>
          <dd>
            {model.municipalities.length ? (
              <ul className="pg-plain-list">
                {model.municipalities.map((m) => (
                  <li key={m.code}>
                    <a href={`/${lang}/programme/municipalities/${m.code}`}>{municipalityName(m.code, lang)}</a>
                    {m.since ? ` – ${t('workingModels.since', { date: formatDate(m.since, lang) })}` : ''}
                    {m.adoptedFrom
                      ? ` (${t('workingModels.adopted_from', { name: municipalityName(m.adoptedFrom, lang) })})`
                      : ''}
                  </li>
                ))}
              </ul>
            ) : (
              t('workingModels.none')
            )}
          </dd>
        </div>
        {model.originAction ? (
          <div className="summary-row">
            <dt>{t('workingModels.field.origin')}</dt>
            <dd>
              <a
                href={`/${lang}/programme/municipalities/${model.originAction.municipalityCodes[0]}#action-${model.originAction.id}`}
              >
                {model.originAction.title}
              </a>
            </dd>
          </div>
        ) : null}
        <div className="summary-row">
          <dt>{t('workingModels.field.version')}</dt>
          <dd>
            {model.version
              ? t('workingModels.version_published', {
                  version: model.version,
                  date: model.publishedAt ? formatDate(model.publishedAt.toISOString(), lang) : '',
                })
              : t('workingModels.state.draft')}
          </dd>
        </div>
        {model.reviewDue ? (
          <div className="summary-row">
            <dt>{t('workingModels.field.review_due')}</dt>
            <dd>{formatDate(model.reviewDue, lang)}</dd>
          </div>
        ) : null}
      </dl>
      {model.canKeep ? (
        <p className="pg-no-print">
          <a href={`/${lang}/work/working-models/${model.id}/edit`}>{t('workingModels.edit')}</a>
        </p>
      ) : null}

      <Section id="wm-problem" title={t('workingModels.field.problem')}>
        <LangText value={content.problem} as="p" missing={t('workingModels.none')} />
      </Section>
      <Section id="wm-target" title={t('workingModels.field.target_group')}>
        <LangText value={content.target_group} as="p" missing={t('workingModels.none')} />
      </Section>
      <Section id="wm-steps" title={t('workingModels.field.steps')}>
        {steps ? (
          <ol lang={steps.lang}>
            {steps.items.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        ) : (
          <p>{t('workingModels.none')}</p>
        )}
      </Section>
      <Section id="wm-roles" title={t('workingModels.field.roles')}>
        {roles ? (
          <ul lang={roles.lang}>
            {roles.items.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        ) : (
          <p>{t('workingModels.none')}</p>
        )}
      </Section>
      <Section id="wm-access" title={t('workingModels.field.access')}>
        <LangText value={content.access} as="p" missing={t('workingModels.none')} />
        {model.services.length ? (
          <>
            <h3>{t('workingModels.field.services')}</h3>
            <ul>
              {model.services.map((s) => (
                <li key={s.id}>
                  <a href={`/${lang}/services/${s.id}`}>
                    <LangText value={s.name} />
                  </a>{' '}
                  <span className="pg-muted">({pick(s.organizationName, lang)})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
      <Section id="wm-resources" title={t('workingModels.field.resources')}>
        <LangText value={content.resources} as="p" missing={t('workingModels.none')} />
      </Section>
      <Section id="wm-evidence" title={t('workingModels.field.evidence')}>
        <LangText value={content.evidence} as="p" missing={t('workingModels.none')} />
      </Section>
      <Section id="wm-contacts" title={t('workingModels.field.contacts')}>
        {model.contacts.length ? (
          <ul>
            {model.contacts.map((p) => (
              <li key={p.id}>
                {p.name}
                {pick(p.title, lang) ? `, ${pick(p.title, lang)}` : ''}
                {user ? (
                  <>
                    {' – '}
                    <a href={`mailto:${p.email}`}>{p.email}</a>
                    {p.phone ? `, ${p.phone}` : ''}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('workingModels.none')}</p>
        )}
        {user && model.owners.length ? (
          <p>
            {t('workingModels.field.owners')}: {model.owners.map((o) => o.name).join(', ')}
          </p>
        ) : null}
      </Section>
      {model.versions.length ? (
        <Section id="wm-versions" title={t('workingModels.field.versions')}>
          <ul className="pg-plain-list">
            {model.versions.map((v) => (
              <li key={v.version}>
                <a href={`/${lang}/working-models/${model.key}/versions/${v.version}`}>
                  {t('workingModels.version_published', {
                    version: v.version,
                    date: formatDate(v.publishedAt.toISOString(), lang),
                  })}
                </a>
                {user && v.publishedBy ? ` (${v.publishedBy})` : ''}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}

export interface ModelForm {
  content: WorkingModelContent;
  organizationId: string;
  teamId: string;
  originActionId: string;
  reviewDue: string;
  public: boolean;
  municipalities: string[];
  since: Record<string, string>;
  serviceIds: string[];
  ownerIds: string[];
  contactIds: string[];
}

export interface EditChoices {
  organizations: { id: string; name: Translated }[];
  teams: { id: string; name: Translated }[];
  services: { id: string; name: Translated }[];
  people: { id: string; name: string }[];
  actions: { id: string; title: string; municipalityCodes: string[] }[];
}

export function WorkingModelEditPage({
  model,
  form,
  choices,
  errors,
  notice,
}: {
  model: ModelDetail | null;
  form: ModelForm;
  choices: EditChoices;
  errors: FormError[];
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const action = model ? `/${lang}/work/working-models/${model.id}/edit` : `/${lang}/work/working-models/new`;
  const title = model
    ? t('workingModels.edit_title', { name: pick(model.draft.name, lang) })
    : t('workingModels.work.new');
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work/working-models`, label: t('workingModels.work.title') },
          ...(model
            ? [{ href: `/${lang}/working-models/${model.key}`, label: pick(model.draft.name, lang) || model.key }]
            : []),
          { label: title },
        ]}
      />
      <ErrorSummary errors={errors} />
      {notice ? (
        // eslint-disable-next-line jsx-a11y/no-autofocus -- the confirmation after a save is where focus belongs
        <div id="wm-notice" className="notice notice-success" role="status" tabIndex={-1} autoFocus>
          {t(`workingModels.notice.${notice}`)}
        </div>
      ) : null}
      <h1>{title}</h1>
      <p className="lead">{t('workingModels.edit_lead')}</p>
      {model ? (
        <p>
          {model.version
            ? t('workingModels.version_published', {
                version: model.version,
                date: model.publishedAt ? formatDate(model.publishedAt.toISOString(), lang) : '',
              })
            : t('workingModels.state.never_published')}
        </p>
      ) : null}
      <form method="post" action={action} className="edit-form" noValidate>
        <CsrfField />
        {!model ? (
          <SelectField
            name="organization"
            label={t('workingModels.field.organization')}
            value={form.organizationId}
            errors={errors}
            options={choices.organizations.map((o) => ({ value: o.id, label: pick(o.name, lang) }))}
          />
        ) : null}
        {CONTENT_FIELDS.map((f) => (
          <TranslatedFields
            key={f}
            name={f}
            label={t(`workingModels.field.${f}`)}
            hint={t(`workingModels.hint.${f}`)}
            value={form.content[f]}
            errors={errors}
            multiline={f !== 'name'}
          />
        ))}
        <SelectField
          name="team"
          label={t('workingModels.field.team')}
          value={form.teamId}
          errors={errors}
          emptyLabel={t('workingModels.no_team')}
          options={choices.teams.map((x) => ({ value: x.id, label: pick(x.name, lang) }))}
        />
        <SelectField
          name="origin_action"
          label={t('workingModels.field.origin')}
          value={form.originActionId}
          errors={errors}
          emptyLabel={t('workingModels.no_origin')}
          options={choices.actions.map((a) => ({
            value: a.id,
            label: `${a.title} (${a.municipalityCodes.map((c) => municipalityName(c, lang)).join(', ')})`,
          }))}
        />
        <CheckboxesField
          name="municipalities"
          label={t('workingModels.field.municipalities')}
          hint={t('workingModels.hint.municipalities')}
          values={form.municipalities}
          errors={errors}
          columns
          options={sortedMunicipalities(lang).map((m) => ({ value: m.code, label: municipalityName(m.code, lang) }))}
        />
        {form.municipalities.map((code) => (
          <TextField
            key={code}
            name={`since.${code}`}
            label={t('workingModels.field.since', { name: municipalityName(code, lang) })}
            hint={t('workingModels.hint.date')}
            value={form.since[code] ?? ''}
            errors={errors}
            className="input-short"
          />
        ))}
        <CheckboxesField
          name="services"
          label={t('workingModels.field.services')}
          values={form.serviceIds}
          errors={errors}
          options={choices.services.map((s) => ({ value: s.id, label: pick(s.name, lang) }))}
        />
        <CheckboxesField
          name="contacts"
          label={t('workingModels.field.contacts')}
          values={form.contactIds}
          errors={errors}
          columns
          options={choices.people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <CheckboxesField
          name="owners"
          label={t('workingModels.field.owners')}
          hint={t('workingModels.hint.owners')}
          values={form.ownerIds}
          errors={errors}
          columns
          options={choices.people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <TextField
          name="review_due"
          label={t('workingModels.field.review_due')}
          hint={t('workingModels.hint.date')}
          value={form.reviewDue}
          errors={errors}
          className="input-short"
        />
        <CheckboxesField
          name="public"
          label={t('workingModels.field.public')}
          values={form.public ? ['yes'] : []}
          errors={errors}
          options={[{ value: 'yes', label: t('workingModels.hint.public') }]}
        />
        <button type="submit" className="button">
          {t('workingModels.save_draft')}
        </button>
      </form>
      {model ? (
        <form method="post" action={`/${lang}/work/working-models/${model.id}/publish`} className="wm-publish">
          <CsrfField />
          <p>{t('workingModels.publish_hint')}</p>
          <button type="submit" className="button button-secondary">
            {t('workingModels.publish')}
          </button>
        </form>
      ) : null}
    </>
  );
}

/**
 * The coordinators' pages for the guides: the list (what is published, what has a draft, whose review is due)
 * and the edit form (the draft: title, summary, steps with the services that fit them). Plain forms that post
 * and redirect; a refused form comes back with every problem and everything typed.
 */
import { useTranslation } from '../../useTranslation.js';
import type { GuideForWork } from '../../../core/guides/types.js';
import { LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';
import type { Translated } from '../../../core/shared/lang.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  Notice,
  TextField,
  TranslatedFields,
  type FormError,
} from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDate } from '../../format.js';

export function GuideListPage({ guides, notice }: { guides: GuideForWork[]; notice: string | null }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('guides.work_title') }]} />
      <h1>{t('guides.work_title')}</h1>
      {notice ? <Notice kind="success">{t(`guides.notice.${notice}`)}</Notice> : null}
      <p className="lead">{t('guides.work_lead')}</p>
      <p>
        <a className="button" href={`/${lang}/work/guides/new`}>
          {t('guides.new_guide')}
        </a>
      </p>
      <ul className="guide-work-list">
        {guides.map((g) => {
          const title: Translated = (g.draft ?? g.published)!.title;
          return (
            <li key={g.id}>
              <h2>
                <a href={`/${lang}/work/guides/${g.id}/edit`}>
                  <LangText value={title} />
                </a>
              </h2>
              <ul className="plain card-meta">
                <li>
                  /{lang}/guides/{g.slug}
                </li>
                <li>
                  {g.published ? (
                    <span className="tag">{t('guides.state.published')}</span>
                  ) : (
                    <span className="tag tag-draft">{t('guides.state.not_published')}</span>
                  )}
                  {g.draft ? <span className="tag tag-draft"> {t('guides.state.draft')}</span> : null}
                  {g.reviewDue ? <span className="tag tag-stale"> {t('guides.state.review_due')}</span> : null}
                </li>
                <li>
                  {g.reviewBy ? t('guides.review_by_date', { date: formatDate(g.reviewBy, lang) }) : null}
                  {g.lastReviewed ? ` · ${t('guides.last_reviewed', { date: formatDate(g.lastReviewed, lang) })}` : ''}
                </li>
              </ul>
              {g.published ? (
                <p>
                  <a href={`/${lang}/guides/${g.slug}`}>{t('guides.view_public')}</a>
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export interface StepForm {
  title: Translated;
  body: Translated;
  lifeSituations: string[];
  serviceClasses: string;
  keywords: string;
}
export interface GuideForm {
  slug: string;
  sort: string;
  reviewBy: string;
  title: Translated;
  summary: Translated;
  steps: StepForm[];
}

export const emptyStep = (): StepForm => ({
  title: {},
  body: {},
  lifeSituations: [],
  serviceClasses: '',
  keywords: '',
});

export function GuideEditPage({
  guide,
  form,
  errors,
  notice,
}: {
  guide: GuideForWork | null;
  form: GuideForm;
  errors: FormError[];
  notice: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const action = guide ? `/${lang}/work/guides/${guide.id}/edit` : `/${lang}/work/guides/new`;
  const heading = guide
    ? t('guides.edit_title', { title: pick((guide.draft ?? guide.published)!.title, lang) })
    : t('guides.new_guide');
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/guides`, label: t('guides.work_title') },
          { label: heading },
        ]}
      />
      <ErrorSummary errors={errors} />
      {notice ? <Notice kind="success">{t(`guides.notice.${notice}`)}</Notice> : null}
      <h1>{heading}</h1>
      {guide ? (
        <div className="guide-state">
          <p>
            {guide.published ? t('guides.state.published') : t('guides.state.not_published')}
            {guide.draft ? ` · ${t('guides.state.draft')}` : ''}
            {guide.reviewDue ? ` · ${t('guides.state.review_due')}` : ''}
          </p>
          <div className="form-actions">
            {guide.draft ? (
              <>
                <a href={`/${lang}/work/guides/${guide.id}/preview`}>{t('guides.preview')}</a>
                <form method="post" action={`/${lang}/work/guides/${guide.id}/publish`}>
                  <CsrfField />
                  <button type="submit" className="button">
                    {t('guides.publish')}
                  </button>
                </form>
              </>
            ) : null}
            {guide.draft && guide.published ? (
              <form method="post" action={`/${lang}/work/guides/${guide.id}/discard`}>
                <CsrfField />
                <button type="submit" className="button button-secondary">
                  {t('guides.discard')}
                </button>
              </form>
            ) : null}
            {guide.published ? (
              <form method="post" action={`/${lang}/work/guides/${guide.id}/reviewed`}>
                <CsrfField />
                <button type="submit" className="button button-secondary">
                  {t('guides.mark_reviewed')}
                </button>
              </form>
            ) : null}
          </div>
        </div>
      ) : null}
      <form method="post" action={action} className="edit-form" noValidate>
        <CsrfField />
        <p className="hint">{t('guides.form_lead')}</p>
        <TextField
          name="slug"
          label={t('guides.field.slug')}
          hint={t('guides.field.slug_hint')}
          value={form.slug}
          errors={errors}
          className="input-medium"
        />
        <TextField
          name="sort"
          label={t('guides.field.sort')}
          hint={t('guides.field.sort_hint')}
          value={form.sort}
          errors={errors}
          className="input-short"
          inputMode="numeric"
        />
        <TextField
          name="review_by"
          type="date"
          label={t('guides.field.review_by')}
          hint={t('guides.field.review_by_hint')}
          value={form.reviewBy}
          errors={errors}
          className="input-medium"
        />
        <TranslatedFields name="title" label={t('guides.field.title')} value={form.title} errors={errors} />
        <TranslatedFields
          name="summary"
          label={t('guides.field.summary')}
          value={form.summary}
          errors={errors}
          multiline
        />
        <h2>{t('guides.steps_title')}</h2>
        <p className="hint">{t('guides.field.steps_hint')}</p>
        {form.steps.map((s, i) => (
          <fieldset key={i} className="guide-step-fields" id={`steps-${i}`}>
            <legend className="label-bold">{t('guides.step_number', { n: i + 1 })}</legend>
            <TranslatedFields
              name={`steps[${i}].title`}
              label={t('guides.field.step_title')}
              value={s.title}
              errors={errors}
            />
            <TranslatedFields
              name={`steps[${i}].body`}
              label={t('guides.field.step_body')}
              hint={t('guides.field.step_body_hint')}
              value={s.body}
              errors={errors}
              multiline
            />
            <CheckboxesField
              name={`steps[${i}].life_situations`}
              label={t('guides.field.life_situations')}
              hint={t('guides.field.life_situations_hint')}
              values={s.lifeSituations}
              errors={errors}
              columns
              options={LIFE_SITUATIONS.map((l) => ({ value: l, label: t(`life_situation.${l}`) }))}
            />
            <TextField
              name={`steps[${i}].service_classes`}
              label={t('guides.field.service_classes')}
              hint={t('guides.field.service_classes_hint')}
              value={s.serviceClasses}
              errors={errors}
            />
            <TextField
              name={`steps[${i}].keywords`}
              label={t('guides.field.keywords')}
              hint={t('guides.field.keywords_hint')}
              value={s.keywords}
              errors={errors}
            />
            {i < form.steps.length - 1 || s.title.fi || s.title.sv ? (
              <CheckboxesField
                name={`steps[${i}].remove`}
                label={t('guides.field.remove_legend')}
                values={[]}
                options={[{ value: 'yes', label: t('guides.field.remove') }]}
              />
            ) : null}
          </fieldset>
        ))}
        <div className="form-actions">
          <button type="submit" className="button">
            {t('guides.save_draft')}
          </button>
          <a href={`/${lang}/work/guides`}>{t('guides.cancel')}</a>
        </div>
      </form>
    </>
  );
}

/**
 * The public side: the list of published assessments by municipality and body, one assessment's plain-language
 * summary in Finnish and Swedish with its child-friendly version, and the children's questionnaire (works without
 * JavaScript, on a phone, pictorial answers with text labels).
 */
import { useTranslation } from '../../useTranslation.js';
import type { AssessmentView } from '../../../core/childImpact/queries.js';
import type { PublicQuestionnaire, Results } from '../../../core/childImpact/questionnaires.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import { CsrfField, ErrorSummary, type FormError, errorFor, TextArea } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDate, municipalityName, sortedMunicipalities } from '../../format.js';
import { DemoTag, Face, ResultsTable } from './parts.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function PublishedListPage({
  items,
  bodies,
  municipality,
  body,
}: {
  items: AssessmentView[];
  bodies: { municipalityCode: string; body: string }[];
  municipality: string;
  body: string;
}) {
  const { t } = useTranslation();
  const { lang, user } = usePage();
  const munis = sortedMunicipalities(lang).filter((m) => bodies.some((b) => b.municipalityCode === m.code));
  const bodyChoices = [
    ...new Set(bodies.filter((b) => !municipality || b.municipalityCode === municipality).map((b) => b.body)),
  ];
  return (
    <>
      <h1>{t('childImpact.public.title')}</h1>
      <p className="lead">{t('childImpact.public.lead')}</p>
      <form method="get" action={`/${lang}/child-impact`} className="filters ci-filters">
        <div className="field">
          <label className="label-bold" htmlFor="municipality">
            {t('childImpact.public.municipality')}
          </label>
          <select id="municipality" name="municipality" defaultValue={municipality}>
            <option value="">{t('childImpact.public.all_municipalities')}</option>
            {munis.map((m) => (
              <option key={m.code} value={m.code}>
                {municipalityName(m.code, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="label-bold" htmlFor="body">
            {t('childImpact.public.body')}
          </label>
          <select id="body" name="body" defaultValue={body}>
            <option value="">{t('childImpact.public.all_bodies')}</option>
            {bodyChoices.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t('childImpact.public.filter')}
        </button>
      </form>
      <p>
        <a href={`/${lang}/child-friendly`}>{t('childImpact.public.child_friendly_link')}</a>
        {user ? (
          <>
            {' · '}
            <a href={`/${lang}/work/child-impact`}>{t('childImpact.public.work_link')}</a>
          </>
        ) : null}
      </p>
      {items.length === 0 ? (
        <p>{t('childImpact.public.none')}</p>
      ) : (
        <ScrollTable label={t('childImpact.public.title')}>
          <table className="ci-table">
            <caption className="visually-hidden">{t('childImpact.public.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('childImpact.field.title')}</th>
                <th scope="col">{t('childImpact.public.municipality')}</th>
                <th scope="col">{t('childImpact.public.body')}</th>
                <th scope="col">{t('childImpact.field.decision_date')}</th>
                <th scope="col">{t('childImpact.field.timing')}</th>
                <th scope="col">{t('childImpact.public.result')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/${lang}/child-impact/${a.id}`}>{a.title}</a> <DemoTag demo={a.demo} />
                  </td>
                  <td>{municipalityName(a.municipalityCode, lang)}</td>
                  <td>{a.body}</td>
                  <td>{a.decisionDate ? formatDate(a.decisionDate, lang) : ''}</td>
                  <td>{t(`childImpact.timing.${a.timing}`)}</td>
                  <td>
                    {a.status === 'screened_out'
                      ? t('childImpact.status.screened_out')
                      : a.outcome
                        ? t(`childImpact.option.outcome.${a.outcome}`)
                        : t(`childImpact.status.${a.status}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p>
        <a href="/api/v1/child-impact-assessments">{t('childImpact.public.open_data_json')}</a> ·{' '}
        <a href="/api/v1/child-impact-assessments?format=csv">{t('childImpact.public.open_data_csv')}</a>
      </p>
    </>
  );
}

export function AssessmentSummaryPage({
  a,
  results,
  isTeam,
}: {
  a: AssessmentView;
  results: Results[];
  isTeam: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const first = lang === 'sv' ? 'sv' : 'fi';
  const second = first === 'fi' ? 'sv' : 'fi';
  const summary = (l: 'fi' | 'sv') => str(a.content[`summary_${l}`]);
  const child = (l: 'fi' | 'sv') => str(a.content[`child_summary_${l}`]);
  const articles = Array.isArray(a.content.articles) ? a.content.articles : [];
  return (
    <>
      <Breadcrumbs
        items={[{ href: `/${lang}/child-impact`, label: t('childImpact.public.title') }, { label: a.title }]}
      />
      {!a.publishedAt ? <p className="warning-box">{t('childImpact.public.unpublished_team_view')}</p> : null}
      <h1>
        {a.title} <DemoTag demo={a.demo} />
      </h1>
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('childImpact.public.municipality')}</dt>
          <dd>
            <a href={`/${lang}/child-friendly/${a.municipalityCode}`}>{municipalityName(a.municipalityCode, lang)}</a>
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('childImpact.public.body')}</dt>
          <dd>{a.body}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('childImpact.field.reference')}</dt>
          <dd>
            {a.reference}
            {a.decisionDate ? `, ${formatDate(a.decisionDate, lang)}` : ''}
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('childImpact.field.timing')}</dt>
          <dd>{t(`childImpact.timing.${a.timing}`)}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('childImpact.public.result')}</dt>
          <dd>
            {a.status === 'screened_out'
              ? t('childImpact.status.screened_out')
              : a.outcome
                ? t(`childImpact.option.outcome.${a.outcome}`)
                : t(`childImpact.status.${a.status}`)}
          </dd>
        </div>
        {articles.length ? (
          <div className="summary-row">
            <dt>{t('childImpact.public.articles')}</dt>
            <dd>{articles.map((x) => t(`childImpact.option.articles.${x}`)).join('; ')}</dd>
          </div>
        ) : null}
        {a.followUpDue ? (
          <div className="summary-row">
            <dt>{t('childImpact.field.follow_up_due')}</dt>
            <dd>
              {formatDate(a.followUpDue, lang)}
              {a.followUpDone
                ? ` – ${t('childImpact.follow_up.done')}`
                : a.overdue
                  ? ` – ${t('childImpact.follow_up.overdue')}`
                  : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {a.status === 'screened_out' && str(a.content.screening_reason) ? (
        <section aria-labelledby="ci-screening">
          <h2 id="ci-screening">{t('childImpact.public.screening_reason')}</h2>
          <p>{str(a.content.screening_reason)}</p>
        </section>
      ) : null}
      <section aria-labelledby="ci-summary">
        <h2 id="ci-summary">{t('childImpact.public.summary')}</h2>
        {[first, second].map((l) =>
          summary(l as 'fi' | 'sv') ? (
            <div key={l} lang={l} className="prose ci-summary">
              <h3>{t(`childImpact.public.in_lang.${l}`)}</h3>
              {summary(l as 'fi' | 'sv')
                .split(/\n{2,}/)
                .map((para, i) => (
                  <p key={i}>{para}</p>
                ))}
            </div>
          ) : null,
        )}
      </section>
      {child('fi') || child('sv') ? (
        <section aria-labelledby="ci-child" className="ci-child-summary">
          <h2 id="ci-child">{t('childImpact.public.child_summary')}</h2>
          {[first, second].map((l) =>
            child(l as 'fi' | 'sv') ? (
              <div key={l} lang={l} className="prose">
                <h3>{t(`childImpact.public.in_lang.${l}`)}</h3>
                {child(l as 'fi' | 'sv')
                  .split(/\n{2,}/)
                  .map((para, i) => (
                    <p key={i}>{para}</p>
                  ))}
              </div>
            ) : null,
          )}
        </section>
      ) : null}
      {results.length ? (
        <section aria-labelledby="ci-children-said">
          <h2 id="ci-children-said">{t('childImpact.public.children_said')}</h2>
          {results.map((r) => (
            <ResultsTable key={r.id} r={r} />
          ))}
        </section>
      ) : null}
      {isTeam ? (
        <p>
          <a href={`/${lang}/work/child-impact/${a.id}`}>{t('childImpact.public.team_link')}</a>
        </p>
      ) : null}
    </>
  );
}

/** The questionnaire a child answers: big pictorial choices with words, anonymous, no script needed. */
export function QuestionnairePage({
  q,
  values,
  freeText,
  errors,
}: {
  q: PublicQuestionnaire;
  values: Record<string, string>;
  freeText: string;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const l = lang === 'sv' ? 'sv' : 'fi';
  const textLang = lang === 'en' ? 'fi' : l;
  const title = q.title[l];
  const intro = q.intro[l] ?? '';
  const freeQ = q.freeTextQuestion[l] ?? '';
  return (
    <div className={`ci-questionnaire ci-age-${q.ageGroup}`}>
      <ErrorSummary errors={errors} />
      <h1 lang={textLang}>{title}</h1>
      <p className="ci-muted">
        {municipalityName(q.municipalityCode, lang)} · {t(`childImpact.age_group.${q.ageGroup}`)}
      </p>
      {intro ? (
        <p className="lead" lang={textLang}>
          {intro}
        </p>
      ) : null}
      <p className="ci-anonymous">{t(`childImpact.questionnaire.anonymous.${q.ageGroup}`)}</p>
      {!q.open ? (
        <p className="notice">{t('childImpact.questionnaire.closed')}</p>
      ) : (
        <form method="post" action={`/${lang}/child-impact/questionnaires/${q.id}`} noValidate>
          <CsrfField />
          {q.questions.map((question) => {
            const err = errorFor(errors, question.key);
            return (
              <fieldset
                key={question.key}
                className={`field ci-scale${err ? ' field-error' : ''}`}
                id={question.key}
                aria-describedby={err ? `${question.key}-error` : undefined}
              >
                <legend className="label-bold" lang={textLang}>
                  {question.text[l]}
                </legend>
                {err ? (
                  <p className="error-message" id={`${question.key}-error`}>
                    {err.message}
                  </p>
                ) : null}
                <div className="ci-scale-options">
                  {[1, 2, 3, 4, 5, 0].map((v) => {
                    const id = `${question.key}-${v}`;
                    return (
                      <div key={v} className={v === 0 ? 'ci-option ci-option-cannot' : 'ci-option'}>
                        <input
                          type="radio"
                          id={id}
                          name={question.key}
                          value={String(v)}
                          defaultChecked={values[question.key] === String(v)}
                        />
                        <label htmlFor={id}>
                          <Face value={v} />
                          <span className="ci-option-label">{t(`childImpact.scale.${q.ageGroup}.${v}`)}</span>
                        </label>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
          <TextArea
            name="free_text"
            label={<span lang={textLang}>{freeQ || t(`childImpact.questionnaire.free_text.${q.ageGroup}`)}</span>}
            hint={t('childImpact.questionnaire.free_text_hint')}
            value={freeText}
            errors={errors}
            rows={4}
          />
          <div className="form-actions">
            <button type="submit" className="button">
              {t(`childImpact.questionnaire.send.${q.ageGroup}`)}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export function ThanksPage({ ageGroup }: { ageGroup: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t(`childImpact.questionnaire.thanks.${ageGroup}`)}</h1>
      <p className="lead">{t(`childImpact.questionnaire.thanks_lead.${ageGroup}`)}</p>
    </>
  );
}

/**
 * The coordinators' page for keeping the search good: what people searched and did not find (per week and
 * language), a trial search that shows how a query is read, and the phrases added to the need vocabulary.
 */
import { useTranslation } from '../../useTranslation.js';
import type { Lang } from '../../../core/shared/lang.js';
import type { ServiceCard as Card } from '../../../core/directory/queries.js';
import type { NeedPhraseRow } from '../../../core/directory/search/needPhrases.js';
import type { QueryAnalysis } from '../../../core/directory/search/needs.js';
import type { UnfoundQuery } from '../../../core/directory/search/queryStats.js';
import { pick } from '../../../core/shared/translated.js';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormError } from '../../components/forms.js';
import { usePage } from '../../context.js';

export interface TuningTrial {
  q: string;
  lang: Lang;
  analysis: QueryAnalysis;
  total: number;
  cards: Card[];
}

export interface PhraseForm {
  concept: string;
  lang: string;
  phrase: string;
}

export interface TuningView {
  unfound: UnfoundQuery[];
  langFilter: Lang | null;
  phrases: NeedPhraseRow[];
  concepts: { id: string; label: Record<Lang, string> }[];
  shipped: Record<Lang, number>;
  trial: TuningTrial | null;
  form: PhraseForm;
  errors: FormError[];
  added: boolean;
  retentionWeeks: number;
}

const LANG_CODES: Lang[] = ['fi', 'sv', 'en'];

export function SearchTuningPage({ view }: { view: TuningView }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const conceptLabel = (id: string) => view.concepts.find((c) => c.id === id)?.label[lang] ?? id;
  const langOptions = LANG_CODES.map((l) => ({ value: l, label: t(`language.${l}`) }));
  const base = `/${lang}/work/search`;
  return (
    <>
      <h1>{t('needs.title')}</h1>
      <p>{t('needs.intro', { weeks: view.retentionWeeks })}</p>
      <ErrorSummary errors={view.errors} />
      {view.added ? (
        <p className="notice" role="status">
          {t('needs.add.done')}
        </p>
      ) : null}

      <section aria-labelledby="unfound-title">
        <h2 id="unfound-title">{t('needs.unfound.title')}</h2>
        <ul className="inline-links">
          <li>{view.langFilter ? <a href={base}>{t('needs.lang_all')}</a> : <strong>{t('needs.lang_all')}</strong>}</li>
          {LANG_CODES.map((l) => (
            <li key={l}>
              {view.langFilter === l ? (
                <strong>{t(`language.${l}`)}</strong>
              ) : (
                <a href={`${base}?lang=${l}`}>{t(`language.${l}`)}</a>
              )}
            </li>
          ))}
        </ul>
        {view.unfound.length ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('needs.unfound.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('needs.col.week')}</th>
                  <th scope="col">{t('needs.col.lang')}</th>
                  <th scope="col">{t('needs.col.query')}</th>
                  <th scope="col">{t('needs.col.searches')}</th>
                  <th scope="col">{t('needs.col.zero')}</th>
                  <th scope="col">{t('needs.col.clicks')}</th>
                  <th scope="col">{t('needs.col.fix')}</th>
                </tr>
              </thead>
              <tbody>
                {view.unfound.map((u) => (
                  <tr key={`${u.week}-${u.lang}-${u.query}`}>
                    <td>{u.week}</td>
                    <td>{t(`language.${u.lang}`)}</td>
                    <td lang={u.lang}>{u.query}</td>
                    <td>{u.searches}</td>
                    <td>{u.zeroResults}</td>
                    <td>{u.clicks}</td>
                    <td>
                      <a href={`${base}?${new URLSearchParams({ try_q: u.query, try_lang: u.lang }).toString()}#try`}>
                        {t('needs.unfound.try')}
                        <span className="visually-hidden">{`: ${u.query}`}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('needs.unfound.none')}</p>
        )}
      </section>

      <section aria-labelledby="try">
        <h2 id="try">{t('needs.try.title')}</h2>
        <form method="get" action={base}>
          <TextField name="try_q" label={t('needs.try.q')} value={view.trial?.q ?? ''} maxLength={200} />
          <SelectField
            name="try_lang"
            label={t('needs.try.lang')}
            options={langOptions}
            value={view.trial?.lang ?? lang}
          />
          <button type="submit" className="button button-secondary">
            {t('needs.try.submit')}
          </button>
        </form>
        {view.trial ? (
          <div className="trial">
            <h3>{t('needs.try.read_as')}</h3>
            <ul>
              <li>
                {`${t('needs.try.concepts')}: `}
                {view.trial.analysis.concepts.length
                  ? view.trial.analysis.concepts.map((c) => `${conceptLabel(c.id)} (“${c.typed}”)`).join(', ')
                  : '–'}
              </li>
              <li>{`${t('needs.try.words')}: ${view.trial.analysis.words.join(', ') || '–'}`}</li>
              <li>{`${t('needs.try.ignored')}: ${view.trial.analysis.ignored.join(', ') || '–'}`}</li>
            </ul>
            <h3>{t('needs.try.results', { count: view.trial.total })}</h3>
            {view.trial.cards.length ? (
              <ol>
                {view.trial.cards.map((c) => (
                  <li key={c.id}>
                    <a href={`/${lang}/services/${c.id}`}>{pick(c.name, lang)}</a>
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t('needs.try.none')}</p>
            )}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="add-title">
        <h2 id="add-title">{t('needs.add.title')}</h2>
        <p className="hint">{t('needs.add.intro')}</p>
        <form method="post" action={`${base}/phrases`}>
          <CsrfField />
          <SelectField
            name="concept"
            label={t('needs.add.concept')}
            errors={view.errors}
            emptyLabel={t('needs.add.choose')}
            options={view.concepts.map((c) => ({ value: c.id, label: c.label[lang] }))}
            value={view.form.concept}
          />
          <SelectField
            name="lang"
            label={t('needs.add.lang')}
            errors={view.errors}
            options={langOptions}
            value={view.form.lang || lang}
          />
          <TextField
            name="phrase"
            label={t('needs.add.phrase')}
            hint={t('needs.add.phrase_hint')}
            errors={view.errors}
            value={view.form.phrase}
            maxLength={100}
          />
          <button type="submit" className="button">
            {t('needs.add.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="added-title">
        <h2 id="added-title">{t('needs.added.title')}</h2>
        <p>
          {t('needs.shipped', {
            fi: view.shipped.fi,
            sv: view.shipped.sv,
            en: view.shipped.en,
            concepts: view.concepts.length,
          })}
        </p>
        {view.phrases.length ? (
          <ul className="phrase-list">
            {view.phrases.map((p) => (
              <li key={p.id}>
                <span lang={p.lang}>{`“${p.phrase}”`}</span>
                {` → ${conceptLabel(p.concept)} (${t(`language.${p.lang}`)}) `}
                <form method="post" action={`${base}/phrases/${p.id}/delete`} className="inline-form">
                  <CsrfField />
                  <button type="submit" className="button-link">
                    {t('needs.added.remove')}
                    <span className="visually-hidden">{`: ${p.phrase}`}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('needs.added.none')}</p>
        )}
      </section>
    </>
  );
}

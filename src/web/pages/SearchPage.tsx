import { useTranslation } from 'react-i18next';
import type { ServiceCard as Card } from '../../core/directory/queries.js';
import type { FacetName, SearchResult } from '../../core/directory/search/searchServices.js';
import { DELIVERY_MODES, LIFE_SITUATIONS, ORG_TYPES, type Lang } from '../../core/directory/vocabulary.js';
import { ErrorSummary, type FormError } from '../components/common.js';
import { ServiceCard } from '../components/ServiceCard.js';
import { usePage } from '../context.js';
import { municipalityName, sortedMunicipalities } from '../format.js';

export interface SearchForm {
  q: string;
  municipality: string[];
  life_situation: string[];
  language: string[];
  org_type: string[];
  mode: string[];
  age: string;
  free: boolean;
  open_now: boolean;
  near: string;
  sort: string;
  page: number;
}

export function searchHref(lang: Lang, form: Partial<SearchForm>): string {
  const p = new URLSearchParams();
  if (form.q) p.set('q', form.q);
  for (const k of ['municipality', 'life_situation', 'language', 'org_type', 'mode'] as const) for (const v of form[k] ?? []) p.append(k, v);
  if (form.age) p.set('age', form.age);
  if (form.free) p.set('free', 'true');
  if (form.open_now) p.set('open_now', 'true');
  if (form.near) p.set('near', form.near);
  if (form.sort) p.set('sort', form.sort);
  if (form.page && form.page > 1) p.set('page', String(form.page));
  const s = p.toString();
  return `/${lang}/search${s ? `?${s}` : ''}`;
}

function CheckboxGroup({ name, legend, options, checked, counts, open }: {
  name: string; legend: string; options: { value: string; label: string }[]; checked: string[]; counts?: Record<string, number>; open?: boolean;
}) {
  return (
    <details className="filter-group" open={open || checked.length > 0}>
      <summary>{legend}{checked.length ? <span className="selected-count"> ({checked.length})</span> : null}</summary>
      <fieldset>
        <legend className="visually-hidden">{legend}</legend>
        {options.map((o) => {
          const id = `${name}-${o.value}`;
          const n = counts?.[o.value] ?? 0;
          return (
            <div className="checkbox" key={o.value}>
              <input type="checkbox" id={id} name={name} value={o.value} defaultChecked={checked.includes(o.value)} />
              <label htmlFor={id}>{`${o.label} `}<span className="count" data-facet={`${name}:${o.value}`}>{`(${n})`}</span></label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

export function SearchPage({ form, errors, result, cards }: { form: SearchForm; errors: FormError[]; result: SearchResult | null; cards: Card[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const f = result?.facets;
  const count = (name: FacetName) => f?.[name];
  const municipalities = sortedMunicipalities(lang).map((m) => ({ value: m.code, label: municipalityName(m.code, lang) }));
  const pages = result ? Math.max(1, Math.ceil(result.total / result.perPage)) : 1;
  return (
    <>
      <h1>{t('search.title')}</h1>
      <ErrorSummary errors={errors} />
      <form method="get" action={`/${lang}/search`} id="search-form" className="search-layout" role="search" aria-label={t('search.form_label')}>
        <div className="search-main">
          <div className="search-box">
            <label htmlFor="q" className="label-bold">{t('search.q_label')}</label>
            <p className="hint" id="q-hint">{t('search.q_hint')}</p>
            <div className="search-row">
              <input type="search" id="q" name="q" defaultValue={form.q} aria-describedby="q-hint" autoComplete="off" maxLength={200} />
              <button type="submit" className="button">{t('search.submit')}</button>
            </div>
          </div>

          <div id="results" aria-busy="false">
            {result ? (
              <>
                <div className="results-header">
                  <h2 id="result-count" aria-live="polite">{t('search.result_count', { count: result.total })}</h2>
                  <div className="sort">
                    <label htmlFor="sort">{t('search.sort_label')}</label>
                    <select id="sort" name="sort" defaultValue={form.sort || result.sort}>
                      {form.q ? <option value="relevance">{t('search.sort.relevance')}</option> : null}
                      <option value="name">{t('search.sort.name')}</option>
                      {form.near ? <option value="distance">{t('search.sort.distance')}</option> : null}
                    </select>
                  </div>
                </div>
                {result.correctedQuery ? (
                  <p className="notice" role="status">{t('search.corrected', { query: result.correctedQuery, original: form.q })}</p>
                ) : null}
                {cards.length ? (
                  <ol className="service-list">
                    {cards.map((c, i) => <ServiceCard key={c.id} card={c} distanceKm={form.near ? result.hits[i]?.distanceKm ?? null : undefined} />)}
                  </ol>
                ) : (
                  <div className="no-results">
                    <p>{t('search.no_results')}</p>
                    <ul>
                      <li>{t('search.no_results_tip_words')}</li>
                      <li>{t('search.no_results_tip_filters')}</li>
                    </ul>
                  </div>
                )}
                {pages > 1 ? (
                  <nav className="pagination" aria-label={t('search.pagination')}>
                    <ul>
                      {result.page > 1 ? <li><a rel="prev" href={searchHref(lang, { ...form, page: result.page - 1 })}>{t('search.previous')}</a></li> : null}
                      <li><span aria-current="page">{t('search.page_of', { page: result.page, pages })}</span></li>
                      {result.page < pages ? <li><a rel="next" href={searchHref(lang, { ...form, page: result.page + 1 })}>{t('search.next')}</a></li> : null}
                    </ul>
                  </nav>
                ) : null}
              </>
            ) : null}
          </div>
        </div>

        <div className="filters" aria-labelledby="filters-title">
          <h2 id="filters-title">{t('search.filters')}</h2>
          <CheckboxGroup name="municipality" legend={t('filter.municipality')} options={municipalities} checked={form.municipality} counts={count('municipality')} open />
          <CheckboxGroup name="life_situation" legend={t('filter.life_situation')} checked={form.life_situation} counts={count('life_situation')} open
            options={Object.keys(LIFE_SITUATIONS).map((k) => ({ value: k, label: t(`life_situation.${k}`) }))} />
          <CheckboxGroup name="language" legend={t('filter.language')} checked={form.language} counts={count('language')} open
            options={(['fi', 'sv', 'en'] as const).map((k) => ({ value: k, label: t(`language.${k}`) }))} />
          <div className="filter-group field">
            <label htmlFor="age" className="label-bold">{t('filter.age')}</label>
            <p className="hint" id="age-hint">{t('filter.age_hint')}</p>
            <input type="text" inputMode="numeric" id="age" name="age" defaultValue={form.age} aria-describedby="age-hint" className={`input-short${errors.some((e) => e.field === 'age') ? ' input-error' : ''}`} />
          </div>
          <CheckboxGroup name="org_type" legend={t('filter.org_type')} checked={form.org_type} counts={count('org_type')}
            options={Object.keys(ORG_TYPES).map((k) => ({ value: k, label: t(`org_type.${k}`) }))} />
          <CheckboxGroup name="mode" legend={t('filter.mode')} checked={form.mode} counts={count('mode')}
            options={Object.keys(DELIVERY_MODES).map((k) => ({ value: k, label: t(`mode.${k}`) }))} />
          <fieldset className="filter-group">
            <legend>{t('filter.other')}</legend>
            <div className="checkbox">
              <input type="checkbox" id="free" name="free" value="true" defaultChecked={form.free} />
              <label htmlFor="free">{`${t('filter.free')} `}<span className="count" data-facet="free:true">{`(${f?.free?.true ?? 0})`}</span></label>
            </div>
            <div className="checkbox">
              <input type="checkbox" id="open_now" name="open_now" value="true" defaultChecked={form.open_now} />
              <label htmlFor="open_now">{t('filter.open_now')}</label>
            </div>
          </fieldset>
          <div className="filter-group field">
            <label htmlFor="near" className="label-bold">{t('filter.near')}</label>
            <p className="hint" id="near-hint">{t('filter.near_hint')}</p>
            <select id="near" name="near" defaultValue={form.near} aria-describedby="near-hint">
              <option value="">{t('filter.near_none')}</option>
              {municipalities.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
            </select>
          </div>
          <div className="filter-actions">
            <button type="submit" className="button button-secondary">{t('search.apply_filters')}</button>
            <a href={`/${lang}/search${form.q ? `?q=${encodeURIComponent(form.q)}` : ''}`}>{t('search.clear_filters')}</a>
          </div>
        </div>
      </form>
    </>
  );
}

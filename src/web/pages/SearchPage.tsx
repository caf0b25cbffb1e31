import { CsrfField, ErrorSummary, type FormError } from '../components/forms.js';
import type { Translated, Lang } from '../../core/shared/lang.js';
import { useTranslation } from '../useTranslation.js';
import type { MapConfig } from '../../config.js';
import type { LocationsCollection } from '../../core/directory/locationsGeojson.js';
import type { ServiceCard as Card } from '../../core/directory/queries.js';
import { WITHIN_CHOICES_KM } from '../../core/places/distance.js';
import type { FacetName, SearchResult } from '../../core/directory/search/searchServices.js';
import type { WayOn } from '../../core/directory/search/wayOn.js';
import type { PlaceKind, PlaceSource } from '../../core/places/resolvePlace.js';
import { needConcept } from '../../core/directory/search/needs.js';
import { DELIVERY_MODES, LIFE_SITUATIONS, ORG_TYPES } from '../../core/directory/vocabulary.js';
import { pick } from '../../core/shared/translated.js';
import { ServiceCard } from '../components/ServiceCard.js';
import { mapAssets } from '../assets.js';
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
  /** Distances from: a typed postal code or municipality, or the browser's position (lat, lon). */
  place: string;
  lat: string;
  lon: string;
  within_km: string;
  sort: string;
  organization: string;
  page: number;
  /** This search is not filtered by "my municipality" (the reader removed it). */
  noMine: boolean;
  /** The municipality filter came from "my municipality" (the cookie), not from this search's own choice. */
  mine: string;
}

const LIST_FILTERS = ['municipality', 'life_situation', 'language', 'org_type', 'mode'] as const;

export function searchHref(lang: Lang, form: Partial<SearchForm>): string {
  const p = new URLSearchParams();
  if (form.q) p.set('q', form.q);
  for (const k of LIST_FILTERS) for (const v of form[k] ?? []) p.append(k, v);
  if (form.age) p.set('age', form.age);
  if (form.free) p.set('free', 'true');
  if (form.open_now) p.set('open_now', 'true');
  if (form.place) p.set('place', form.place);
  else if (form.lat && form.lon) {
    p.set('lat', form.lat);
    p.set('lon', form.lon);
  }
  if (form.within_km) p.set('within_km', form.within_km);
  if (form.sort && (form.place || (form.lat && form.lon))) p.set('had_point', '1');
  if (form.organization) p.set('organization', form.organization);
  if (form.sort) p.set('sort', form.sort);
  if (form.noMine) p.set('mine', '0');
  if (form.page && form.page > 1) p.set('page', String(form.page));
  const s = p.toString();
  return `/${lang}/search${s ? `?${s}` : ''}`;
}

function CheckboxGroup({
  name,
  legend,
  options,
  checked,
  counts,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string[];
  counts?: Record<string, number>;
}) {
  const { t } = useTranslation();
  return (
    <details className="filter-group">
      <summary>
        {legend}
        <span className="selected-count" data-selected-for={name}>
          {checked.length ? ` ${t('search.selected', { count: checked.length })}` : ''}
        </span>
      </summary>
      <fieldset>
        <legend className="visually-hidden">{legend}</legend>
        {options.map((o) => {
          const id = `${name}-${o.value}`;
          return (
            <div className="checkbox" key={o.value}>
              <input type="checkbox" id={id} name={name} value={o.value} defaultChecked={checked.includes(o.value)} />
              <label htmlFor={id}>
                {`${o.label} `}
                <span className="count" data-facet={`${name}:${o.value}`}>{`(${counts?.[o.value] ?? 0})`}</span>
              </label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

/** The chosen filters as links that remove them (works without JavaScript). */
function ActiveFilters({
  form,
  organizationName,
  near,
}: {
  form: SearchForm;
  organizationName: Translated | null;
  near: NearInfo | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const chips: { label: string; href: string }[] = [];
  const without = (patch: Partial<SearchForm>) => searchHref(lang, { ...form, ...patch, page: 1 });
  for (const c of form.municipality)
    chips.push({
      label: municipalityName(c, lang),
      href: without({ municipality: form.municipality.filter((x) => x !== c), noMine: true, mine: '' }),
    });
  for (const c of form.life_situation)
    chips.push({
      label: t(`life_situation.${c}`),
      href: without({ life_situation: form.life_situation.filter((x) => x !== c) }),
    });
  for (const c of form.language)
    chips.push({
      label: `${t('filter.language')}: ${t(`language.${c}`)}`,
      href: without({ language: form.language.filter((x) => x !== c) }),
    });
  for (const c of form.org_type)
    chips.push({ label: t(`org_type.${c}`), href: without({ org_type: form.org_type.filter((x) => x !== c) }) });
  for (const c of form.mode)
    chips.push({ label: t(`mode.${c}`), href: without({ mode: form.mode.filter((x) => x !== c) }) });
  if (form.age && /^\d{1,2}$/.test(form.age))
    chips.push({ label: t('search.chip_age', { age: form.age }), href: without({ age: '' }) });
  if (form.free) chips.push({ label: t('filter.free'), href: without({ free: false }) });
  if (form.open_now) chips.push({ label: t('filter.open_now'), href: without({ open_now: false }) });
  if (near) {
    const noPoint = { place: '', lat: '', lon: '', within_km: '', sort: form.sort === 'distance' ? '' : form.sort };
    chips.push({
      label: near.label ? t('search.chip_near', { place: pick(near.label, lang) }) : t('map.near.chip_my_location'),
      href: without(noPoint),
    });
    if (form.within_km)
      chips.push({ label: t('map.near.chip_within', { km: form.within_km }), href: without({ within_km: '' }) });
  }
  if (form.organization && organizationName)
    chips.push({ label: pick(organizationName, lang), href: without({ organization: '' }) });
  if (!chips.length) return null;
  return (
    <div className="active-filters">
      <h3 className="visually-hidden">{t('search.active_filters')}</h3>
      <ul>
        {chips.map((c, i) => (
          <li key={i}>
            <a href={c.href} className="chip">
              {c.label}
              <span className="visually-hidden">{` – ${t('search.remove_filter')}`}</span>
              <span aria-hidden="true"> ×</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Where distances are measured from: a typed place (its label) or the browser's position (label null). */
export interface NearInfo {
  label: Translated | null;
  kind?: PlaceKind;
  /** The point: the centre of the directory's addresses there, or the municipality's centre. */
  source?: PlaceSource;
  municipality?: string | null;
}

/** How many filters are chosen: the number on the "Filters (n)" control. */
export function activeFilterCount(form: SearchForm, near: NearInfo | null): number {
  return (
    form.municipality.length +
    form.life_situation.length +
    form.language.length +
    form.org_type.length +
    form.mode.length +
    (form.age && /^\d{1,2}$/.test(form.age) ? 1 : 0) +
    (form.free ? 1 : 0) +
    (form.open_now ? 1 : 0) +
    (near ? 1 : 0) +
    (near && form.within_km ? 1 : 0)
  );
}

/** What the results page shows when a search finds nothing or little: a way on (core/directory/search/wayOn.ts). */
export interface WayOnView extends WayOn {
  cards: Card[];
}

/** Where distances come from, said plainly: an area's centre as the directory knows it, or a municipality's. */
function nearNote(near: NearInfo, lang: Lang, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (!near.label) return t('map.near.using_location');
  const place = pick(near.label, lang);
  if (near.kind === 'postal_code' && near.source === 'municipality_centre' && near.municipality)
    return t('search.near.municipality_centre', { place, municipality: municipalityName(near.municipality, lang) });
  return t('map.near.resolved', { place });
}

function WayOnBlock({ way, form, weak }: { way: WayOnView; form: SearchForm; weak: boolean }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const byId = new Map(way.cards.map((c) => [c.id, c]));
  const muni = way.municipality ? [way.municipality] : [];
  const serviceLink = (id: string) => {
    const c = byId.get(id);
    if (!c) return null;
    const phone = way.phones[id];
    return (
      <li key={id}>
        <a href={`/${lang}/services/${id}`}>{pick(c.name, lang)}</a>
        {phone ? (
          <>
            {' – '}
            <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
          </>
        ) : null}
      </li>
    );
  };
  return (
    <section className="way-on" aria-labelledby="way-on-title">
      <h2 id="way-on-title">{weak ? t('search.way_on.title_weak') : t('search.way_on.title_none')}</h2>
      {way.didYouMean.length ? (
        <p className="did-you-mean">
          {`${t('search.way_on.did_you_mean')} `}
          {way.didYouMean.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? ', ' : ''}
              <a href={searchHref(lang, { q: c.label[lang], municipality: form.municipality, noMine: form.noMine })}>
                {c.label[lang]}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      <h3>{t('search.way_on.life_situations')}</h3>
      <ul className="way-on-situations">
        {way.lifeSituations.map((l) => (
          <li key={l}>
            <a href={searchHref(lang, { life_situation: [l], municipality: muni, noMine: !muni.length })}>
              {t(`life_situation.${l}`)}
            </a>
          </li>
        ))}
      </ul>
      {way.serviceGuidance.length ? (
        <>
          <h3>{t('search.way_on.guidance', { municipality: municipalityName(way.municipality ?? '', lang) })}</h3>
          <ul>{way.serviceGuidance.map(serviceLink)}</ul>
        </>
      ) : !way.municipality ? (
        <p className="hint">{t('search.way_on.choose_municipality')}</p>
      ) : null}
      <h3>{t('search.way_on.always')}</h3>
      <ul className="help-now">
        <li>
          <strong>
            <a href={`tel:${way.emergency.number}`}>{way.emergency.name[lang]}</a>
          </strong>
          {` – ${way.emergency.note[lang]}`}
        </li>
        {way.socialEmergency.map(serviceLink)}
        {way.lines.map((l) => (
          <li key={l.id}>
            {l.url ? <a href={l.url}>{l.name[lang]}</a> : l.name[lang]}
            {l.phone ? (
              <>
                {' – '}
                <a href={`tel:${l.phone.replace(/[^\d+]/g, '')}`}>{l.phone}</a>
              </>
            ) : null}
            {` – ${l.who[lang]}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "My municipality": shown, filtering by default, changed or cleared by one button (a form outside the search form). */
function MyMunicipality({ form, mine }: { form: SearchForm; mine: string | null }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  if (mine)
    return (
      <p className="my-municipality">
        {form.mine
          ? t('search.mine.filtering', { municipality: municipalityName(mine, lang) })
          : t('search.mine.chosen', { municipality: municipalityName(mine, lang) })}{' '}
        <button type="submit" form="mine-form" name="action" value="clear" className="button-link">
          {t('search.mine.clear')}
        </button>
      </p>
    );
  return null;
}

export interface MapView {
  config: MapConfig;
  /** The results page: the matching set's places, fetched by the map script. */
  geojsonUrl?: string;
  /** The service page: its own places, in the page. */
  geojson?: LocationsCollection;
}

/** The map's stylesheet and script: only pages with a map link them. */
export function MapAssetLinks() {
  const m = mapAssets();
  return (
    <>
      <link rel="stylesheet" href={m.css.path} />
      <script src={m.js.path} defer />
    </>
  );
}

/**
 * The map, an enhancement beside the list: hidden until the map script has shown it (no empty box without
 * JavaScript), labelled, reachable and skippable by keyboard, and hideable. Its data are attributes.
 */
export function MapPanel({ view, label, skipTo }: { view: MapView; label: string; skipTo: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const m = mapAssets();
  const text = {
    hide: t('map.hide'),
    show: t('map.show'),
    tilesFailed: t('map.tiles_failed'),
    loadFailed: t('map.load_failed'),
    count_one: t('map.count_one'),
    count_other: t('map.count_other'),
    truncated: t('map.truncated'),
    more: t('map.popup_more'),
    cluster_one: t('map.cluster_one'),
    cluster_other: t('map.cluster_other'),
    zoomIn: t('map.zoom_in'),
    zoomOut: t('map.zoom_out'),
    close: t('map.close_popup'),
  };
  return (
    <div
      id="map-panel"
      className="map-panel"
      hidden
      data-map={view.geojson ? 'service' : 'results'}
      data-map-lang={lang}
      data-map-geojson-url={view.geojsonUrl}
      data-map-geojson={view.geojson ? JSON.stringify(view.geojson) : undefined}
      data-map-tiles={view.config.tileUrl}
      data-map-attribution={view.config.attribution}
      data-map-attribution-url={view.config.attributionUrl ?? undefined}
      data-map-max-zoom={view.config.maxZoom}
      data-map-icon={m.images['marker-icon.png'].path}
      data-map-icon-2x={m.images['marker-icon-2x.png'].path}
      data-map-shadow={m.images['marker-shadow.png'].path}
      data-map-text={JSON.stringify(text)}
    >
      <div className="map-bar">
        <button
          type="button"
          className="button button-secondary map-toggle"
          aria-expanded="true"
          aria-controls="map-body"
        >
          {t('map.hide')}
        </button>
        <a className="map-skip" href={skipTo}>
          {t('map.skip')}
        </a>
      </div>
      <div id="map-body" className="map-body">
        <p className="hint map-hint" id="map-hint">
          {t('map.hint')}
        </p>
        <div id="map" className="map" role="region" aria-label={label} aria-describedby="map-hint" />
        <p className="map-status" id="map-status" />
      </div>
    </div>
  );
}

function NearFields({ form, errors }: { form: SearchForm; errors: FormError[] }) {
  const { t } = useTranslation();
  const placeError = errors.find((e) => e.field === 'place');
  const withinError = errors.find((e) => e.field === 'within_km');
  const usingLocation = !form.place && !!form.lat && !!form.lon;
  const within =
    form.within_km && !(WITHIN_CHOICES_KM as readonly number[]).includes(Number(form.within_km))
      ? [form.within_km]
      : [];
  return (
    <fieldset className="filter-group plain-group near-group">
      <legend>{t('map.near.legend')}</legend>
      <div className={`field${placeError ? ' field-error' : ''}`}>
        <label htmlFor="place" className="label-bold">
          {t('map.near.place_label')}
        </label>
        <p className="hint" id="place-hint">
          {t('map.near.place_hint')}
        </p>
        {placeError ? (
          <p className="error-message" id="place-error">
            <span className="visually-hidden">{t('form.error_prefix')} </span>
            {placeError.message}
          </p>
        ) : null}
        <input
          type="text"
          id="place"
          name="place"
          defaultValue={form.place}
          maxLength={100}
          autoComplete="postal-code"
          aria-describedby={placeError ? 'place-hint place-error' : 'place-hint'}
          aria-invalid={placeError ? true : undefined}
          className={placeError ? 'input-error' : undefined}
        />
      </div>
      {usingLocation ? (
        <>
          <input type="hidden" name="lat" value={form.lat} />
          <input type="hidden" name="lon" value={form.lon} />
        </>
      ) : null}
      <div
        className="near-me"
        id="near-me"
        hidden
        data-text-locating={t('map.near.locating')}
        data-text-denied={t('map.near.denied')}
        data-text-unavailable={t('map.near.unavailable')}
      >
        <button type="button" className="button button-secondary" id="near-me-button" aria-describedby="near-me-hint">
          {t('map.near.use_location')}
        </button>
        <p className="hint" id="near-me-hint">
          {t('map.near.use_location_hint')}
        </p>
        <p className="near-me-status" id="near-me-status" aria-live="polite" />
      </div>
      <div className={`field${withinError ? ' field-error' : ''}`}>
        <label htmlFor="within_km" className="label-bold">
          {t('map.near.within_label')}
        </label>
        {withinError ? (
          <p className="error-message" id="within_km-error">
            <span className="visually-hidden">{t('form.error_prefix')} </span>
            {withinError.message}
          </p>
        ) : null}
        <select
          id="within_km"
          name="within_km"
          defaultValue={form.within_km}
          aria-describedby={withinError ? 'within_km-error' : undefined}
          aria-invalid={withinError ? true : undefined}
        >
          <option value="">{t('map.near.within_any')}</option>
          {[...WITHIN_CHOICES_KM.map(String), ...within].map((km) => (
            <option key={km} value={km}>
              {t('map.near.km', { km })}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

export function SearchPage({
  form,
  errors,
  result,
  cards,
  organizationName,
  near = null,
  map = null,
  wayOn = null,
  myMunicipality = null,
  clickHref,
  backUrl = '',
}: {
  form: SearchForm;
  errors: FormError[];
  result: SearchResult;
  cards: Card[];
  organizationName: Translated | null;
  near?: NearInfo | null;
  map?: MapView | null;
  /** Shown when the search found nothing or little. */
  wayOn?: WayOnView | null;
  /** The reader's "my municipality" (functional cookie), if chosen. */
  myMunicipality?: string | null;
  /** A result's link through the click counter (what was searched and not followed by a click is counted). */
  clickHref?: (id: string) => string;
  /** This page's address, where the "my municipality" form comes back to. */
  backUrl?: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const f = result.facets;
  const count = (name: FacetName) => f?.[name];
  const municipalities = sortedMunicipalities(lang).map((m) => ({
    value: m.code,
    label: municipalityName(m.code, lang),
  }));
  const pages = Math.max(1, Math.ceil(result.total / result.perPage));
  const ageError = errors.find((e) => e.field === 'age');
  const sortValue = form.sort || result.sort;
  const filterCount = activeFilterCount(form, near);
  const loose = result.total > 0 && result.parts > 1 && result.minMatch === 1;
  const understood = result.concepts.map((id) => needConcept(id)?.label[lang]).filter((x): x is string => !!x);
  return (
    <>
      <h1>{t('search.title')}</h1>
      <ErrorSummary errors={errors} />
      <form method="get" action={`/${lang}/search`} id="search-form" role="search" aria-label={t('search.form_label')}>
        <div className="search-box">
          <label htmlFor="q" className="label-bold">
            {t('search.q_label')}
          </label>
          <p className="hint" id="q-hint">
            {t('search.q_hint')}
          </p>
          <div className="search-row">
            <input
              type="search"
              id="q"
              name="q"
              defaultValue={form.q}
              aria-describedby="q-hint"
              autoComplete="off"
              maxLength={200}
            />
            <button type="submit" className="button">
              {t('search.submit')}
            </button>
          </div>
        </div>
        {form.organization ? <input type="hidden" name="organization" value={form.organization} /> : null}

        <div className="search-layout">
          <section className="filters" aria-labelledby="filters-title">
            <details className="filters-fold">
              <summary>
                <span id="filters-title">{t('search.filters_fold')}</span>
                {` (${filterCount})`}
              </summary>
              <h2 className="filters-heading">{t('search.filters')}</h2>
              <CheckboxGroup
                name="municipality"
                legend={t('filter.municipality')}
                options={municipalities}
                checked={form.municipality}
                counts={count('municipality')}
              />
              <CheckboxGroup
                name="life_situation"
                legend={t('filter.life_situation')}
                checked={form.life_situation}
                counts={count('life_situation')}
                options={LIFE_SITUATIONS.map((k) => ({ value: k, label: t(`life_situation.${k}`) }))}
              />
              <CheckboxGroup
                name="language"
                legend={t('filter.language')}
                checked={form.language}
                counts={count('language')}
                options={(['fi', 'sv', 'en'] as const).map((k) => ({ value: k, label: t(`language.${k}`) }))}
              />
              <div className={`field${ageError ? ' field-error' : ''}`}>
                <label htmlFor="age" className="label-bold">
                  {t('filter.age')}
                </label>
                <p className="hint" id="age-hint">
                  {t('filter.age_hint')}
                </p>
                {ageError ? (
                  <p className="error-message" id="age-error">
                    <span className="visually-hidden">{t('form.error_prefix')} </span>
                    {ageError.message}
                  </p>
                ) : null}
                <input
                  type="text"
                  inputMode="numeric"
                  id="age"
                  name="age"
                  defaultValue={form.age}
                  aria-describedby={ageError ? 'age-hint age-error' : 'age-hint'}
                  aria-invalid={ageError ? true : undefined}
                  className={`input-short${ageError ? ' input-error' : ''}`}
                />
              </div>
              <CheckboxGroup
                name="org_type"
                legend={t('filter.org_type')}
                checked={form.org_type}
                counts={count('org_type')}
                options={ORG_TYPES.map((k) => ({ value: k, label: t(`org_type.${k}`) }))}
              />
              <CheckboxGroup
                name="mode"
                legend={t('filter.mode')}
                checked={form.mode}
                counts={count('mode')}
                options={DELIVERY_MODES.map((k) => ({ value: k, label: t(`mode.${k}`) }))}
              />
              <fieldset className="filter-group plain-group">
                <legend>{t('filter.other')}</legend>
                <div className="checkbox">
                  <input type="checkbox" id="free" name="free" value="true" defaultChecked={form.free} />
                  <label htmlFor="free">
                    {`${t('filter.free')} `}
                    <span className="count" data-facet="free:true">{`(${f?.free?.true ?? 0})`}</span>
                  </label>
                </div>
                <div className="checkbox">
                  <input type="checkbox" id="open_now" name="open_now" value="true" defaultChecked={form.open_now} />
                  <label htmlFor="open_now">{t('filter.open_now')}</label>
                </div>
              </fieldset>
              <NearFields form={form} errors={errors} />
              <div className="filter-actions">
                <button type="submit" className="button button-secondary">
                  {t('search.apply_filters')}
                </button>
                <a
                  href={`/${lang}/search?${new URLSearchParams({ ...(form.q ? { q: form.q } : {}), mine: '0' }).toString()}`}
                >
                  {t('search.clear_filters')}
                </a>
              </div>
              <div className="my-municipality-choice">
                <label htmlFor="mine-municipality" className="label-bold">
                  {t('search.mine.label')}
                </label>
                <p className="hint" id="mine-municipality-hint">
                  {t('search.mine.hint')}
                </p>
                <select
                  id="mine-municipality"
                  name="municipality"
                  form="mine-form"
                  defaultValue={myMunicipality ?? ''}
                  aria-describedby="mine-municipality-hint"
                >
                  <option value="">{t('search.mine.none')}</option>
                  {municipalities.map((m) => (
                    <option key={m.value} value={m.value}>
                      {m.label}
                    </option>
                  ))}
                </select>
                <button type="submit" form="mine-form" name="action" value="save" className="button button-secondary">
                  {t('search.mine.save')}
                </button>
              </div>
            </details>
          </section>

          <section className="results" aria-labelledby="result-count">
            <div className="results-header">
              <div aria-live="polite" id="result-status">
                {result.correctedQuery ? (
                  <p className="notice">{t('search.corrected', { query: result.correctedQuery, original: form.q })}</p>
                ) : null}
                <h2 id="result-count">{t('search.result_count', { count: result.total })}</h2>
                {loose ? <p className="notice">{t('search.loose_match')}</p> : null}
                {understood.length ? (
                  <p className="understood">{t('search.understood', { list: understood.join(', ') })}</p>
                ) : null}
                {near ? <p className="near-note">{nearNote(near, lang, t)}</p> : null}
                <MyMunicipality form={form} mine={myMunicipality} />
              </div>
              <div className="sort">
                <label htmlFor="sort">{t('search.sort_label')}</label>
                <select id="sort" name="sort" defaultValue={sortValue}>
                  {form.q ? <option value="relevance">{t('search.sort.relevance')}</option> : null}
                  <option value="name">{t('search.sort.name')}</option>
                  {near ? <option value="distance">{t('search.sort.distance')}</option> : null}
                </select>
              </div>
            </div>
            {map ? (
              <div id="map-slot">
                <MapAssetLinks />
                {map.geojsonUrl && result.mappable > 0 && !errors.length ? (
                  <MapPanel view={map} label={t('map.region_label')} skipTo="#results" />
                ) : null}
              </div>
            ) : null}
            <div id="results" aria-busy="false">
              {/* Distances are shown: the order in the form is now the reader's choice (replaced with the results). */}
              {near ? <input type="hidden" name="had_point" value="1" /> : null}
              <ActiveFilters form={form} organizationName={organizationName} near={near} />
              {cards.length ? (
                <ol className="service-list">
                  {cards.map((c, i) => (
                    <ServiceCard
                      key={c.id}
                      card={c}
                      distanceKm={near ? (result.hits[i]?.distanceKm ?? null) : undefined}
                      href={clickHref ? clickHref(c.id) : undefined}
                    />
                  ))}
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
              {wayOn ? <WayOnBlock way={wayOn} form={form} weak={result.total > 0} /> : null}
              {pages > 1 ? (
                <nav className="pagination" aria-label={t('search.pagination')}>
                  <ul>
                    {result.page > 1 ? (
                      <li>
                        <a rel="prev" href={searchHref(lang, { ...form, page: result.page - 1 })}>
                          {t('search.previous')}
                        </a>
                      </li>
                    ) : null}
                    <li>
                      <span aria-current="page">{t('search.page_of', { page: result.page, pages })}</span>
                    </li>
                    {result.page < pages ? (
                      <li>
                        <a rel="next" href={searchHref(lang, { ...form, page: result.page + 1 })}>
                          {t('search.next')}
                        </a>
                      </li>
                    ) : null}
                  </ul>
                </nav>
              ) : null}
            </div>
          </section>
        </div>
      </form>
      <form method="post" action={`/${lang}/search/my-municipality`} id="mine-form">
        <CsrfField />
        <input type="hidden" name="back" value={backUrl} />
      </form>
    </>
  );
}

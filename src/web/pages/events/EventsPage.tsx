/** What is on (/{lang}/events): occurrences by day, with the filters as a plain GET form (works without JS). */
import { useTranslation } from '../../useTranslation.js';
import type { EventSummary, OccurrenceHit } from '../../../core/events/queries.js';
import { LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import { CheckboxesField, RadioField, SelectField, TextField } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { sortedMunicipalities } from '../../format.js';
import { Clock, dayLabel, Languages, Place, SeatsLeft } from './parts.js';

export interface EventsForm {
  q: string;
  municipality: string;
  language: string;
  age: string;
  life_situation: string;
  free: boolean;
  place: string;
  when: string;
  from: string;
}

export const eventsQuery = (f: Partial<EventsForm>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (v !== '' && v !== false && v !== undefined) p.set(k, v === true ? '1' : String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function EventsPage({
  form,
  events,
  truncated,
  icsHref,
}: {
  form: EventsForm;
  events: EventSummary[];
  truncated: boolean;
  icsHref: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const byId = new Map(events.map((e) => [e.id, e]));
  const occurrences = events.flatMap((e) => e.occurrences).sort((a, b) => a.start.getTime() - b.start.getTime());
  const days: { label: string; items: OccurrenceHit[] }[] = [];
  for (const o of occurrences) {
    const label = dayLabel(o.start, lang);
    const last = days.at(-1);
    if (last && last.label === label) last.items.push(o);
    else days.push({ label, items: [o] });
  }
  return (
    <div className="events-page">
      <Breadcrumbs items={[{ href: `/${lang}/`, label: t('nav.home') }, { label: t('events.title') }]} />
      <h1>{t('events.title')}</h1>
      <p className="lead">{t('events.lead')}</p>
      <form
        method="get"
        action={`/${lang}/events`}
        className="events-filters"
        role="search"
        aria-label={t('events.filters')}
      >
        <TextField name="q" label={t('events.filter.q')} value={form.q} type="search" />
        <div className="filter-grid">
          <SelectField
            name="municipality"
            label={t('events.filter.municipality')}
            value={form.municipality}
            emptyLabel={t('events.filter.any')}
            options={sortedMunicipalities(lang)
              .filter((m) => m.lape)
              .map((m) => ({ value: m.code, label: lang === 'sv' ? m.name.sv : m.name.fi }))}
          />
          <SelectField
            name="language"
            label={t('events.filter.language')}
            value={form.language}
            emptyLabel={t('events.filter.any')}
            options={(['fi', 'sv', 'en'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }))}
          />
          <SelectField
            name="life_situation"
            label={t('events.filter.life_situation')}
            value={form.life_situation}
            emptyLabel={t('events.filter.any')}
            options={LIFE_SITUATIONS.map((l) => ({ value: l, label: t(`life_situation.${l}`) }))}
          />
          <TextField
            name="age"
            label={t('events.filter.age')}
            hint={t('events.filter.age_hint')}
            value={form.age}
            inputMode="numeric"
            className="input-short"
          />
          <TextField
            name="from"
            label={t('events.filter.from')}
            value={form.from}
            type="date"
            className="input-short"
          />
        </div>
        <RadioField
          name="when"
          label={t('events.filter.when')}
          value={form.when}
          columns
          options={[
            { value: '', label: t('events.filter.when_any') },
            { value: 'week', label: t('events.filter.this_week') },
            { value: 'weekend', label: t('events.filter.weekend') },
          ]}
        />
        <RadioField
          name="place"
          label={t('events.filter.place')}
          value={form.place}
          columns
          options={[
            { value: '', label: t('events.filter.place_any') },
            { value: 'place', label: t('events.filter.place_on_site') },
            { value: 'online', label: t('events.filter.place_online') },
          ]}
        />
        <CheckboxesField
          name="free"
          label={t('events.filter.price')}
          values={form.free ? ['1'] : []}
          options={[{ value: '1', label: t('events.filter.free') }]}
        />
        <button type="submit" className="button">
          {t('events.filter.submit')}
        </button>
      </form>

      <h2 className="visually-hidden">{t('events.results')}</h2>
      <p role="status" className="result-count">
        {t('events.result_count', { count: events.length })}
      </p>
      {days.map((d) => (
        <section key={d.label} className="event-day" aria-label={d.label}>
          <h2>{d.label}</h2>
          <ul className="plain event-list">
            {d.items.map((o) => {
              const e = byId.get(o.eventId)!;
              return (
                <li key={o.occurrenceId} className="event-card">
                  <p className="event-time">
                    <Clock start={o.start} end={o.end} />
                  </p>
                  <h3>
                    <a href={`/${lang}/events/${e.id}`}>
                      <LangText value={e.name} />
                    </a>
                  </h3>
                  <p className="event-meta">
                    {pick(e.organization.name, lang)} · <Place e={e} /> · <Languages langs={e.languages} />
                    {e.kind === 'group' ? ` · ${t('events.kind.group')}` : ''}
                    {e.free ? ` · ${t('events.free')}` : ''}
                  </p>
                  <p>
                    <SeatsLeft seats={o.seatsLeft} kind={e.kind} />
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {!days.length ? <p>{t('events.none')}</p> : null}
      {truncated ? <p>{t('events.truncated')}</p> : null}
      <p className="calendar-link">
        <a href={icsHref}>{t('events.subscribe_filter')}</a>
      </p>
    </div>
  );
}

/**
 * Events as LinkedEvents-compatible JSON (Helsinki's event API, https://api.hel.fi/linkedevents/v1/): the shape
 * of its `GET /event/` answer, `{ meta, data }`, so a municipality that also publishes to LinkedEvents can reuse
 * the data. The mapping is documented in docs/events.md. A one-off event with one occurrence is one event; an
 * event with several occurrences is a super event (super_event_type "recurring", or "umbrella" type_id "Course"
 * for a group joined as a whole) with one sub event per occurrence.
 */
import type { Lang, Translated } from '../shared/lang.js';
import { cleanTranslated } from '../shared/translated.js';
import { isoHelsinki } from './presenters.js';
import type { EventSummary } from './queries.js';

const DATA_SOURCE = 'yhdessa';
const leId = (kind: string, id: string) => `${DATA_SOURCE}:${kind === 'event' ? '' : `${kind}:`}${id}`;
const LANGS: Lang[] = ['fi', 'sv', 'en'];

const multi = (t: Translated | null | undefined) => {
  const c = cleanTranslated(t);
  return Object.keys(c).length ? c : null;
};

export function linkedEventsExport(events: EventSummary[], baseUrl: string, occurrenceLimit = 500) {
  const api = `${baseUrl}/api/v1/events/linkedevents`;
  const data: Record<string, unknown>[] = [];
  for (const e of events) {
    const occurrences = e.occurrences.slice(0, occurrenceLimit);
    if (!occurrences.length) continue;
    const first = occurrences[0]!;
    const last = occurrences.at(-1)!;
    const superId = leId('event', e.id);
    const base = {
      '@context': 'http://schema.org',
      '@type': 'Event',
      data_source: DATA_SOURCE,
      publisher: leId('org', e.organization.id),
      provider: multi(e.organization.name),
      name: multi(e.name),
      description: multi(e.description),
      short_description: null,
      info_url: Object.fromEntries(LANGS.map((l) => [l, `${baseUrl}/${l}/events/${e.id}`])),
      location: e.location
        ? {
            '@id': `${api}/place/${leId('place', e.location.id)}/`,
            id: leId('place', e.location.id),
            name: multi(e.location.name),
            street_address: multi(e.location.street),
            postal_code: e.location.postalCode,
            address_locality: multi(e.location.city),
            position:
              e.location.lat !== null && e.location.lon !== null
                ? { type: 'Point', coordinates: [e.location.lon, e.location.lat] }
                : null,
          }
        : { '@id': `${api}/place/helsinki:internet/`, id: 'helsinki:internet' },
      in_language: e.languages.map((l) => ({ '@id': `${api}/language/${l}/`, id: l })),
      keywords: [
        ...e.keywords.map((k) => ({
          '@id': `${api}/keyword/${leId('keyword', encodeURIComponent(k))}/`,
          name: { fi: k },
        })),
        ...e.lifeSituations.map((ls) => ({
          '@id': `${api}/keyword/${leId('life_situation', ls)}/`,
          id: leId('life_situation', ls),
        })),
      ],
      offers: [{ is_free: e.free, price: null, info_url: null, description: null }],
      audience_min_age: e.ageMin,
      audience_max_age: e.ageMax,
      maximum_attendee_capacity: e.registration === 'none' ? null : e.capacity,
      event_status: 'EventScheduled',
      last_modified_time: e.updatedAt.toISOString(),
      local: true,
    };
    if (occurrences.length === 1 && e.kind !== 'group') {
      data.push({
        ...base,
        id: superId,
        '@id': `${api}/event/${superId}/`,
        start_time: isoHelsinki(first.start),
        end_time: isoHelsinki(first.end),
        super_event: null,
        super_event_type: null,
        sub_events: [],
        type_id: 'General',
      });
      continue;
    }
    const subs = occurrences.map((o) => {
      const id = leId('event', `${e.id}:${o.occurrenceId}`);
      return {
        ...base,
        id,
        '@id': `${api}/event/${id}/`,
        start_time: isoHelsinki(o.start),
        end_time: isoHelsinki(o.end),
        super_event: { '@id': `${api}/event/${superId}/` },
        super_event_type: null,
        sub_events: [],
        type_id: e.kind === 'group' ? 'Course' : 'General',
      };
    });
    data.push({
      ...base,
      id: superId,
      '@id': `${api}/event/${superId}/`,
      start_time: isoHelsinki(first.start),
      end_time: isoHelsinki(last.end),
      super_event: null,
      super_event_type: e.kind === 'group' ? 'umbrella' : 'recurring',
      sub_events: subs.map((s) => ({ '@id': s['@id'] })),
      type_id: e.kind === 'group' ? 'Course' : 'General',
    });
    data.push(...subs);
  }
  return { meta: { count: data.length, next: null, previous: null }, data };
}

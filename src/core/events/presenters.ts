/** What leaves the server as JSON about events: the API's list and one event, schema.org Event markup. */
import { municipalityByCode } from '../places/municipalities.js';
import type { Lang } from '../shared/lang.js';
import { pick } from '../shared/translated.js';
import type { EventDetail, EventSummary, OccurrenceHit } from './queries.js';
import { helsinkiOffsetMinutes } from './time.js';

/** An instant as Helsinki local time with its offset: '2026-10-27T09:30:00+02:00'. */
export function isoHelsinki(d: Date): string {
  const off = helsinkiOffsetMinutes(d);
  const local = new Date(d.getTime() + off * 60000).toISOString().slice(0, 19);
  const sign = off >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
  const mm = String(Math.abs(off) % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

const occurrenceJson = (o: OccurrenceHit) => ({
  id: o.occurrenceId,
  start: isoHelsinki(o.start),
  end: isoHelsinki(o.end),
  seats_left: o.seatsLeft,
});

const municipalityRef = (code: string | null, lang: Lang) => {
  if (!code) return null;
  const m = municipalityByCode(code);
  return { code, name: m ? (lang === 'sv' ? m.name.sv : m.name.fi) : code };
};

export function presentEventItem(e: EventSummary, lang: Lang, baseUrl: string) {
  return {
    id: e.id,
    name: pick(e.name, lang),
    kind: e.kind,
    organization: { id: e.organization.id, name: pick(e.organization.name, lang) },
    municipality: municipalityRef(e.municipality, lang),
    languages: e.languages,
    free: e.free,
    online: e.online,
    place: e.location
      ? {
          id: e.location.id,
          name: pick(e.location.name, lang),
          street: pick(e.location.street, lang) || null,
          postal_code: e.location.postalCode,
          city: pick(e.location.city, lang) || null,
          lat: e.location.lat,
          lon: e.location.lon,
        }
      : null,
    age_min: e.ageMin,
    age_max: e.ageMax,
    life_situations: e.lifeSituations,
    registration: e.registration,
    occurrences: e.occurrences.map(occurrenceJson),
    web_url: `${baseUrl}/${lang}/events/${e.id}`,
  };
}

export function presentEventList(events: EventSummary[], total: number, lang: Lang, baseUrl: string) {
  return { total, items: events.map((e) => presentEventItem(e, lang, baseUrl)) };
}

/** schema.org Event markup (JSON-LD) for an event's page: its upcoming occurrences as sub-events. */
export function eventJsonLd(e: EventDetail, lang: Lang, baseUrl: string) {
  const upcoming = e.occurrences.filter((o) => !o.past);
  const url = `${baseUrl}/${lang}/events/${e.id}`;
  const location = e.location
    ? {
        '@type': 'Place',
        name: pick(e.location.name, lang),
        address: {
          '@type': 'PostalAddress',
          streetAddress: pick(e.location.street, lang) || undefined,
          postalCode: e.location.postalCode ?? undefined,
          addressLocality: pick(e.location.city, lang) || undefined,
          addressCountry: 'FI',
        },
        ...(e.location.lat !== null && e.location.lon !== null
          ? { geo: { '@type': 'GeoCoordinates', latitude: e.location.lat, longitude: e.location.lon } }
          : {}),
      }
    : { '@type': 'VirtualLocation', url };
  const one = (o: (typeof upcoming)[number]) => ({
    '@type': 'Event',
    name: pick(e.name, lang),
    startDate: isoHelsinki(o.start),
    endDate: isoHelsinki(o.end),
    eventStatus: o.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
  });
  const first = upcoming.find((o) => o.status === 'scheduled') ?? upcoming[0] ?? e.occurrences.at(-1);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: pick(e.name, lang),
    description: pick(e.description, lang) || undefined,
    url,
    inLanguage: e.languages,
    ...(first ? { startDate: isoHelsinki(first.start), endDate: isoHelsinki(first.end) } : {}),
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: e.location
      ? e.online
        ? 'https://schema.org/MixedEventAttendanceMode'
        : 'https://schema.org/OfflineEventAttendanceMode'
      : 'https://schema.org/OnlineEventAttendanceMode',
    location,
    organizer: {
      '@type': 'Organization',
      name: pick(e.organization.name, lang),
      url: `${baseUrl}/${lang}/organizations/${e.organization.id}`,
    },
    isAccessibleForFree: e.free,
    ...(e.ageMin !== null || e.ageMax !== null ? { typicalAgeRange: `${e.ageMin ?? 0}-${e.ageMax ?? ''}` } : {}),
    ...(e.capacity !== null && e.registration !== 'none' ? { maximumAttendeeCapacity: e.capacity } : {}),
    ...(upcoming.length > 1 ? { subEvent: upcoming.slice(0, 50).map(one) } : {}),
  };
}

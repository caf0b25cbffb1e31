/**
 * iCalendar feeds (RFC 5545) with ical-generator: every occurrence a VEVENT in Europe/Helsinki with the zone's own
 * VTIMEZONE (EET/EEST and the EU's rules for the daylight-saving changes), so calendar apps show 9.30 as 9.30
 * before and after the change. A cancelled occurrence stays in the feed as STATUS:CANCELLED, so calendars that
 * had it remove it.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { Lang } from '../shared/lang.js';
import { pick } from '../shared/translated.js';
import type { EventSummary } from './queries.js';
import { fromLocal, helsinkiOffsetMinutes, TIME_ZONE } from './time.js';

/** Europe/Helsinki since 1996: EET (+02:00), EEST (+03:00) from the last Sunday of March to the last of October. */
export const VTIMEZONE_HELSINKI = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Helsinki',
  'X-LIC-LOCATION:Europe/Helsinki',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19700329T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19701025T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * An instant that reads as Helsinki wall-clock time: ical-generator writes `DTSTART;TZID=…` from a date's local
 * getters, which for a plain Date would be the server's own zone. This date's getters answer in Helsinki, whatever
 * zone the server runs in (ical-generator's "TZDate" hook: withTimeZone/tzComponents/internal).
 */
class HelsinkiDate extends Date {
  readonly internal: Date;
  readonly timeZone = TIME_ZONE;
  #p: number[];
  constructor(d: Date) {
    super(d.getTime());
    this.internal = new Date(d.getTime());
    const local = new Date(d.getTime() + helsinkiOffsetMinutes(d) * 60000);
    this.#p = [
      local.getUTCFullYear(),
      local.getUTCMonth(),
      local.getUTCDate(),
      local.getUTCHours(),
      local.getUTCMinutes(),
      local.getUTCSeconds(),
    ];
  }
  withTimeZone(): HelsinkiDate {
    return this;
  }
  tzComponents() {
    return this.#p;
  }
  override getFullYear() {
    return this.#p[0]!;
  }
  override getMonth() {
    return this.#p[1]!;
  }
  override getDate() {
    return this.#p[2]!;
  }
  override getHours() {
    return this.#p[3]!;
  }
  override getMinutes() {
    return this.#p[4]!;
  }
  override getSeconds() {
    return this.#p[5]!;
  }
}

export interface FeedOccurrence {
  occurrenceId: string;
  start: Date;
  end: Date;
  cancelled?: boolean;
}

export interface FeedEvent {
  event: Pick<EventSummary, 'id' | 'name' | 'description' | 'organization' | 'location' | 'updatedAt'>;
  occurrences: FeedOccurrence[];
  /** An online link, when the reader may see it. */
  onlineUrl?: string | null;
}

export function icalFeed(name: string, events: FeedEvent[], lang: Lang, baseUrl: string): string {
  const host = new URL(baseUrl).host;
  const cal = ical({
    name,
    prodId: { company: 'Yhdessä', product: 'events', language: lang.toUpperCase() },
    timezone: { name: TIME_ZONE, generator: (tz) => (tz === TIME_ZONE ? VTIMEZONE_HELSINKI : null) },
    ttl: 3600,
  });
  for (const { event: e, occurrences, onlineUrl } of events) {
    const url = `${baseUrl}/${lang}/events/${e.id}`;
    const place = e.location
      ? [
          pick(e.location.name, lang),
          pick(e.location.street, lang),
          [e.location.postalCode, pick(e.location.city, lang)].filter(Boolean).join(' '),
        ]
          .filter(Boolean)
          .join(', ')
      : onlineUrl || null;
    for (const o of occurrences) {
      cal.createEvent({
        id: `${o.occurrenceId}@${host}`,
        start: new HelsinkiDate(o.start),
        end: new HelsinkiDate(o.end),
        timezone: TIME_ZONE,
        stamp: new HelsinkiDate(e.updatedAt),
        lastModified: new HelsinkiDate(e.updatedAt),
        summary: pick(e.name, lang),
        description: [pick(e.organization.name, lang), pick(e.description, lang), onlineUrl ?? '', url]
          .filter(Boolean)
          .join('\n\n'),
        location: place,
        url,
        status: o.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
  }
  // ical-generator writes DTSTAMP and LAST-MODIFIED in the calendar's zone without a TZID; RFC 5545 wants UTC.
  return cal
    .toString()
    .replace(
      /^(DTSTAMP|LAST-MODIFIED):(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\r$/gm,
      (_m, prop: string, y, mo, d, h, mi, se) => {
        const utc = fromLocal(`${y}-${mo}-${d}T${h}:${mi}:${se}`).toISOString().replace(/[-:]/g, '').slice(0, 15);
        return `${prop}:${utc}Z\r`;
      },
    );
}

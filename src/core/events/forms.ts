/**
 * The workspace's event form in the core's words: a date, a start and end time and "repeats weekly N times"
 * become one occurrence or a weekly rule (with the dates left out). What cannot be read is left for checkEvent
 * to refuse with its problem on the right field.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EventKind, EventStatus, RegistrationMode } from '../../db/schema.events.js';
import { organizationsWhere, type Actor } from '../access/permissions.js';
import { Problems } from '../shared/errors.js';
import type { Lang, Translated } from '../shared/lang.js';
import { pick } from '../shared/translated.js';
import { municipalityByCode } from '../places/municipalities.js';
import { AREA, type EventInput } from './types.js';

export interface EventFormInput {
  organizationId: string;
  kind: string;
  name: Translated;
  description: Translated;
  practical: Translated;
  languages: string[];
  locationId: string;
  onlineUrl: string;
  onlineUrlRegisteredOnly: boolean;
  date: string;
  startTime: string;
  endTime: string;
  repeatWeeks: string;
  exdates: string;
  registration: string;
  capacity: string;
  maxPeople: string;
  ageMin: string;
  ageMax: string;
  free: boolean;
  lifeSituations: string[];
  contactEmail: string;
  status: string;
}

const TIME_RE = /^(\d{1,2})[:.](\d{2})$/;
const time = (v: string) => {
  const m = TIME_RE.exec(v.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
};

/** The form's values as an event input; the problems only the form can have (times, numbers) are refused here. */
export function eventInputFromForm(f: EventFormInput): EventInput {
  const p = new Problems(AREA);
  const int = (v: string, field: string): number | null => {
    if (!v.trim()) return null;
    if (!/^\d{1,6}$/.test(v.trim())) {
      p.add('number_invalid', field);
      return null;
    }
    return Number(v.trim());
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) p.add('date_required', 'date');
  const start = time(f.startTime);
  const end = time(f.endTime);
  if (!start) p.add('time_invalid', 'start_time');
  if (!end) p.add('time_invalid', 'end_time');
  const weeks = int(f.repeatWeeks, 'repeat_weeks') ?? 1;
  if (weeks < 1 || weeks > 100) p.add('repeat_invalid', 'repeat_weeks');
  const exdates = f.exdates
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  if (exdates.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d))) p.add('exdate_invalid', 'exdates');
  const capacity = int(f.capacity, 'capacity');
  const maxPeople = int(f.maxPeople, 'max_people') ?? 10;
  const ageMin = int(f.ageMin, 'age_min');
  const ageMax = int(f.ageMax, 'age_max');
  p.throwIfAny();
  const first = { start: `${f.date}T${start}`, end: `${f.date}T${end}` };
  const kind = (['single', 'recurring', 'group'].includes(f.kind) ? f.kind : 'single') as EventKind;
  return {
    organizationId: f.organizationId,
    kind: kind === 'single' && weeks > 1 ? 'recurring' : kind,
    status: (f.status === 'published' ? 'published' : 'draft') as EventStatus,
    name: f.name,
    description: f.description,
    practical: f.practical,
    languages: f.languages,
    locationId: f.locationId || null,
    onlineUrl: f.onlineUrl || null,
    onlineUrlRegisteredOnly: f.onlineUrlRegisteredOnly,
    registration: (['none', 'headcount', 'contact'].includes(f.registration)
      ? f.registration
      : 'contact') as RegistrationMode,
    capacity,
    maxPeople,
    ageMin,
    ageMax,
    free: f.free,
    lifeSituations: f.lifeSituations,
    contactEmail: f.contactEmail || null,
    ...(weeks > 1
      ? { rrule: { rule: `FREQ=WEEKLY;COUNT=${weeks + exdates.length}`, ...first, exdates } }
      : { occurrences: [first] }),
  };
}

/** The organisations where the actor may create events, and every place of the directory to choose from. */
export async function organiserChoices(db: Kysely<DB>, actor: Actor, lang: Lang) {
  const where = organizationsWhere(actor, 'service.edit');
  let q = db.selectFrom('organization').select(['id', 'name']);
  if (where !== 'all') q = q.where('id', 'in', where.length ? where : ['00000000-0000-0000-0000-000000000000']);
  const organizations = (await q.execute()).sort((a, b) => pick(a.name, lang).localeCompare(pick(b.name, lang), lang));
  const locs = await db.selectFrom('location').select(['id', 'name', 'municipality_code']).execute();
  const locations = locs
    .map((l) => {
      const m = l.municipality_code ? municipalityByCode(l.municipality_code) : undefined;
      const town = m ? (lang === 'sv' ? m.name.sv : m.name.fi) : '';
      return { id: l.id, label: town ? `${town}: ${pick(l.name, lang)}` : pick(l.name, lang) };
    })
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  return { organizations, locations };
}

/**
 * Publishing events (editors, with the rights they have for their organisation's services: service.edit for a
 * draft, service.publish to publish): create, change, cancel occurrences, delete. Each is authorised and audited
 * in the same transaction. A change after publishing that moves a time or the place, or cancels an occurrence,
 * tells the registered people by e-mail (a link to the event, nothing else).
 */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EventTable } from '../../db/schema.events.js';
import { authorize, can } from '../access/permissions.js';
import { audit } from '../audit/auditLog.js';
import { LIFE_SITUATIONS } from '../directory/vocabulary.js';
import { withCompoundHeads } from '../directory/search/text.js';
import { servicesTouched } from '../directory/searchIndexer.js';
import { municipalityByCode } from '../places/municipalities.js';
import { notFound, Problems } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { LANGS, type Lang, type Translated } from '../shared/lang.js';
import { allTexts, cleanTranslated, pick } from '../shared/translated.js';
import { decryptField } from '../shared/fieldCrypto.js';
import { expandRule, parseTime } from './time.js';
import { AREA, type EventInput, type EventPatch, type EventsDeps, type OccurrenceInput } from './types.js';
import { eventUrl, mailText } from './texts.js';

type Db = Kysely<DB> | Transaction<DB>;
const MAX_TEXT = 8000;
const MAX_SHORT = 300;

type EventRow = Selectable<EventTable>;
type EventValues = Required<
  Omit<Insertable<EventTable>, 'id' | 'created_at' | 'updated_at' | 'tsv' | 'taken' | 'published_at' | 'created_by'>
>;

interface Checked {
  row: EventValues;
  occurrences: { start: Date; end: Date }[];
}

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

const tooLong = (t: Translated | undefined, max: number) => allTexts(t).some((x) => x.length > max);

/** Checks an event's input; every problem at once (kind invalid, area events). */
export async function checkEvent(db: Db, input: EventInput, o: { requireTimes?: boolean } = {}): Promise<Checked> {
  const p = new Problems(AREA);
  const name = cleanTranslated(input.name);
  if (!name.fi && !name.sv && !name.en) p.add('name_required', 'name.fi');
  if (tooLong(name, MAX_SHORT)) p.add('too_long', 'name.fi');
  for (const f of ['description', 'practical', 'price', 'accessibility'] as const)
    if (tooLong(input[f], MAX_TEXT)) p.add('too_long', `${f}.fi`);
  if (!['single', 'recurring', 'group'].includes(input.kind)) p.add('kind_invalid', 'kind');
  if (!['draft', 'published'].includes(input.status)) p.add('status_invalid', 'status');
  const languages = [...new Set(input.languages)];
  if (!languages.length) p.add('languages_required', 'languages');
  if (languages.some((l) => !(LANGS as readonly string[]).includes(l))) p.add('language_invalid', 'languages');
  const life = [...new Set(input.lifeSituations ?? [])];
  if (life.some((l) => !(LIFE_SITUATIONS as readonly string[]).includes(l)))
    p.add('life_situation_invalid', 'life_situations');
  const keywords = [...new Set((input.keywords ?? []).map((k) => k.trim()).filter(Boolean))];
  if (keywords.length > 30 || keywords.some((k) => k.length > 60)) p.add('keywords_invalid', 'keywords');

  const org = await db
    .selectFrom('organization')
    .select(['id', 'municipality_code'])
    .where('id', '=', input.organizationId)
    .executeTakeFirst();
  if (!org) p.add('organization_unknown', 'organization_id');

  let municipality = input.municipality?.trim() || null;
  if (municipality && !municipalityByCode(municipality)) p.add('municipality_unknown', 'municipality');
  let locationId = input.locationId || null;
  if (locationId) {
    const loc = await db
      .selectFrom('location')
      .select(['id', 'municipality_code'])
      .where('id', '=', locationId)
      .executeTakeFirst();
    if (!loc) {
      p.add('location_unknown', 'location_id');
      locationId = null;
    } else municipality ??= loc.municipality_code;
  }
  municipality ??= org?.municipality_code ?? null;
  const onlineUrl = input.onlineUrl?.trim() || null;
  if (onlineUrl && (!isHttpUrl(onlineUrl) || onlineUrl.length > 500)) p.add('url_invalid', 'online_url');
  if (!locationId && !onlineUrl) p.add('place_required', 'location_id');

  let serviceId = input.serviceId || null;
  if (serviceId && org) {
    const s = await db
      .selectFrom('service')
      .select('id')
      .where('id', '=', serviceId)
      .where('organization_id', '=', org.id)
      .executeTakeFirst();
    if (!s) {
      p.add('service_unknown', 'service_id');
      serviceId = null;
    }
  }

  const ageMin = input.ageMin ?? null;
  const ageMax = input.ageMax ?? null;
  for (const [f, v] of [
    ['age_min', ageMin],
    ['age_max', ageMax],
  ] as const)
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > 120)) p.add('age_invalid', f);
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) p.add('age_range_invalid', 'age_max');

  const registration = input.registration ?? 'contact';
  if (!['none', 'headcount', 'contact'].includes(registration)) p.add('registration_invalid', 'registration');
  const capacity = input.capacity ?? null;
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0 || capacity > 100000))
    p.add('capacity_invalid', 'capacity');
  const maxPeople = input.maxPeople ?? 10;
  if (!Number.isInteger(maxPeople) || maxPeople < 1 || maxPeople > 50) p.add('max_people_invalid', 'max_people');
  const retentionDays = input.retentionDays ?? 30;
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 365)
    p.add('retention_invalid', 'retention_days');
  const email = input.contactEmail?.trim() || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) p.add('email_invalid', 'contact_email');

  let occurrences: { start: Date; end: Date }[] = [];
  let rule: { rule: string; start: string; end: string; exdates: string[] } | null = null;
  if (input.rrule) {
    const exdates = (input.rrule.exdates ?? []).map((d) => d.trim()).filter(Boolean);
    if (exdates.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d))) p.add('exdate_invalid', 'rrule');
    const localStart = toLocalInput(input.rrule.start);
    const localEnd = toLocalInput(input.rrule.end);
    occurrences =
      p.check(() => {
        if (!localStart) invalidTime('rrule.start');
        if (!localEnd) invalidTime('rrule.end');
        return expandRule(input.rrule!.rule, localStart, localEnd, exdates);
      }) ?? [];
    rule = {
      rule: input.rrule.rule.trim().replace(/^RRULE:/i, ''),
      start: localStart ?? '',
      end: localEnd ?? '',
      exdates,
    };
  } else {
    const given: OccurrenceInput[] = input.occurrences ?? [];
    given.forEach((o, i) => {
      const start = p.check(() => parseTime(o.start, `occurrences[${i}].start`));
      const end = p.check(() => parseTime(o.end, `occurrences[${i}].end`));
      if (start && end) {
        if (end <= start) p.add('end_before_start', `occurrences[${i}].end`);
        else occurrences.push({ start, end });
      }
    });
    if (given.length > 200) p.add('too_many_occurrences', 'occurrences');
  }
  if (!occurrences.length && !p.any && o.requireTimes !== false) p.add('occurrences_required', 'occurrences');
  occurrences.sort((a, b) => a.start.getTime() - b.start.getTime());
  const starts = occurrences.map((o) => o.start.getTime());
  if (new Set(starts).size !== starts.length) p.add('occurrences_duplicate', 'occurrences');
  p.throwIfAny();

  return {
    occurrences,
    row: {
      key: input.key ?? null,
      organization_id: input.organizationId,
      service_id: serviceId,
      kind: input.kind,
      status: input.status,
      name: JSON.stringify(name),
      description: JSON.stringify(cleanTranslated(input.description)),
      practical: JSON.stringify(cleanTranslated(input.practical)),
      languages,
      municipality_code: municipality,
      location_id: locationId,
      online_url: onlineUrl,
      online_url_registered_only: Boolean(input.onlineUrlRegisteredOnly && onlineUrl),
      age_min: ageMin,
      age_max: ageMax,
      free: input.free ?? true,
      price: JSON.stringify(cleanTranslated(input.price)),
      accessibility: JSON.stringify(cleanTranslated(input.accessibility)),
      contact_name: input.contactName?.trim() || null,
      contact_email: email,
      contact_phone: input.contactPhone?.trim() || null,
      keywords,
      life_situations: life,
      registration,
      capacity: registration === 'none' ? null : capacity,
      max_people: maxPeople,
      rrule: rule?.rule ?? null,
      first_start: rule?.start ?? null,
      first_end: rule?.end ?? null,
      exdates: rule?.exdates ?? [],
      retention_days: retentionDays,
      updated_by: null,
    },
  };
}

function invalidTime(field: string): never {
  const p = new Problems(AREA);
  p.add('time_invalid', field);
  p.throwIfAny();
  throw new Error('unreachable');
}

/** A rule's start as local time: local input as it is, an instant with an offset turned into Helsinki time. */
function toLocalInput(v: string): string | null {
  const s = v.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s)) return s;
  try {
    const d = parseTime(s, 'start');
    return new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Helsinki',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(d)
      .replace(' ', 'T');
  } catch {
    return null;
  }
}

/** The event's search document: its words in each language, stemmed by the directory's own functions. */
async function searchDocument(db: Db, row: Checked['row']) {
  const name = JSON.parse(row.name as string) as Translated;
  const description = JSON.parse(row.description as string) as Translated;
  const loc = row.location_id
    ? await db.selectFrom('location').select(['name', 'city']).where('id', '=', row.location_id).executeTakeFirst()
    : undefined;
  const m = row.municipality_code ? municipalityByCode(row.municipality_code) : undefined;
  const text = (l: Lang) =>
    withCompoundHeads(
      [
        name[l],
        description[l],
        ...(l === 'fi' ? row.keywords : []),
        loc ? pick(loc.name, l) : '',
        loc ? pick(loc.city, l) : '',
        m ? (l === 'sv' ? m.name.sv : m.name.fi) : '',
      ]
        .filter(Boolean)
        .join(' \n '),
    );
  return sql<string>`yh_doc('A', ${text('fi')}, ${text('sv')}, ${text('en')})`;
}

const auditShape = (row: Checked['row'], occurrences: { start: Date; end: Date }[]) => ({
  ...row,
  name: JSON.parse(row.name as string),
  occurrences: occurrences.length,
});

/** Creates an event with its occurrences; published at once when asked and the editor may publish. */
export async function createEvent(db: Kysely<DB>, deps: EventsDeps, input: EventInput): Promise<{ id: string }> {
  authorize(deps.audit.actor, 'service.edit', { organizationId: input.organizationId });
  if (input.status === 'published')
    authorize(deps.audit.actor, 'service.publish', { organizationId: input.organizationId });
  return db.transaction().execute((tx) => insertEvent(tx, deps, input));
}

/**
 * Stores a checked event without asking who acts: for the demo loader and imports run by the system (every
 * person's request goes through createEvent, which authorises). Audited like any creation.
 */
export async function insertEvent(
  tx: Transaction<DB>,
  deps: Pick<EventsDeps, 'audit'>,
  input: EventInput,
): Promise<{ id: string }> {
  {
    const c = await checkEvent(tx, input);
    const id = newId();
    if (c.row.key) {
      const existing = await tx.selectFrom('event').select('id').where('key', '=', c.row.key).executeTakeFirst();
      if (existing) duplicateKey();
    }
    await tx
      .insertInto('event')
      .values({
        id,
        ...c.row,
        tsv: await searchDocument(tx, c.row),
        created_by: deps.audit.actor?.personId ?? null,
        updated_by: deps.audit.actor?.personId ?? null,
        published_at: input.status === 'published' ? new Date() : null,
      } as never)
      .execute();
    await insertOccurrences(tx, id, c.occurrences);
    // The service's page shows whether it has events.
    await servicesTouched(tx, [c.row.service_id]);
    await audit(tx, deps.audit, {
      action: 'event.create',
      objectType: 'event',
      objectId: id,
      organizationId: input.organizationId,
      after: auditShape(c.row, c.occurrences),
    });
    return { id };
  }
}

function duplicateKey(): never {
  const p = new Problems(AREA);
  p.add('key_taken', 'key');
  p.throwIfAny();
  throw new Error('unreachable');
}

async function insertOccurrences(tx: Db, eventId: string, list: { start: Date; end: Date }[]) {
  if (!list.length) return;
  await tx
    .insertInto('event_occurrence')
    .values(list.map((o) => ({ id: newId(), event_id: eventId, starts_at: o.start, ends_at: o.end })))
    .execute();
}

/** The stored event as an input, so a change can be laid over it. */
export async function eventAsInput(db: Db, id: string): Promise<{ input: EventInput; row: EventRow } | null> {
  const row = await db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const occ = await db
    .selectFrom('event_occurrence')
    .select(['starts_at', 'ends_at'])
    .where('event_id', '=', id)
    .where('status', '=', 'scheduled')
    .orderBy('starts_at')
    .execute();
  return {
    row,
    input: {
      key: row.key,
      organizationId: row.organization_id,
      serviceId: row.service_id,
      kind: row.kind,
      status: row.status,
      name: row.name,
      description: row.description,
      practical: row.practical,
      languages: row.languages,
      municipality: row.municipality_code,
      locationId: row.location_id,
      onlineUrl: row.online_url,
      onlineUrlRegisteredOnly: row.online_url_registered_only,
      ageMin: row.age_min,
      ageMax: row.age_max,
      free: row.free,
      price: row.price,
      accessibility: row.accessibility,
      contactName: row.contact_name,
      contactEmail: row.contact_email,
      contactPhone: row.contact_phone,
      keywords: row.keywords,
      lifeSituations: row.life_situations,
      registration: row.registration,
      capacity: row.capacity,
      maxPeople: row.max_people,
      retentionDays: row.retention_days,
      occurrences: occ.map((o) => ({ start: o.starts_at.toISOString(), end: o.ends_at.toISOString() })),
      rrule:
        row.rrule && row.first_start && row.first_end
          ? { rule: row.rrule, start: row.first_start, end: row.first_end, exdates: row.exdates }
          : null,
    },
  };
}

/**
 * Changes an event: the fields given replace the stored ones; new occurrences are added, occurrences no longer
 * in the event are cancelled (their registrations stay, and the people are told), `cancelOccurrences` cancels
 * single occurrences. Registered people are told of a cancelled occurrence, a moved time or a moved place.
 */
export async function updateEvent(
  db: Kysely<DB>,
  deps: EventsDeps,
  id: string,
  patch: EventPatch,
): Promise<{ id: string; notified: number }> {
  return db.transaction().execute(async (tx) => {
    const found = await eventAsInput(tx, id);
    if (!found) throw notFound(AREA, 'event');
    const orgId = found.row.organization_id;
    authorize(deps.audit.actor, 'service.edit', { organizationId: orgId });
    const publishing = patch.status === 'published' && found.row.status !== 'published';
    if (patch.status === 'published' || (found.row.status === 'published' && patch.status !== 'draft'))
      authorize(deps.audit.actor, 'service.publish', { organizationId: orgId });
    // Occurrences: given → replace; a rule given → the rule; neither → keep the stored ones (no re-expansion).
    const timesGiven = patch.occurrences !== undefined || patch.rrule !== undefined;
    const merged: EventInput = { ...found.input, ...stripUndefined(patch), organizationId: orgId };
    if (patch.occurrences !== undefined && patch.rrule === undefined) merged.rrule = null;
    if (!timesGiven) {
      merged.rrule = null;
      merged.occurrences = found.input.occurrences;
    }
    // The stored event may have only past or cancelled occurrences left; keep it valid to change other fields.
    const keepRule = !timesGiven && found.row.rrule;
    const c = await checkEvent(tx, merged, { requireTimes: timesGiven });
    if (keepRule) {
      c.row.rrule = found.row.rrule;
      c.row.first_start = found.row.first_start;
      c.row.first_end = found.row.first_end;
      c.row.exdates = found.row.exdates;
    }
    await tx
      .updateTable('event')
      .set({
        ...c.row,
        key: found.row.key,
        tsv: await searchDocument(tx, c.row),
        updated_by: deps.audit.actor?.personId ?? null,
        updated_at: new Date(),
        ...(publishing ? { published_at: new Date() } : {}),
      } as never)
      .where('id', '=', id)
      .execute();
    await servicesTouched(tx, [found.row.service_id, c.row.service_id]);

    const existing = await tx
      .selectFrom('event_occurrence')
      .select(['id', 'starts_at', 'ends_at', 'status'])
      .where('event_id', '=', id)
      .execute();
    const cancelled = new Set<string>();
    let timesMoved = false;
    if (timesGiven) {
      const wanted = new Map(c.occurrences.map((o) => [o.start.getTime(), o]));
      const now = Date.now();
      for (const e of existing) {
        const w = wanted.get(e.starts_at.getTime());
        if (w) {
          wanted.delete(e.starts_at.getTime());
          if (w.end.getTime() !== e.ends_at.getTime() || e.status === 'cancelled') {
            timesMoved = true;
            await tx
              .updateTable('event_occurrence')
              .set({ ends_at: w.end, status: 'scheduled' })
              .where('id', '=', e.id)
              .execute();
          }
        } else if (e.status === 'scheduled' && e.ends_at.getTime() > now) cancelled.add(e.id);
      }
      if (wanted.size) await insertOccurrences(tx, id, [...wanted.values()]);
      if (cancelled.size) timesMoved = true;
    }
    for (const oid of patch.cancelOccurrences ?? []) {
      const e = existing.find((x) => x.id === oid);
      if (!e) {
        const p = new Problems(AREA);
        p.add('occurrence_unknown', 'cancel_occurrences');
        p.throwIfAny();
      } else if (e.status === 'scheduled') cancelled.add(e.id);
    }
    if (cancelled.size)
      await tx
        .updateTable('event_occurrence')
        .set({ status: 'cancelled' })
        .where('id', 'in', [...cancelled])
        .execute();

    const placeMoved =
      c.row.location_id !== found.row.location_id || (c.row.online_url ?? null) !== (found.row.online_url ?? null);
    let notified = 0;
    if (found.row.status === 'published' && (placeMoved || timesMoved || cancelled.size)) {
      notified = await notifyRegistrants(tx, deps, id, cancelled.size ? 'changed_cancelled' : 'changed');
    }
    await audit(tx, deps.audit, {
      action: 'event.update',
      objectType: 'event',
      objectId: id,
      organizationId: orgId,
      before: {
        name: found.row.name,
        status: found.row.status,
        location_id: found.row.location_id,
        online_url: found.row.online_url,
        capacity: found.row.capacity,
      },
      after: auditShape(c.row, c.occurrences),
      details: { cancelled_occurrences: [...cancelled], notified },
    });
    return { id, notified };
  });
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Deletes an event (and its registrations); people who had a seat or a waitlist place are told. */
export async function deleteEvent(db: Kysely<DB>, deps: EventsDeps, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(AREA, 'event');
    authorize(deps.audit.actor, 'service.edit', { organizationId: row.organization_id });
    if (row.status === 'published')
      authorize(deps.audit.actor, 'service.publish', { organizationId: row.organization_id });
    const notified = row.status === 'published' ? await notifyRegistrants(tx, deps, id, 'deleted') : 0;
    await tx.deleteFrom('event').where('id', '=', id).execute();
    await servicesTouched(tx, [row.service_id]);
    await audit(tx, deps.audit, {
      action: 'event.delete',
      objectType: 'event',
      objectId: id,
      organizationId: row.organization_id,
      before: { name: row.name, kind: row.kind, status: row.status },
      details: { notified },
    });
  });
}

/** Mails every active registrant with an e-mail address about a change; returns how many were told. */
export async function notifyRegistrants(
  tx: Db,
  deps: EventsDeps,
  eventId: string,
  what: 'changed' | 'changed_cancelled' | 'deleted',
): Promise<number> {
  const ev = await tx.selectFrom('event').select(['id', 'name']).where('id', '=', eventId).executeTakeFirstOrThrow();
  const regs = await tx
    .selectFrom('event_registration')
    .select(['id', 'email_enc', 'lang'])
    .where('event_id', '=', eventId)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .where('email_enc', 'is not', null)
    .execute();
  for (const r of regs) {
    const lang = r.lang as Lang;
    const to = decryptField(r.email_enc!, 'event_registration.email');
    const m = mailText(lang, what, {
      event: pick(ev.name, lang),
      url: eventUrl(deps.publicUrl, lang, eventId),
    });
    await deps.queue(tx, { to, ...m });
  }
  return regs.length;
}

/** Whether the actor may see and manage an organisation's events and their registrations. */
export const canOrganise = (actor: Parameters<typeof can>[0], organizationId: string) =>
  can(actor, 'service.edit', { organizationId });

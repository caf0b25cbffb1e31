/**
 * Registering for events. A registration takes its seats under the lock of the row that holds them (the
 * occurrence, or a group's event row): `select … for update`, then the decision and the new count in the same
 * transaction — so 200 people registering at the same moment for 10 seats give exactly 10 confirmed and 190 on
 * the waitlist, on PGlite and on PostgreSQL. A cancellation frees the seats under the same lock and moves the
 * waitlist up (in order, each registration that fits), telling each person moved up.
 *
 * Personal data (name, e-mail, phone) is encrypted (fieldCrypto) and seen only by the organising organisation
 * (service.edit there); every read of it is audited. It is erased `retention_days` after the event.
 */
import { createHash, createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RegistrationStatus } from '../../db/schema.events.js';
import { authorize } from '../access/permissions.js';
import { instanceSecret } from '../accounts/instanceSecret.js';
import { audit } from '../audit/auditLog.js';
import { conflict, notFound, Problems } from '../shared/errors.js';
import { decryptField, encryptField, registerEncryptedColumns } from '../shared/fieldCrypto.js';
import { hashFollowUpCode, looksLikeFollowUpCode, newFollowUpCode, newReference } from '../shared/followUpCodes.js';
import { newId } from '../shared/ids.js';
import { isLang, type Lang } from '../shared/lang.js';
import { pick } from '../shared/translated.js';
import { cancelUrl, eventUrl, feedUrl, mailText } from './texts.js';
import { formatWhen } from './format.js';
import { addDays, localParts, startOfLocalDay } from './time.js';
import { AREA, type EventsDeps } from './types.js';

type Db = Kysely<DB> | Transaction<DB>;

registerEncryptedColumns({
  table: 'event_registration',
  id: 'id',
  columns: {
    name_enc: 'event_registration.name',
    email_enc: 'event_registration.email',
    phone_enc: 'event_registration.phone',
  },
});

const enc = (v: string | null, col: 'name' | 'email' | 'phone') =>
  v ? encryptField(v, `event_registration.${col}`) : null;
const dec = (v: string | null, col: 'name' | 'email' | 'phone') =>
  v ? decryptField(v, `event_registration.${col}`) : null;

export interface RegistrationInput {
  occurrenceId?: string | null;
  name?: string;
  email?: string;
  phone?: string;
  people: number;
  lang: Lang;
}

export interface RegistrationResult {
  id: string;
  status: 'confirmed' | 'waitlisted';
  reference: string;
  /** Shown once: the cancellation code and the personal calendar code. */
  code: string;
  feedCode: string;
  eventId: string;
  occurrenceId: string | null;
}

/**
 * The personal calendar code of a registration, derived from its cancellation code: whoever holds the cancellation
 * link can see their calendar link again, while the calendar link (kept in a calendar app) cannot cancel.
 */
export const feedCodeOf = (cancelCode: string) =>
  createHash('sha256').update(`events-feed:${cancelCode}`).digest('base64url');

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function emailHash(db: Kysely<DB>, email: string | null): Promise<string | null> {
  if (!email) return null;
  return createHmac('sha256', await instanceSecret(db, 'events-email'))
    .update(email.trim().toLowerCase())
    .digest('hex');
}

/** Which row holds the seats, locked for this transaction: the occurrence's, or the group's event row. */
async function lockSeats(tx: Db, eventId: string, occurrenceId: string | null) {
  if (occurrenceId) {
    const r = await sql<{ taken: number; capacity: number | null }>`
      select o.taken, e.capacity from event_occurrence o join event e on e.id = o.event_id
      where o.id = ${occurrenceId} for update of o`.execute(tx);
    return r.rows[0]!;
  }
  const r = await sql<{ taken: number; capacity: number | null }>`
    select taken, capacity from event where id = ${eventId} for update`.execute(tx);
  return r.rows[0]!;
}

async function setTaken(tx: Db, eventId: string, occurrenceId: string | null, taken: number) {
  if (occurrenceId) await tx.updateTable('event_occurrence').set({ taken }).where('id', '=', occurrenceId).execute();
  else await tx.updateTable('event').set({ taken }).where('id', '=', eventId).execute();
}

/** The event and occurrence a registration is for; refuses what cannot be registered for. */
async function target(db: Db, eventId: string, occurrenceId: string | null | undefined, now: Date) {
  const ev = await db.selectFrom('event').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!ev || ev.status !== 'published') throw notFound(AREA, 'event');
  if (ev.registration === 'none') throw conflict(AREA, 'no_registration');
  const upcoming = await db
    .selectFrom('event_occurrence')
    .select(['id', 'starts_at', 'ends_at'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .execute();
  if (!upcoming.length) throw conflict(AREA, 'event_over');
  if (ev.kind === 'group') return { ev, occurrence: null, first: upcoming[0]! };
  if (!occurrenceId) {
    if (upcoming.length > 1 && ev.kind === 'recurring') {
      const p = new Problems(AREA);
      p.add('occurrence_required', 'occurrence_id');
      p.throwIfAny();
    }
    return { ev, occurrence: upcoming[0]!, first: upcoming[0]! };
  }
  const occ = upcoming.find((o) => o.id === occurrenceId);
  if (!occ) {
    const p = new Problems(AREA);
    p.add('occurrence_unknown', 'occurrence_id');
    p.throwIfAny();
  }
  return { ev, occurrence: occ!, first: occ! };
}

/** Registers a person (or a headcount): confirmed while seats last, then on the waitlist. Public. */
export async function register(
  db: Kysely<DB>,
  deps: EventsDeps,
  eventId: string,
  input: RegistrationInput,
  now = new Date(),
): Promise<RegistrationResult> {
  const lang: Lang = isLang(input.lang) ? input.lang : 'fi';
  const pre = await target(db, eventId, input.occurrenceId, now);
  const p = new Problems(AREA);
  const contact = pre.ev.registration === 'contact';
  const name = contact ? (input.name ?? '').trim() : '';
  const email = contact ? (input.email ?? '').trim() : (input.email ?? '').trim();
  const phone = contact ? (input.phone ?? '').trim() : '';
  if (contact && !name) p.add('name_required', 'name');
  if (name.length > 200) p.add('too_long', 'name');
  if (contact && !email && !phone) p.add('contact_required', 'email');
  if (email && (!EMAIL_RE.test(email) || email.length > 254)) p.add('email_invalid', 'email');
  if (phone && !/^[+\d][\d\s()-]{4,24}$/.test(phone)) p.add('phone_invalid', 'phone');
  if (!Number.isInteger(input.people) || input.people < 1 || input.people > pre.ev.max_people)
    p.add('people_invalid', 'people', { max: pre.ev.max_people });
  p.throwIfAny();
  const hash = await emailHash(db, email || null);
  const cancel = newFollowUpCode();
  const feedCode = feedCodeOf(cancel.code);
  const feed = { code: feedCode, hash: hashFollowUpCode(feedCode) };
  const reference = newReference('T');
  const occurrenceId = pre.occurrence?.id ?? null;

  return db.transaction().execute(async (tx) => {
    const seats = await lockSeats(tx, eventId, occurrenceId);
    const fits = seats.capacity === null || seats.taken + input.people <= seats.capacity;
    const status: 'confirmed' | 'waitlisted' = fits ? 'confirmed' : 'waitlisted';
    if (fits) await setTaken(tx, eventId, occurrenceId, seats.taken + input.people);
    const id = newId();
    await tx
      .insertInto('event_registration')
      .values({
        id,
        event_id: eventId,
        occurrence_id: occurrenceId,
        status,
        people: input.people,
        name_enc: enc(name || null, 'name'),
        email_enc: enc(email || null, 'email'),
        phone_enc: enc(phone || null, 'phone'),
        email_hash: hash,
        lang,
        reference,
        cancel_hash: cancel.hash,
        feed_hash: feed.hash,
        confirmed_at: fits ? now : null,
      })
      .execute();
    if (email) {
      await deps.queue(tx, {
        to: email,
        ...mailText(lang, status, {
          event: pick(pre.ev.name, lang),
          url: eventUrl(deps.publicUrl, lang, eventId),
          when: formatWhen(pre.first.starts_at, pre.first.ends_at, lang),
          cancelUrl: cancelUrl(deps.publicUrl, lang, cancel.code),
          feedUrl: feedUrl(deps.publicUrl, feed.code),
        }),
      });
    }
    await audit(
      tx,
      { ...deps.audit, actorName: deps.audit.actor ? undefined : 'resident' },
      {
        action: 'event.registration.create',
        objectType: 'event_registration',
        objectId: id,
        organizationId: pre.ev.organization_id,
        details: { event: eventId, occurrence: occurrenceId, status, people: input.people },
      },
    );
    return { id, status, reference, code: cancel.code, feedCode: feed.code, eventId, occurrenceId };
  });
}

/** A registration found by its cancellation code (null for anything else: wrong code, junk). */
export async function registrationByCode(db: Db, code: string) {
  if (!looksLikeFollowUpCode(code)) return null;
  const r = await db
    .selectFrom('event_registration')
    .select(['id', 'event_id', 'occurrence_id', 'status', 'people', 'reference', 'lang', 'created_at'])
    .where('cancel_hash', '=', hashFollowUpCode(code))
    .executeTakeFirst();
  return r ?? null;
}

/**
 * Moves the waitlist up while seats are free: in the order people registered, each registration that fits is
 * confirmed and told. Runs under the seats' lock (the caller holds it). Returns the new count of seats taken.
 */
async function promote(
  tx: Db,
  deps: EventsDeps,
  eventId: string,
  occurrenceId: string | null,
  taken: number,
  capacity: number | null,
  now: Date,
): Promise<number> {
  let q = tx
    .selectFrom('event_registration')
    .select(['id', 'people', 'email_enc', 'lang'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('seq');
  q = occurrenceId ? q.where('occurrence_id', '=', occurrenceId) : q.where('occurrence_id', 'is', null);
  const waiting = await q.execute();
  if (!waiting.length) return taken;
  const ev = await tx.selectFrom('event').select(['name']).where('id', '=', eventId).executeTakeFirstOrThrow();
  const occ = occurrenceId
    ? await tx
        .selectFrom('event_occurrence')
        .select(['starts_at', 'ends_at'])
        .where('id', '=', occurrenceId)
        .executeTakeFirst()
    : await tx
        .selectFrom('event_occurrence')
        .select(['starts_at', 'ends_at'])
        .where('event_id', '=', eventId)
        .where('status', '=', 'scheduled')
        .orderBy('starts_at')
        .executeTakeFirst();
  for (const w of waiting) {
    if (capacity !== null && taken + w.people > capacity) continue;
    taken += w.people;
    await tx
      .updateTable('event_registration')
      .set({ status: 'confirmed', confirmed_at: now })
      .where('id', '=', w.id)
      .execute();
    if (w.email_enc) {
      const lang = (isLang(w.lang) ? w.lang : 'fi') as Lang;
      await deps.queue(tx, {
        to: dec(w.email_enc, 'email')!,
        ...mailText(lang, 'promoted', {
          event: pick(ev.name, lang),
          url: eventUrl(deps.publicUrl, lang, eventId),
          when: occ ? formatWhen(occ.starts_at, occ.ends_at, lang) : '',
        }),
      });
    }
    await audit(
      tx,
      { actor: null, actorName: 'waitlist' },
      {
        action: 'event.registration.promote',
        objectType: 'event_registration',
        objectId: w.id,
        details: { event: eventId, occurrence: occurrenceId },
      },
    );
  }
  await setTaken(tx, eventId, occurrenceId, taken);
  return taken;
}

/** Cancels a registration by its code (the person's own link); the waitlist moves up. */
export async function cancelRegistration(
  db: Kysely<DB>,
  deps: EventsDeps,
  code: string,
  now = new Date(),
): Promise<{ eventId: string; wasStatus: RegistrationStatus }> {
  const found = await registrationByCode(db, code);
  if (!found) throw notFound(AREA, 'registration');
  return db.transaction().execute(async (tx) => {
    const seats = await lockSeats(tx, found.event_id, found.occurrence_id);
    const r = await tx
      .selectFrom('event_registration')
      .select(['status', 'people'])
      .where('id', '=', found.id)
      .executeTakeFirstOrThrow();
    if (r.status === 'cancelled') return { eventId: found.event_id, wasStatus: r.status };
    await tx
      .updateTable('event_registration')
      .set({ status: 'cancelled', cancelled_at: now })
      .where('id', '=', found.id)
      .execute();
    let taken = seats.taken;
    if (r.status === 'confirmed') {
      taken -= r.people;
      await setTaken(tx, found.event_id, found.occurrence_id, taken);
    }
    await promote(tx, deps, found.event_id, found.occurrence_id, taken, seats.capacity, now);
    const ev = await tx
      .selectFrom('event')
      .select('organization_id')
      .where('id', '=', found.event_id)
      .executeTakeFirstOrThrow();
    await audit(
      tx,
      { ...deps.audit, actorName: deps.audit.actor ? undefined : 'resident' },
      {
        action: 'event.registration.cancel',
        objectType: 'event_registration',
        objectId: found.id,
        organizationId: ev.organization_id,
        details: { event: found.event_id, was: r.status },
      },
    );
    return { eventId: found.event_id, wasStatus: r.status };
  });
}

/** After a change of capacity: moves every waitlist of the event up as far as the seats allow. */
export async function promoteAll(db: Kysely<DB>, deps: EventsDeps, eventId: string, now = new Date()) {
  const ev = await db.selectFrom('event').select(['kind']).where('id', '=', eventId).executeTakeFirst();
  if (!ev) return;
  const holders: (string | null)[] =
    ev.kind === 'group'
      ? [null]
      : (
          await db
            .selectFrom('event_registration')
            .select('occurrence_id')
            .distinct()
            .where('event_id', '=', eventId)
            .where('status', '=', 'waitlisted')
            .execute()
        ).map((r) => r.occurrence_id);
  for (const h of holders)
    await db.transaction().execute(async (tx) => {
      const seats = await lockSeats(tx, eventId, h);
      await promote(tx, deps, eventId, h, seats.taken, seats.capacity, now);
    });
}

// ---- The organiser's side: only the organising organisation (service.edit there) ----

export interface RegistrationRow {
  id: string;
  occurrenceId: string | null;
  occurrenceStart: Date | null;
  status: RegistrationStatus;
  people: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  reference: string;
  attended: boolean | null;
  createdAt: Date;
  erased: boolean;
}

async function organiserEvent(db: Db, deps: EventsDeps, eventId: string) {
  const ev = await db
    .selectFrom('event')
    .select(['id', 'organization_id', 'name', 'kind'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!ev) throw notFound(AREA, 'event');
  authorize(deps.audit.actor, 'service.edit', { organizationId: ev.organization_id });
  return ev;
}

/** The registrations of an event, decrypted for its organiser; the read is audited. */
export async function listRegistrations(
  db: Kysely<DB>,
  deps: Pick<EventsDeps, 'audit'>,
  eventId: string,
  purpose: 'view' | 'export' = 'view',
): Promise<RegistrationRow[]> {
  const ev = await organiserEvent(db, deps as EventsDeps, eventId);
  const rows = await db
    .selectFrom('event_registration as r')
    .leftJoin('event_occurrence as o', 'o.id', 'r.occurrence_id')
    .select([
      'r.id',
      'r.occurrence_id',
      'o.starts_at',
      'r.status',
      'r.people',
      'r.name_enc',
      'r.email_enc',
      'r.phone_enc',
      'r.reference',
      'r.attended',
      'r.created_at',
      'r.erased_at',
    ])
    .where('r.event_id', '=', eventId)
    .orderBy('o.starts_at')
    .orderBy('r.seq')
    .execute();
  await audit(db, deps.audit, {
    action: purpose === 'export' ? 'event.registrations.export' : 'event.registrations.read',
    objectType: 'event',
    objectId: eventId,
    organizationId: ev.organization_id,
    details: { count: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    occurrenceId: r.occurrence_id,
    occurrenceStart: r.starts_at,
    status: r.status,
    people: r.people,
    name: dec(r.name_enc, 'name'),
    email: dec(r.email_enc, 'email'),
    phone: dec(r.phone_enc, 'phone'),
    reference: r.reference,
    attended: r.attended,
    createdAt: r.created_at,
    erased: r.erased_at !== null,
  }));
}

/** Marks who came (true), who did not (false) or unknown (null). */
export async function markAttendance(
  db: Kysely<DB>,
  deps: Pick<EventsDeps, 'audit'>,
  eventId: string,
  marks: { id: string; attended: boolean | null }[],
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const ev = await organiserEvent(tx, deps as EventsDeps, eventId);
    let n = 0;
    for (const m of marks) {
      const r = await tx
        .updateTable('event_registration')
        .set({ attended: m.attended })
        .where('id', '=', m.id)
        .where('event_id', '=', eventId)
        .where('status', '=', 'confirmed')
        .executeTakeFirst();
      n += Number(r.numUpdatedRows);
    }
    await audit(tx, deps.audit, {
      action: 'event.registrations.attendance',
      objectType: 'event',
      objectId: eventId,
      organizationId: ev.organization_id,
      details: { marked: n },
    });
    return n;
  });
}

/** Sends the organiser's message to the event's registered people (confirmed; the waitlist too if asked). */
export async function messageRegistrants(
  db: Kysely<DB>,
  deps: EventsDeps,
  eventId: string,
  m: { text: string; includeWaitlist?: boolean; occurrenceId?: string | null },
): Promise<number> {
  const text = m.text.trim();
  const p = new Problems(AREA);
  if (!text) p.add('message_required', 'message');
  if (text.length > 4000) p.add('too_long', 'message');
  p.throwIfAny();
  return db.transaction().execute(async (tx) => {
    const ev = await organiserEvent(tx, deps, eventId);
    const org = await tx
      .selectFrom('organization')
      .select('name')
      .where('id', '=', ev.organization_id)
      .executeTakeFirstOrThrow();
    let q = tx
      .selectFrom('event_registration')
      .select(['email_enc', 'lang'])
      .where('event_id', '=', eventId)
      .where('status', 'in', m.includeWaitlist ? ['confirmed', 'waitlisted'] : ['confirmed'])
      .where('email_enc', 'is not', null);
    if (m.occurrenceId) q = q.where('occurrence_id', '=', m.occurrenceId);
    const regs = await q.execute();
    for (const r of regs) {
      const lang = (isLang(r.lang) ? r.lang : 'fi') as Lang;
      const base = mailText(lang, 'message', {
        event: pick(ev.name, lang),
        url: eventUrl(deps.publicUrl, lang, eventId),
        organiser: pick(org.name, lang),
      });
      await deps.queue(tx, { to: dec(r.email_enc, 'email')!, subject: base.subject, text: `${text}\n\n${base.text}` });
    }
    await audit(tx, deps.audit, {
      action: 'event.registrations.message',
      objectType: 'event',
      objectId: eventId,
      organizationId: ev.organization_id,
      details: { recipients: regs.length },
    });
    return regs.length;
  });
}

// ---- Scheduled work: reminders the day before, erasure after the event ----

/**
 * Reminds the confirmed people of every occurrence that starts tomorrow (Helsinki time), once per occurrence.
 * For a group, each session's reminder goes to the group's people.
 */
export async function sendReminders(db: Kysely<DB>, deps: EventsDeps, now = new Date()): Promise<number> {
  const tomorrow = addDays(localParts(now).date, 1);
  const from = startOfLocalDay(tomorrow);
  const to = startOfLocalDay(addDays(tomorrow, 1));
  const due = await db
    .selectFrom('event_occurrence as o')
    .innerJoin('event as e', 'e.id', 'o.event_id')
    .select(['o.id', 'o.event_id', 'o.starts_at', 'o.ends_at', 'e.kind', 'e.name'])
    .where('o.starts_at', '>=', from)
    .where('o.starts_at', '<', to)
    .where('o.status', '=', 'scheduled')
    .where('o.reminded_at', 'is', null)
    .where('e.status', '=', 'published')
    .where('e.registration', '!=', 'none')
    .execute();
  let sent = 0;
  for (const o of due) {
    sent += await db.transaction().execute(async (tx) => {
      // Claim the occurrence first: a second run at the same time finds it reminded.
      const claimed = await tx
        .updateTable('event_occurrence')
        .set({ reminded_at: now })
        .where('id', '=', o.id)
        .where('reminded_at', 'is', null)
        .executeTakeFirst();
      if (!Number(claimed.numUpdatedRows)) return 0;
      let q = tx
        .selectFrom('event_registration')
        .select(['email_enc', 'lang', 'feed_hash'])
        .where('event_id', '=', o.event_id)
        .where('status', '=', 'confirmed')
        .where('email_enc', 'is not', null);
      q = o.kind === 'group' ? q.where('occurrence_id', 'is', null) : q.where('occurrence_id', '=', o.id);
      const regs = await q.execute();
      for (const r of regs) {
        const lang = (isLang(r.lang) ? r.lang : 'fi') as Lang;
        await deps.queue(tx, {
          to: dec(r.email_enc, 'email')!,
          ...mailText(lang, 'reminder', {
            event: pick(o.name, lang),
            url: eventUrl(deps.publicUrl, lang, o.event_id),
            when: formatWhen(o.starts_at, o.ends_at, lang),
          }),
        });
      }
      return regs.length;
    });
  }
  return sent;
}

/**
 * Erases registrants' personal data `retention_days` (default 30) after the occurrence they registered for (a
 * group: after its last session). The registration stays as a count; the erasure is audited.
 */
export async function eraseExpiredRegistrations(db: Kysely<DB>, now = new Date()): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const r = await sql<{ id: string }>`
      update event_registration r
      set name_enc = null, email_enc = null, phone_enc = null, email_hash = null, erased_at = ${now}
      from event e
      where r.event_id = e.id and r.erased_at is null
        and coalesce(
              (select o.ends_at from event_occurrence o where o.id = r.occurrence_id),
              (select max(o.ends_at) from event_occurrence o where o.event_id = e.id)
            ) + make_interval(days => e.retention_days) < ${now}
      returning r.id`.execute(tx);
    if (r.rows.length)
      await audit(
        tx,
        { actor: null, actorName: 'system' },
        {
          action: 'event.registrations.erase',
          objectType: 'event_registration',
          details: { count: r.rows.length },
        },
      );
    return r.rows.length;
  });
}

/** A registered person's own active registrations, found by the calendar code of any of them. */
export async function ownRegistrations(db: Kysely<DB>, feedCode: string) {
  if (!looksLikeFollowUpCode(feedCode)) return null;
  const me = await db
    .selectFrom('event_registration')
    .select(['id', 'email_hash'])
    .where('feed_hash', '=', hashFollowUpCode(feedCode))
    .executeTakeFirst();
  if (!me) return null;
  let q = db
    .selectFrom('event_registration')
    .select(['id', 'event_id', 'occurrence_id', 'status'])
    .where('status', '!=', 'cancelled');
  q = me.email_hash ? q.where('email_hash', '=', me.email_hash) : q.where('id', '=', me.id);
  return q.execute();
}

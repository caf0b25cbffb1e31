/**
 * A resident brings a concern (no sign-in): checked, routed to the team that takes concerns from that municipality
 * in that language, stored with its free text and contact details encrypted, and given a reference and a private
 * follow-up code (only its hash is kept). Urgent concerns are flagged on arrival. The due date of first contact is
 * the holding team's target in working days.
 */
import { sql } from 'kysely';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { municipalityByCode } from '../places/municipalities.js';
import { Problems } from '../shared/errors.js';
import { newFollowUpCode, newReference } from '../shared/followUpCodes.js';
import { newId } from '../shared/ids.js';
import { isLang, type Lang } from '../shared/lang.js';
import type { AgeGroup } from '../../db/schema.concerns.js';
import { inTransaction, type Db } from './policy.js';
import { seal } from './sealed.js';
import { ABOUT, AGE_GROUPS, MAX_SHORT, MAX_TEXT, type About } from './vocabulary.js';
import { addWorkingDays, helsinkiDate } from './workingDays.js';

export interface ConcernInput {
  /** '' when not said (the JSON API may leave it out). */
  about: string;
  text: string;
  ageGroup: string;
  municipality: string;
  language: string;
  anonymous: boolean;
  /** False when a form left the choice open (the JSON API always chooses). */
  anonymousChosen: boolean;
  name: string;
  email: string;
  phone: string;
  /** null: not answered. */
  familyKnows: boolean | null;
  familyAgreesContact: boolean | null;
  urgent: boolean;
}

export interface ConcernReceipt {
  id: string;
  reference: string;
  /** The follow-up code: shown once, never stored. */
  code: string;
  teamId: string | null;
  firstContactDue: string;
  urgent: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,20}$/;
/** Without a team's own target, first contact within this many working days. */
export const DEFAULT_FIRST_CONTACT_DAYS = 5;

interface Valid {
  about: About | null;
  text: string;
  ageGroup: AgeGroup;
  municipality: string;
  language: Lang;
  anonymous: boolean;
  name: string | null;
  email: string | null;
  phone: string | null;
  familyKnows: boolean;
  familyAgreesContact: boolean | null;
  urgent: boolean;
}

export function validateConcern(i: ConcernInput): Valid {
  const p = new Problems('concerns');
  if (i.about && !(ABOUT as readonly string[]).includes(i.about)) p.add('about_invalid', 'about');
  if (!i.text) p.add('text_required', 'text');
  else if (i.text.length > MAX_TEXT) p.add('text_too_long', 'text', { max: MAX_TEXT });
  if (!(AGE_GROUPS as readonly string[]).includes(i.ageGroup)) p.add('age_group_required', 'age_group');
  if (!municipalityByCode(i.municipality)) p.add('municipality_required', 'municipality');
  if (!isLang(i.language)) p.add('language_required', 'language');
  if (!i.anonymousChosen) p.add('anonymous_required', 'anonymous');
  if (i.familyKnows === null) p.add('family_knows_required', 'family_knows');
  const email = i.anonymous ? '' : i.email;
  const phone = i.anonymous ? '' : i.phone;
  const name = i.anonymous ? '' : i.name;
  if (i.anonymousChosen && !i.anonymous && !email && !phone) p.add('contact_required', 'email');
  if (email && (email.length > 254 || !EMAIL.test(email))) p.add('email_invalid', 'email');
  if (phone && !PHONE.test(phone)) p.add('phone_invalid', 'phone');
  if (name.length > MAX_SHORT) p.add('name_too_long', 'name', { max: MAX_SHORT });
  p.throwIfAny();
  return {
    about: (i.about || null) as About | null,
    text: i.text,
    ageGroup: i.ageGroup as AgeGroup,
    municipality: i.municipality,
    language: i.language as Lang,
    anonymous: i.anonymous,
    name: name || null,
    email: email || null,
    phone: phone || null,
    familyKnows: i.familyKnows!,
    familyAgreesContact: i.familyAgreesContact,
    urgent: i.urgent,
  };
}

/** The team that takes concerns from the municipality, preferring one that works in the language. */
export async function routeConcern(db: Db, municipality: string, language: Lang) {
  return db
    .selectFrom('concern_team_settings as s')
    .innerJoin('team', 'team.id', 's.team_id')
    .select(['s.team_id as teamId', 'team.organization_id as organizationId', 's.first_contact_days as days'])
    .where(sql<boolean>`${municipality} = any(s.municipality_codes)`)
    .orderBy(sql`${language} = any(s.languages)`, 'desc')
    .orderBy('team.created_at')
    .orderBy('s.team_id')
    .limit(1)
    .executeTakeFirst();
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export async function bringConcern(
  db: Db,
  ctx: AuditContext,
  input: ConcernInput,
  now: Date = new Date(),
): Promise<ConcernReceipt> {
  const v = validateConcern(input);
  const team = await routeConcern(db, v.municipality, v.language);
  const firstContactDue = addWorkingDays(helsinkiDate(now), team?.days ?? DEFAULT_FIRST_CONTACT_DAYS);
  for (let attempt = 0; ; attempt++) {
    const id = newId();
    const reference = newReference('K');
    const { code, hash } = newFollowUpCode();
    try {
      return await inTransaction(db, async (tx) => {
        await tx
          .insertInto('concern_case')
          .values({
            id,
            reference,
            follow_up_hash: hash,
            team_id: team?.teamId ?? null,
            lang: v.language,
            municipality_code: v.municipality,
            about: v.about,
            age_group: v.ageGroup,
            anonymous: v.anonymous,
            family_knows: v.familyKnows,
            family_agrees_contact: v.familyAgreesContact,
            urgent_on_arrival: v.urgent,
            urgency: v.urgent ? 'urgent' : null,
            text_enc: seal('concern_case', 'text_enc', v.text),
            contact_name_enc: seal('concern_case', 'contact_name_enc', v.name),
            contact_email_enc: seal('concern_case', 'contact_email_enc', v.email),
            contact_phone_enc: seal('concern_case', 'contact_phone_enc', v.phone),
            first_contact_due: firstContactDue,
            created_at: now,
            updated_at: now,
            last_activity_at: now,
          })
          .execute();
        await audit(
          tx,
          { ...ctx, actorName: ctx.actorName ?? 'resident' },
          {
            action: 'concern.created',
            objectType: 'concern_case',
            objectId: id,
            organizationId: team?.organizationId ?? null,
            details: { reference, team_id: team?.teamId ?? null, urgent: v.urgent, municipality: v.municipality },
          },
        );
        return { id, reference, code, teamId: team?.teamId ?? null, firstContactDue, urgent: v.urgent };
      });
    } catch (e) {
      if (isUniqueViolation(e) && attempt < 3 && !db.isTransaction) continue; // a reference drawn twice: again
      throw e;
    }
  }
}

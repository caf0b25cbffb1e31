/**
 * The professional directory: who works where, in which team, how to reach them, which languages they speak.
 * Inside the network only (network.read): every query takes the actor and authorises itself. A person keeps
 * their own entry (title, phone, languages); administration keeps names, e-mail addresses and memberships.
 */
import { LANGS, type Lang, type Translated } from '../shared/lang.js';
import { sql, type Kysely } from 'kysely';
import type { DB, OrgRole, TeamRole } from '../../db/schema.js';
import { authorize, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { compareNames } from '../directory/search/sortKey.js';
import { Problems } from '../shared/errors.js';
import { UUID_RE } from '../shared/ids.js';
import { cleanTranslated, pick } from '../shared/translated.js';
import { isPersonLanguage, PERSON_LANGUAGES } from './languages.js';

export interface DirectoryEntry {
  id: string;
  name: string;
  email: string;
  title: Translated;
  phone: string | null;
  languages: string[];
  organizations: { id: string; name: Translated; role: OrgRole }[];
  teams: { id: string; name: Translated; organizationName: Translated; role: TeamRole }[];
}

export interface DirectoryFilter {
  /** Words in a name, e-mail, title, organisation or team. */
  q?: string;
  organizationId?: string;
  teamId?: string;
  language?: string;
  page?: number;
  perPage?: number;
}

export interface DirectoryPage {
  rows: DirectoryEntry[];
  total: number;
  page: number;
  perPage: number;
}

/** Where the directory's refusals find their messages: people.error.<code>. */
const AREA = 'people';

const likeOf = (s: string) => `%${s.replace(/[\\%_]/g, '\\$&')}%`;

async function entries(db: Kysely<DB>, ids: string[], lang: Lang): Promise<DirectoryEntry[]> {
  if (!ids.length) return [];
  const [people, orgs, teams] = await Promise.all([
    db
      .selectFrom('person')
      .select(['id', 'name', 'email', 'title', 'phone', 'languages'])
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('membership')
      .innerJoin('organization', 'organization.id', 'membership.organization_id')
      .select(['membership.person_id', 'organization.id', 'organization.name', 'membership.role'])
      .where('membership.person_id', 'in', ids)
      .execute(),
    db
      .selectFrom('team_membership')
      .innerJoin('team', 'team.id', 'team_membership.team_id')
      .innerJoin('organization', 'organization.id', 'team.organization_id')
      .select([
        'team_membership.person_id',
        'team.id',
        'team.name',
        'organization.name as org_name',
        'team_membership.role',
      ])
      .where('team_membership.person_id', 'in', ids)
      .execute(),
  ]);
  const cmp = compareNames(lang);
  const byId = new Map(people.map((p) => [p.id, p]));
  return ids
    .map((id) => byId.get(id))
    .filter((p) => p !== undefined)
    .map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      title: p.title,
      phone: p.phone,
      languages: p.languages,
      organizations: orgs
        .filter((o) => o.person_id === p.id)
        .map((o) => ({ id: o.id, name: o.name, role: o.role }))
        .sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang))),
      teams: teams
        .filter((t) => t.person_id === p.id)
        .map((t) => ({ id: t.id, name: t.name, organizationName: t.org_name, role: t.role }))
        .sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang))),
    }));
}

/** Searches active professionals; names sorted in the reader's alphabet (in the app: PGlite has no ICU). */
export async function searchDirectory(
  db: Kysely<DB>,
  actor: Actor | null,
  lang: Lang,
  f: DirectoryFilter = {},
): Promise<DirectoryPage> {
  authorize(actor, 'network.read');
  let q = db.selectFrom('person').select(['person.id', 'person.name']).where('person.status', '=', 'active');
  // Only people who belong somewhere are part of the network's directory (or hold a network-wide role).
  q = q.where((eb) =>
    eb.or([
      eb('person.system_role', 'is not', null),
      eb.exists(
        eb.selectFrom('membership').whereRef('membership.person_id', '=', 'person.id').select('membership.person_id'),
      ),
      eb.exists(
        eb
          .selectFrom('team_membership')
          .whereRef('team_membership.person_id', '=', 'person.id')
          .select('team_membership.person_id'),
      ),
    ]),
  );
  if (f.organizationId) {
    const org = UUID_RE.test(f.organizationId)
      ? f.organizationId.toLowerCase()
      : '00000000-0000-0000-0000-000000000000';
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership')
          .whereRef('membership.person_id', '=', 'person.id')
          .where('membership.organization_id', '=', org)
          .select('membership.person_id'),
      ),
    );
  }
  if (f.teamId) {
    const team = UUID_RE.test(f.teamId) ? f.teamId.toLowerCase() : '00000000-0000-0000-0000-000000000000';
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_membership')
          .whereRef('team_membership.person_id', '=', 'person.id')
          .where('team_membership.team_id', '=', team)
          .select('team_membership.person_id'),
      ),
    );
  }
  if (f.language) q = q.where(sql<boolean>`${f.language} = any(person.languages)`);
  for (const word of (f.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 6)) {
    const like = likeOf(word);
    q = q.where((eb) =>
      eb.or([
        eb('person.name', 'ilike', like),
        eb('person.email', 'ilike', like),
        eb(sql`person.title::text`, 'ilike', like),
        eb.exists(
          eb
            .selectFrom('membership')
            .innerJoin('organization', 'organization.id', 'membership.organization_id')
            .whereRef('membership.person_id', '=', 'person.id')
            .where(sql`organization.name::text`, 'ilike', like)
            .select('membership.person_id'),
        ),
        eb.exists(
          eb
            .selectFrom('team_membership')
            .innerJoin('team', 'team.id', 'team_membership.team_id')
            .whereRef('team_membership.person_id', '=', 'person.id')
            .where(sql`team.name::text`, 'ilike', like)
            .select('team_membership.person_id'),
        ),
      ]),
    );
  }
  const all = await q.execute();
  const cmp = compareNames(lang);
  all.sort((a, b) => cmp(a.name, b.name) || a.id.localeCompare(b.id));
  const perPage = Math.min(100, Math.max(1, f.perPage ?? 25));
  const page = Math.max(1, f.page ?? 1);
  return {
    total: all.length,
    page,
    perPage,
    rows: await entries(
      db,
      all.slice((page - 1) * perPage, page * perPage).map((p) => p.id),
      lang,
    ),
  };
}

/** One professional's entry (active people only). */
export async function getDirectoryEntry(
  db: Kysely<DB>,
  actor: Actor | null,
  personId: string,
  lang: Lang,
): Promise<DirectoryEntry | null> {
  authorize(actor, 'network.read');
  if (!UUID_RE.test(personId)) return null;
  const p = await db
    .selectFrom('person')
    .select('id')
    .where('id', '=', personId.toLowerCase())
    .where('status', '=', 'active')
    .executeTakeFirst();
  return p ? ((await entries(db, [p.id], lang))[0] ?? null) : null;
}

/** What a person sees of their own entry, to edit it (every signed-in person has one). */
export async function ownEntry(db: Kysely<DB>, actor: Actor | null, lang: Lang): Promise<DirectoryEntry> {
  if (!actor) authorize(actor, 'network.read'); // no one: forbidden
  return (await entries(db, [actor.personId], lang))[0]!;
}

/** Choices for the directory's filters: organisations and teams that have people, in the reader's alphabet. */
export async function directoryChoices(db: Kysely<DB>, actor: Actor | null, lang: Lang) {
  authorize(actor, 'network.read');
  const [orgs, teams] = await Promise.all([
    db
      .selectFrom('organization')
      .select(['organization.id', 'organization.name'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('membership')
            .innerJoin('person', 'person.id', 'membership.person_id')
            .whereRef('membership.organization_id', '=', 'organization.id')
            .where('person.status', '=', 'active')
            .select('membership.person_id'),
        ),
      )
      .execute(),
    db
      .selectFrom('team')
      .innerJoin('organization', 'organization.id', 'team.organization_id')
      .select(['team.id', 'team.name', 'organization.name as org_name'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('team_membership')
            .whereRef('team_membership.team_id', '=', 'team.id')
            .select('team_membership.person_id'),
        ),
      )
      .execute(),
  ]);
  const cmp = compareNames(lang);
  return {
    organizations: orgs
      .map((o) => ({ id: o.id, name: o.name }))
      .sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang))),
    teams: teams
      .map((t) => ({ id: t.id, name: t.name, organizationName: t.org_name }))
      .sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang))),
    languages: [...PERSON_LANGUAGES],
  };
}

export interface OwnEntryInput {
  title: Translated;
  phone: string;
  languages: string[];
}

const PHONE_RE = /^\+?[0-9][0-9 ()-]{4,24}$/;

/** Checks an entry; returns it cleaned, or refuses it with every problem at once (people.error.<code>). */
export function checkOwnEntry(e: OwnEntryInput): { title: Translated; phone: string | null; languages: string[] } {
  const problems = new Problems(AREA);
  const title = cleanTranslated(e.title);
  for (const l of LANGS) if ((title[l]?.length ?? 0) > 120) problems.add('title_too_long', `title.${l}`);
  const phone = e.phone.trim() || null;
  if (phone && !PHONE_RE.test(phone)) problems.add('invalid_phone', 'phone');
  const languages = [...new Set(e.languages)];
  if (languages.some((l) => !isPersonLanguage(l))) problems.add('invalid_language', 'languages');
  problems.throwIfAny();
  // Keep the order of the list (national languages first), not the order of the form.
  languages.sort((a, b) => PERSON_LANGUAGES.indexOf(a as never) - PERSON_LANGUAGES.indexOf(b as never));
  return { title, phone, languages };
}

/** A person edits their own entry; audited with before and after. */
export async function updateOwnEntry(db: Kysely<DB>, ctx: AuditContext, e: OwnEntryInput): Promise<void> {
  const actor = ctx.actor;
  if (!actor) authorize(actor, 'network.read');
  const v = checkOwnEntry(e);
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('person')
      .select(['title', 'phone', 'languages'])
      .where('id', '=', actor.personId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const after = { title: v.title, phone: v.phone, languages: v.languages };
    const same =
      (['fi', 'sv', 'en'] as const).every((l) => (before.title[l] ?? '') === (v.title[l] ?? '')) &&
      before.phone === v.phone &&
      before.languages.join() === v.languages.join();
    if (same) return;
    await tx
      .updateTable('person')
      .set({ title: JSON.stringify(v.title), phone: v.phone, languages: v.languages, updated_at: sql`now()` })
      .where('id', '=', actor.personId)
      .execute();
    await audit(tx, ctx, {
      action: 'person.update_own',
      objectType: 'person',
      objectId: actor.personId,
      before,
      after,
    });
  });
}

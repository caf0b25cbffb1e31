/**
 * Demo professionals, so that the workspace can be tried at once: a system administrator, a regional
 * coordinator, editors and an organisation admin, and two teams (Askola's VATU team and Raasepori's LAPE working
 * group) with members from several organisations. All share one demo password, printed at start; a real
 * installation runs with DEMO_DATA=false and adds its first administrator with `yhdessa user add`.
 */
import type { Translated } from '../core/shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB, OrgRole, SystemRole } from '../db/schema.js';
import { hashPassword } from '../core/accounts/passwords.js';
import { idFromKey } from '../core/shared/ids.js';

export const DEMO_PASSWORD = 'yhdessa-demo-2026';

interface DemoPerson {
  key: string;
  email: string;
  name: string;
  title: Translated;
  phone: string;
  languages: string[];
  systemRole?: SystemRole;
  memberships: [orgKey: string, role: OrgRole][];
  teams: [teamKey: string, role: 'member' | 'lead'][];
}

const TEAMS: { key: string; org: string; name: Translated; description: Translated }[] = [
  {
    key: 'askola-vatu',
    org: 'askola-kunta',
    name: {
      fi: 'VATU – varhaisen tuen tiimi (Askola)',
      sv: 'VATU – teamet för tidigt stöd (Askola)',
      en: 'VATU early support team (Askola)',
    },
    description: {
      fi: 'Moniammatillinen tiimi, joka ottaa huolen puheeksi nopeasti ja kokoaa perheelle tuen verkostosta.',
      sv: 'Ett mångprofessionellt team som snabbt tar upp oro och samlar stöd åt familjen i nätverket.',
    },
  },
  {
    key: 'raasepori-lape',
    org: 'raasepori-kaupunki',
    name: { fi: 'Raaseporin LAPE-työryhmä', sv: 'LAPE-arbetsgruppen i Raseborg', en: 'Raasepori LAPE working group' },
    description: { fi: 'Perhekeskuksen kehittämisen työryhmä.', sv: 'Arbetsgruppen som utvecklar familjecentralen.' },
  },
];

const PEOPLE: DemoPerson[] = [
  {
    key: 'admin',
    email: 'admin@yhdessa.demo',
    name: 'Aino Ylläpito',
    title: { fi: 'Järjestelmän pääkäyttäjä', sv: 'Systemets huvudanvändare' },
    phone: '+358 40 000 1000',
    languages: ['fi', 'sv', 'en'],
    systemRole: 'admin',
    memberships: [],
    teams: [],
  },
  {
    key: 'coordinator',
    email: 'koordinaattori@yhdessa.demo',
    name: 'Kaisa Koordinaattori',
    title: { fi: 'Alueellinen LAPE-koordinaattori', sv: 'Regional LAPE-koordinator' },
    phone: '+358 40 000 1001',
    languages: ['fi', 'sv'],
    systemRole: 'coordinator',
    memberships: [],
    teams: [['raasepori-lape', 'member']],
  },
  {
    key: 'raasepori-editor',
    email: 'redaktor@lansi-uusimaa.demo',
    name: 'Elin Lindqvist',
    title: { fi: 'Perhekeskuksen palveluohjaaja', sv: 'Servicehandledare vid familjecentralen' },
    phone: '+358 40 000 1002',
    languages: ['sv', 'fi'],
    memberships: [['lansi-uusimaa-hva', 'editor']],
    teams: [['raasepori-lape', 'lead']],
  },
  {
    key: 'askola-admin',
    email: 'paakayttaja@ita-uusimaa.demo',
    name: 'Pekka Virtanen',
    title: { fi: 'Perhepalvelujen esihenkilö', sv: 'Chef för familjetjänster' },
    phone: '+358 40 000 1003',
    languages: ['fi'],
    memberships: [['ita-uusimaa-hva', 'org_admin']],
    teams: [['askola-vatu', 'lead']],
  },
  {
    key: 'askola-worker',
    email: 'perhetyo@ita-uusimaa.demo',
    name: 'Maija Korhonen',
    title: { fi: 'Perheohjaaja', sv: 'Familjehandledare' },
    phone: '+358 40 000 1004',
    languages: ['fi', 'en'],
    memberships: [['ita-uusimaa-hva', 'member']],
    teams: [['askola-vatu', 'member']],
  },
  {
    key: 'askola-mll',
    email: 'mll@askola.demo',
    name: 'Mikko Nieminen',
    title: { fi: 'Perhekahvilan vetäjä', sv: 'Ledare för familjecaféet' },
    phone: '+358 40 000 1005',
    languages: ['fi'],
    memberships: [['mll-askola', 'editor']],
    teams: [['askola-vatu', 'member']],
  },
  {
    key: 'askola-parish',
    email: 'diakonia@askola.demo',
    name: 'Sari Mäkinen',
    title: { fi: 'Diakoniatyöntekijä', sv: 'Diakoniarbetare' },
    phone: '+358 40 000 1006',
    languages: ['fi'],
    memberships: [['askolan-seurakunta', 'member']],
    teams: [['askola-vatu', 'member']],
  },
  {
    key: 'raasepori-lape-contact',
    email: 'lape@raasepori.demo',
    name: 'Camilla Grönroos',
    title: { fi: 'LAPE-yhdyshenkilö, Raaseporin kaupunki', sv: 'LAPE-kontaktperson, Raseborgs stad' },
    phone: '+358 40 000 1008',
    languages: ['sv', 'fi'],
    memberships: [['raasepori-kaupunki', 'editor']],
    teams: [['raasepori-lape', 'member']],
  },
  {
    key: 'hanko-editor',
    email: 'toimittaja@hanko.demo',
    name: 'Jonas Holm',
    title: { fi: 'Varhaiskasvatuksen palveluohjaaja', sv: 'Servicehandledare inom småbarnspedagogiken' },
    phone: '+358 40 000 1007',
    languages: ['sv', 'fi'],
    memberships: [['hanko-kaupunki', 'editor']],
    teams: [],
  },
];

export const DEMO_SIGN_INS = PEOPLE.map((p) => ({
  email: p.email,
  name: p.name,
  role: p.systemRole ?? p.memberships.map(([o, r]) => `${r} @ ${o}`).join(', '),
}));

/**
 * Adds the demo people and teams that are missing (by e-mail and key); returns how many people were added.
 * A person comes whole, with their organisations and teams, or not yet: a directory without the demo organisations
 * (one that began with a PTV import, say) gets only the people who need none, and the others arrive once
 * `yhdessa demo-data` has added their organisations. People already there are left as they are.
 */
export async function loadDemoPeople(db: Kysely<DB>): Promise<number> {
  const orgKeys = [...new Set([...TEAMS.map((t) => t.org), ...PEOPLE.flatMap((p) => p.memberships.map(([o]) => o))])];
  const orgIds = new Map(
    (await db.selectFrom('organization').select(['id', 'key']).where('key', 'in', orgKeys).execute()).map((o) => [
      o.key,
      o.id,
    ]),
  );
  for (const t of TEAMS) {
    const organization_id = orgIds.get(t.org);
    if (!organization_id) continue;
    await db
      .insertInto('team')
      .values({
        id: idFromKey('team', t.key),
        organization_id,
        name: JSON.stringify(t.name),
        description: JSON.stringify(t.description),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  const teamIds = new Set(
    (
      await db
        .selectFrom('team')
        .select('id')
        .where(
          'id',
          'in',
          TEAMS.map((t) => idFromKey('team', t.key)),
        )
        .execute()
    ).map((t) => t.id),
  );
  let hash: string | undefined;
  let added = 0;
  for (const p of PEOPLE) {
    const exists = await db.selectFrom('person').select('id').where('email', '=', p.email).executeTakeFirst();
    if (exists) continue;
    if (
      p.memberships.some(([orgKey]) => !orgIds.has(orgKey)) ||
      p.teams.some(([teamKey]) => !teamIds.has(idFromKey('team', teamKey)))
    )
      continue;
    const passwordHash = (hash ??= await hashPassword(DEMO_PASSWORD));
    const id = idFromKey('person', p.key);
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('person')
        .values({
          id,
          email: p.email,
          name: p.name,
          title: JSON.stringify(p.title),
          phone: p.phone,
          languages: p.languages,
          system_role: p.systemRole ?? null,
          status: 'active',
          password_hash: passwordHash,
          locked_until: null,
          last_sign_in_at: null,
          ui_lang: null,
        })
        .execute();
      for (const [orgKey, role] of p.memberships)
        await tx
          .insertInto('membership')
          .values({ person_id: id, organization_id: orgIds.get(orgKey)!, role })
          .execute();
      for (const [teamKey, role] of p.teams)
        await tx
          .insertInto('team_membership')
          .values({ person_id: id, team_id: idFromKey('team', teamKey), role })
          .onConflict((oc) => oc.doNothing())
          .execute();
    });
    added++;
  }
  return added;
}

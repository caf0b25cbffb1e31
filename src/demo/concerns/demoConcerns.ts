/**
 * Demo concerns, so the flows can be seen right after `npm start`: Askola's VATU team and the family centre of
 * Raasepori take concerns from their municipalities; MLL Askola's family café team receives referrals. A few open
 * and closed cases, made through the same core operations as real ones (so their text is encrypted and every step
 * audited), and a referral from VATU to MLL's family café that the café has accepted. The VATU member
 * vatu@askola.demo signs in with the demo password. Loaded once (after the demo people), only with the demo
 * organisations.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashPassword } from '../../core/accounts/passwords.js';
import { loadActor } from '../../core/access/loadActor.js';
import type { AuditContext } from '../../core/audit/auditLog.js';
import { bringConcern, type ConcernInput } from '../../core/concerns/bringConcern.js';
import {
  assignCase,
  closeCase,
  readCase,
  recordFirstContact,
  recordMinutes,
  replyToResident,
  savePlan,
  triageCase,
} from '../../core/concerns/cases.js';
import { addDays, helsinkiDate } from '../../core/concerns/workingDays.js';
import { answerReferral, readReferral, sendReferral } from '../../core/referrals/referrals.js';
import { idFromKey } from '../../core/shared/ids.js';
import { DEMO_PASSWORD } from '../demoPeople.js';

const ORGS = ['askola-kunta', 'ita-uusimaa-hva', 'lansi-uusimaa-hva', 'mll-askola'];
const team = (key: string) => idFromKey('team', key);
const person = (key: string) => idFromKey('person', key);
const SYSTEM: AuditContext = { actor: null, actorName: 'demo data' };

export const CONCERN_DEMO_SIGN_IN = { email: 'vatu@askola.demo', name: 'Hanna Lehtonen' };

const concern = (o: Partial<ConcernInput>): ConcernInput => ({
  about: 'other_child',
  text: '',
  ageGroup: '7-12',
  municipality: '018',
  language: 'fi',
  anonymous: true,
  anonymousChosen: true,
  name: '',
  email: '',
  phone: '',
  familyKnows: false,
  familyAgreesContact: null,
  urgent: false,
  ...o,
});

/** Adds the demo concern teams, the VATU member and the cases once; returns a follow-up path to try, or null. */
export async function loadDemoConcerns(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<string | null> {
  const orgs = new Map(
    (await db.selectFrom('organization').select(['id', 'key']).where('key', 'in', ORGS).execute()).map((o) => [
      o.key,
      o.id,
    ]),
  );
  const vatuTeam = await db.selectFrom('team').select('id').where('id', '=', team('askola-vatu')).executeTakeFirst();
  if (orgs.size < ORGS.length || !vatuTeam) return null;
  const done = await db
    .selectFrom('concern_team_settings')
    .select('team_id')
    .where('team_id', '=', team('askola-vatu'))
    .executeTakeFirst();
  if (done) return null;

  await db
    .insertInto('team')
    .values([
      {
        id: team('raasepori-perhekeskus'),
        organization_id: orgs.get('lansi-uusimaa-hva')!,
        name: JSON.stringify({
          fi: 'Raaseporin perhekeskuksen palveluohjaus',
          sv: 'Servicehandledningen vid familjecentralen i Raseborg',
          en: 'Raasepori family centre service guidance',
        }),
        description: JSON.stringify({
          fi: 'Ottaa vastaan raaseporilaisten huolet ja kokoaa tuen perhekeskuksen verkostosta.',
          sv: 'Tar emot oro från invånare i Raseborg och samlar stöd i familjecentralens nätverk.',
        }),
      },
      {
        id: team('mll-askola-perhekahvila'),
        organization_id: orgs.get('mll-askola')!,
        name: JSON.stringify({
          fi: 'MLL Askolan perhekahvila',
          sv: 'MLL Askolas familjecafé',
          en: 'MLL Askola family café',
        }),
        description: JSON.stringify({
          fi: 'Perhekahvilan vapaaehtoiset ja vetäjä.',
          sv: 'Familjecaféets frivilliga och ledare.',
        }),
      },
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('concern_team_settings')
    .values([
      {
        team_id: team('askola-vatu'),
        municipality_codes: ['018'],
        languages: ['fi', 'sv', 'en'],
        first_contact_days: 5,
        meeting_weekday: 2,
        receives_referrals: true,
      },
      {
        team_id: team('raasepori-perhekeskus'),
        municipality_codes: ['710'],
        languages: ['sv', 'fi', 'en'],
        first_contact_days: 3,
        meeting_weekday: 4,
        receives_referrals: true,
      },
    ])
    .execute();
  await db
    .insertInto('person')
    .values({
      id: person('askola-vatu-worker'),
      email: CONCERN_DEMO_SIGN_IN.email,
      name: CONCERN_DEMO_SIGN_IN.name,
      title: JSON.stringify({
        fi: 'Sosiaaliohjaaja, VATU',
        sv: 'Socialhandledare, VATU',
        en: 'Social counsellor, VATU',
      }),
      phone: '+358 40 000 1010',
      languages: ['fi', 'sv'],
      system_role: null,
      status: 'active',
      password_hash: await hashPassword(DEMO_PASSWORD),
      locked_until: null,
      last_sign_in_at: null,
      ui_lang: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const memberships: [string, string, 'member' | 'lead'][] = [
    ['askola-vatu-worker', 'askola-vatu', 'member'],
    ['raasepori-editor', 'raasepori-perhekeskus', 'lead'],
    ['raasepori-lape-contact', 'raasepori-perhekeskus', 'member'],
    ['askola-mll', 'mll-askola-perhekahvila', 'member'],
  ];
  const present = new Set(
    (
      await db
        .selectFrom('person')
        .select('id')
        .where(
          'id',
          'in',
          memberships.map(([p]) => person(p)),
        )
        .execute()
    ).map((p) => p.id),
  );
  for (const [p, t, role] of memberships)
    if (present.has(person(p)))
      await db
        .insertInto('team_membership')
        .values({ person_id: person(p), team_id: team(t), role })
        .onConflict((oc) => oc.doNothing())
        .execute();
  await db
    .insertInto('membership')
    .values({ person_id: person('askola-vatu-worker'), organization_id: orgs.get('ita-uusimaa-hva')!, role: 'member' })
    .onConflict((oc) => oc.doNothing())
    .execute();

  const as = async (key: string): Promise<AuditContext> => ({
    actor: await loadActor(db, person(key)),
    actorName: 'demo data',
  });
  const hanna = await as('askola-vatu-worker');
  const today = helsinkiDate();
  const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600 * 1000);

  // 1. A grandparent's concern, handled up to a referral to MLL's family café, which accepted it.
  const grandparent = await bringConcern(
    db,
    SYSTEM,
    concern({
      text: 'Olen isoäiti. Tyttäreni jäi yksin kahden pienen lapsen kanssa ja on hyvin väsynyt. Lapset ovat paljon sisällä, eikä heillä ole kavereita. Toivoisin, että joku tukisi perhettä.',
      ageGroup: '3-6',
      anonymous: false,
      name: 'Demo Isoäiti',
      email: 'isoaiti@example.invalid',
      familyKnows: true,
      familyAgreesContact: true,
    }),
    daysAgo(8),
  );
  await readCase(db, hanna, grandparent.id); // reading is what the resident sees on the follow-up page
  await triageCase(db, hanna, grandparent.id, { urgency: 'normal', teamId: '', toAgenda: true });
  await recordMinutes(db, hanna, grandparent.id, {
    meetingDate: addDays(today, -1),
    text: 'VATU: Hanna soittaa äidille. Ehdotetaan perhekahvilaa vertaistueksi ja tarvittaessa lapsiperheiden kotipalvelua.',
  });
  await assignCase(db, hanna, grandparent.id, {
    responsibleId: person('askola-vatu-worker'),
    pairId: person('askola-worker'),
  });
  await recordFirstContact(db, hanna, grandparent.id);
  await savePlan(db, hanna, grandparent.id, {
    goals: 'Äiti saa vertaistukea ja lepoa; lapset tapaavat muita lapsia viikoittain.',
    tasks: 'Hanna ohjaa perhekahvilaan. Maija selvittää kotipalvelun. Äiti käy kahvilassa torstaisin.',
    reviewDate: addDays(today, 28),
  });
  await replyToResident(db, hanna, grandparent.id, {
    text: 'Kiitos, että kerroit. Olemme olleet yhteydessä tyttäreesi, ja perhe saa tukea. Voit kirjoittaa tänne, jos huolesi kasvaa.',
  });
  const cafe = idFromKey('service', 'askola-mll-perhekahvila');
  const referral = await sendReferral(db, hanna, grandparent.id, {
    serviceId: cafe,
    basis: 'consent',
    basisNote: 'Äiti antoi suullisen suostumuksen puhelimessa.',
    message: 'Yksin kahden pienen lapsen kanssa asuva äiti toivoo vertaistukea. Tulossa torstain perhekahvilaan.',
    contact: 'Äiti toivoo tekstiviestiä ennen ensimmäistä käyntiä.',
  });
  const mll = await as('askola-mll');
  if (mll.actor) {
    await readReferral(db, mll, referral.id);
    await answerReferral(db, mll, referral.id, { status: 'accepted', note: 'Tervetuloa torstaina!' });
  }

  // 2. A new urgent concern, flagged on arrival; 3. one past its first-contact target.
  await bringConcern(
    db,
    SYSTEM,
    concern({
      text: 'Nuori luokkakaverini sanoi, ettei uskalla mennä kotiin illalla. En tiedä mitä tehdä.',
      ageGroup: '13-17',
      urgent: true,
    }),
  );
  await bringConcern(
    db,
    SYSTEM,
    concern({ text: 'Naapurin koululainen on usein yksin pihalla myöhään.', ageGroup: '7-12' }),
    daysAgo(12),
  );
  // 4. A closed case: helped.
  const closed = await bringConcern(
    db,
    SYSTEM,
    concern({
      about: 'own_family',
      text: 'Poikani ei halua mennä kouluun.',
      familyKnows: true,
      familyAgreesContact: true,
    }),
    daysAgo(30),
  );
  await triageCase(db, hanna, closed.id, { urgency: 'normal', teamId: '', toAgenda: false });
  await recordFirstContact(db, hanna, closed.id);
  await closeCase(db, hanna, closed.id, { outcome: 'helped' });

  // Raasepori: a Swedish concern in intake and a closed one.
  await bringConcern(
    db,
    SYSTEM,
    concern({
      municipality: '710',
      language: 'sv',
      about: 'own_family',
      text: 'Vi är nyinflyttade och vår treåring har svårt att sova. Vi vet inte vart vi ska vända oss.',
      ageGroup: '3-6',
      familyKnows: true,
      familyAgreesContact: true,
    }),
    daysAgo(1),
  );
  const elin = await as('raasepori-editor');
  const gone = await bringConcern(
    db,
    SYSTEM,
    concern({ municipality: '710', language: 'sv', text: 'Ett barn i min dotters klass verkar hungrigt.' }),
    daysAgo(20),
  );
  if (elin.actor) {
    await triageCase(db, elin, gone.id, { urgency: 'normal', teamId: '', toAgenda: false });
    await closeCase(db, elin, gone.id, { outcome: 'could_not_reach' });
  }
  const path = `/fi/concern/${grandparent.code}`;
  log(
    `Added demo concerns: VATU (Askola), Raasepori's family centre and MLL Askola's family café; sign in as ${CONCERN_DEMO_SIGN_IN.email}. A resident's follow-up page to try: ${path}`,
  );
  return path;
}

/**
 * Demo e-advice, so the flow can be seen after `npm start`: Raasepori family centre's advice team (a team of the
 * Western Uusimaa wellbeing services county, with the demo people Elin Lindqvist and Camilla Grönroos) answers
 * Raasepori's questions in Swedish and Finnish; Askola's VATU team answers Askola's questions in Finnish. A few
 * open and answered questions (their text encrypted like any other), reads in the audit log, and one published
 * Q&A. Demo questions have fixed follow-up codes (printed by `demoFollowUpLinks`), so their follow-up pages can
 * be opened; a real question's code is random and shown once. Loading again adds nothing twice.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../core/audit/auditLog.js';
import { CONTEXT, seal } from '../../core/questions/crypto.js';
import { hashFollowUpCode } from '../../core/shared/followUpCodes.js';
import { idFromKey } from '../../core/shared/ids.js';
import type { Translated } from '../../core/shared/lang.js';

const TEAM = {
  key: 'raasepori-perhekeskus-neuvonta',
  org: 'lansi-uusimaa-hva',
  name: {
    fi: 'Raaseporin perhekeskuksen neuvonta',
    sv: 'Familjecentralens rådgivning i Raseborg',
    en: 'Raasepori family centre advice',
  } satisfies Translated,
  description: {
    fi: 'Vastaa raaseporilaisten perheiden kysymyksiin ruotsiksi ja suomeksi.',
    sv: 'Svarar på frågor från familjer i Raseborg på svenska och finska.',
    en: "Answers Raasepori families' questions in Swedish and Finnish.",
  } satisfies Translated,
  members: [
    ['redaktor@lansi-uusimaa.demo', 'lead'],
    ['lape@raasepori.demo', 'member'],
  ] as const,
};

const ROUTES: { team: string; municipality: string; topic: string | null; language: 'fi' | 'sv' | 'en' }[] = [
  { team: TEAM.key, municipality: '710', topic: null, language: 'sv' },
  { team: TEAM.key, municipality: '710', topic: null, language: 'fi' },
  { team: 'askola-vatu', municipality: '018', topic: null, language: 'fi' },
];

interface DemoQuestion {
  key: string;
  reference: string;
  team: string;
  municipality: string;
  topic: string;
  language: 'fi' | 'sv';
  daysAgo: number;
  text: string;
  consent?: boolean;
  answer?: { by: string; text: string; daysAgo: number };
  claimedBy?: string;
  published?: { question: string; answer: string };
}

const QUESTIONS: DemoQuestion[] = [
  {
    key: 'askola-uhmaikä',
    reference: 'Q-DEMO-AS01',
    team: 'askola-vatu',
    municipality: '018',
    topic: 'parenting',
    language: 'fi',
    daysAgo: 9,
    consent: true,
    text: 'Kolmevuotiaamme raivoaa joka ilta nukkumaanmenon aikaan, ja olemme molemmat aivan lopussa. Onko tämä normaalia ja mistä saisimme apua?',
    answer: {
      by: 'perhetyo@ita-uusimaa.demo',
      daysAgo: 7,
      text: 'Kiitos kysymyksestä. Kolmevuotiaan tunnekuohut ovat hyvin tavallisia, ja iltaan ne kasautuvat, kun lapsi on väsynyt. Säännöllinen iltarutiini ja rauhallinen läsnäolo auttavat. Jos jaksaminen on koetuksella, voitte varata ajan Askolan hyvinvointineuvolan perheohjaukseen – se on maksutonta eikä vaadi lähetettä.',
    },
    published: {
      question:
        'Leikki-ikäinen raivoaa iltaisin nukkumaanmenon aikaan, ja vanhemmat ovat väsyneitä. Onko tämä tavallista, ja mistä saa apua?',
      answer:
        'Leikki-ikäisen tunnekuohut ovat tavallisia, ja illalla ne kasautuvat väsymyksen vuoksi. Säännöllinen iltarutiini ja rauhallinen aikuinen auttavat. Kun vanhempien jaksaminen on koetuksella, neuvolan perheohjaukseen voi hakeutua maksutta ilman lähetettä.',
    },
  },
  {
    key: 'askola-koulu',
    reference: 'Q-DEMO-AS02',
    team: 'askola-vatu',
    municipality: '018',
    topic: 'school_age',
    language: 'fi',
    daysAgo: 1,
    text: 'Tokaluokkalainen ei halua mennä kouluun ja valittaa aamuisin vatsakipua. Kenen kanssa tästä kannattaisi puhua ensin?',
  },
  {
    key: 'raasepori-skilsmassa',
    reference: 'Q-DEMO-RA01',
    team: TEAM.key,
    municipality: '710',
    topic: 'separation',
    language: 'sv',
    daysAgo: 12,
    text: 'Vi håller på att skiljas och undrar hur vi bäst berättar det för våra barn, som är fem och åtta år. Finns det stöd på svenska i Ekenäs?',
    answer: {
      by: 'redaktor@lansi-uusimaa.demo',
      daysAgo: 10,
      text: 'Tack för att du hör av dig. Det viktigaste är att ni berättar tillsammans, med enkla ord, och att barnen får höra att det inte är deras fel. Familjecentralen i Ekenäs ordnar samtal på svenska för föräldrar som separerar, och familjerådgivningen hjälper er att göra upp ett avtal om boende och umgänge. Ring servicehandledningen så bokar vi en tid.',
    },
  },
  {
    key: 'raasepori-vauva',
    reference: 'Q-DEMO-RA02',
    team: TEAM.key,
    municipality: '710',
    topic: 'baby',
    language: 'sv',
    daysAgo: 2,
    claimedBy: 'lape@raasepori.demo',
    text: 'Vår bebis på tre månader sover bara korta stunder på dagen. Finns det någon babygrupp eller familjecafé där man kan träffa andra föräldrar?',
  },
  {
    key: 'raasepori-neuvola',
    reference: 'Q-DEMO-RA03',
    team: TEAM.key,
    municipality: '710',
    topic: 'expecting',
    language: 'fi',
    daysAgo: 0,
    text: 'Muutimme juuri Karjaalle ja odotamme ensimmäistä lastamme. Miten pääsen neuvolan asiakkaaksi?',
  },
];

/** The fixed follow-up code of a demo question (demo data only). */
export const demoFollowUpCode = (key: string) =>
  createHash('sha256').update(`yhdessa-demo-question:${key}`).digest('base64url');

/** The follow-up links of the demo questions, for the start-up message and the README. */
export const demoFollowUpLinks = (publicUrl: string) =>
  QUESTIONS.map((q) => ({
    reference: q.reference,
    url: `${publicUrl}/${q.language}/ask/${demoFollowUpCode(q.key)}`,
  }));

const ago = (days: number, hour = 10) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

/**
 * Adds the demo team, routes and questions when the demo organisations and people are there; returns questions
 * added. `say` (the start-up log) gets the demo follow-up links' paths.
 */
export async function loadDemoQuestions(db: Kysely<DB>, say?: (line: string) => void): Promise<number> {
  const org = await db.selectFrom('organization').select('id').where('key', '=', TEAM.org).executeTakeFirst();
  const people = new Map(
    (await db.selectFrom('person').select(['id', 'email', 'name']).execute()).map((p) => [p.email, p]),
  );
  const askolaVatu = idFromKey('team', 'askola-vatu');
  const vatuExists = await db.selectFrom('team').select('id').where('id', '=', askolaVatu).executeTakeFirst();
  if (!org || !vatuExists || TEAM.members.some(([email]) => !people.has(email))) return 0;
  const teamIds: Record<string, string> = { [TEAM.key]: idFromKey('team', TEAM.key), 'askola-vatu': askolaVatu };
  const ctx = { actor: null, actorName: 'demo data' };
  let added = 0;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('team')
      .values({
        id: teamIds[TEAM.key]!,
        organization_id: org.id,
        name: JSON.stringify(TEAM.name),
        description: JSON.stringify(TEAM.description),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    for (const [email, role] of TEAM.members)
      await tx
        .insertInto('team_membership')
        .values({ person_id: people.get(email)!.id, team_id: teamIds[TEAM.key]!, role })
        .onConflict((oc) => oc.doNothing())
        .execute();
    for (const r of ROUTES)
      await tx
        .insertInto('question_route')
        .values({
          id: idFromKey('question_route', `${r.team}:${r.municipality}:${r.topic ?? '*'}:${r.language}`),
          team_id: teamIds[r.team]!,
          municipality_code: r.municipality,
          topic: r.topic,
          language: r.language,
          created_by: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    for (const q of QUESTIONS) {
      const id = idFromKey('question', q.key);
      if (await tx.selectFrom('question').select('id').where('id', '=', id).executeTakeFirst()) continue;
      const teamId = teamIds[q.team]!;
      const answerer = q.answer ? people.get(q.answer.by) : undefined;
      const claimer = answerer ?? (q.claimedBy ? people.get(q.claimedBy) : undefined);
      await tx
        .insertInto('question')
        .values({
          id,
          reference: q.reference,
          code_hash: hashFollowUpCode(demoFollowUpCode(q.key)),
          municipality_code: q.municipality,
          topic: q.topic,
          language: q.language,
          ui_lang: q.language,
          text_enc: seal(q.text, CONTEXT.text),
          email_enc: null,
          publish_consent: q.consent === true,
          status: q.answer ? 'answered' : claimer ? 'claimed' : 'open',
          team_ids: [teamId],
          claimed_by: claimer?.id ?? null,
          claimed_team_id: claimer ? teamId : null,
          created_at: ago(q.daysAgo, 8),
          last_message_at: q.answer ? ago(q.answer.daysAgo, 14) : ago(q.daysAgo, 8),
        })
        .execute();
      await audit(tx, ctx, { action: 'question.asked', objectType: 'question', objectId: id, details: { demo: true } });
      if (claimer) {
        // The reads the asker sees on the follow-up page.
        await audit(
          tx,
          { actor: null, actorName: claimer.name },
          {
            action: 'question.read',
            objectType: 'question',
            objectId: id,
            actorId: claimer.id,
            details: { demo: true },
          },
        );
      }
      if (q.answer && answerer) {
        await tx
          .insertInto('question_message')
          .values({
            id: idFromKey('question_message', q.key),
            question_id: id,
            author: 'professional',
            person_id: answerer.id,
            team_id: teamId,
            body_enc: seal(q.answer.text, CONTEXT.message),
            created_at: ago(q.answer.daysAgo, 14),
          })
          .execute();
      }
      if (q.published && answerer)
        await tx
          .insertInto('question_qa')
          .values({
            id: idFromKey('question_qa', q.key),
            question_id: id,
            municipality_code: q.municipality,
            topic: q.topic,
            language: q.language,
            question_text: q.published.question,
            answer_text: q.published.answer,
            published_by: answerer.id,
            published_at: ago(q.answer!.daysAgo - 1, 9),
          })
          .execute();
      added++;
    }
  });
  say?.(
    `Demo e-advice follow-up links (the asker's view): ${demoFollowUpLinks('')
      .filter((l) => ['Q-DEMO-AS01', 'Q-DEMO-RA01'].includes(l.reference))
      .map((l) => `${l.reference} ${l.url}`)
      .join(', ')}`,
  );
  return added;
}

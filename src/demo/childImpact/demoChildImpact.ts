/**
 * Demo child impact assessment and child-friendly municipality data (issue 12), marked demo (fake names and
 * decisions). Raasepori: recognised by UNICEF, three assessments — one screened out, one full assessment before a
 * school network decision with children's views, one whose follow-up has fallen due — and its decisions register.
 * Hanko: a planned UNICEF application and its youth council's first questionnaire (fewer than five answers so far,
 * so no counts are shown). Only with the demo municipality organisations; loading again adds nothing twice.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AssessmentContent } from '../../db/schema.childImpact.js';
import { audit } from '../../core/audit/auditLog.js';
import { helsinkiDay } from '../../core/childImpact/dates.js';
import { encryptField } from '../../core/shared/fieldCrypto.js';
import { idFromKey } from '../../core/shared/ids.js';

const id = (key: string) => idFromKey('child_impact', key);
const daysFrom = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

interface DemoAssessment {
  key: string;
  body: string;
  reference: string;
  date: string;
  title: string;
  timing: 'before' | 'during' | 'after';
  status: 'draft' | 'screened_out' | 'completed';
  outcome: 'taken_into_account' | 'partly' | 'not_taken' | 'pending' | null;
  content: AssessmentContent;
  followUpDue: string | null;
  published: boolean;
}

function raaseporiAssessments(today: string): DemoAssessment[] {
  return [
    {
      key: 'raasepori-booking',
      body: 'Demo: Tekninen lautakunta',
      reference: '§ 31/2026',
      date: '2026-02-10',
      title: 'Demo: Kaupungintalon tilavarausjärjestelmän uusiminen',
      timing: 'before',
      status: 'screened_out',
      outcome: null,
      followUpDue: null,
      published: true,
      content: {
        affects: 'no',
        screening_result: 'stop',
        screening_reason:
          'Demo: Järjestelmä koskee vain kaupungin henkilöstön kokoustiloja. Lasten ja nuorten käyttämät tilat varataan edelleen nykyisellä tavalla.',
        summary_fi:
          'Demo: Esiarvioinnissa todettiin, ettei tilavarausjärjestelmän uusiminen vaikuta lapsiin, koska se koskee vain henkilöstön kokoustiloja.',
        summary_sv:
          'Demo: Vid screeningen konstaterades att det nya bokningssystemet inte påverkar barn, eftersom det bara gäller personalens mötesrum.',
      },
    },
    {
      key: 'raasepori-school-network',
      body: 'Demo: Sivistyslautakunta',
      reference: '§ 12/2026',
      date: '2026-03-18',
      title: 'Demo: Kouluverkkoselvitys 2027 – kahden kyläkoulun yhdistäminen',
      timing: 'before',
      status: 'completed',
      outcome: 'partly',
      followUpDue: '2027-09-30',
      published: true,
      content: {
        affects: 'direct',
        screening_result: 'continue',
        screening_reason: '',
        plan_people: 'Demo: Opetuspäällikkö, kaksi rehtoria, oppilashuolto ja nuorisovaltuuston edustaja.',
        plan_schedule: 'Demo: Tammi–maaliskuu 2026, ennen lautakunnan päätöstä.',
        plan_methods: 'Demo: Tilastot, oppilaskysely 7–12-vuotiaille, keskustelu oppilaskuntien kanssa.',
        articles: ['2', '3', '12', '28', '31'],
        national_law: 'Demo: Perusopetuslaki 6 § (koulumatkat) ja 32 § (koulukuljetus); kuntalaki 22 §.',
        affected_ages: ['7-12', '13-17'],
        vulnerable_groups: ['disability', 'low_income'],
        language_groups: ['fi', 'sv'],
        affected_notes: 'Demo: Noin 140 oppilasta kahdesta koulusta, molemmista kieliryhmistä.',
        alternatives: 'Demo: A) Koulut yhdistetään syksyllä 2027. B) Yhdistäminen vaiheittain 2027–2029.',
        no_change: 'Demo: Molemmat koulut jatkavat; korjausvelka kasvaa ja opetusryhmät pienenevät.',
        evidence: 'Demo: Oppilasennusteet 2026–2032, koulumatkojen pituudet, kouluterveyskysely 2025.',
        unknowns: 'Demo: Miten pidemmät koulumatkat vaikuttavat harrastuksiin iltapäivisin.',
        views_how: 'Demo: Nimetön kuvakysely 7–12-vuotiaille ja oppilaskuntien keskustelut.',
        views_when: 'Demo: Helmikuu 2026',
        views_ages: 'Demo: 7–12 ja 13–15',
        views_said:
          'Demo: Lapset pitivät tärkeinä kavereita ja turvallista koulumatkaa; moni pelkäsi pitkää bussimatkaa.',
        views_feedback: 'Demo: Rehtorit kertoivat päätöksestä oppilaille ja lapsille tehtiin oma tiedote.',
        impacts_positive: 'Demo: Suuremmassa koulussa enemmän valinnaisaineita ja erityisopetuksen resursseja.',
        impacts_negative: 'Demo: Pidemmät koulumatkat noin 30 oppilaalle; tuttu lähikoulu katoaa.',
        impacts_indirect: 'Demo: Kylän harrastustoiminta voi hiipua, jos koulun tilat jäävät tyhjiksi.',
        impact_term: 'both',
        life_areas: ['school', 'leisure', 'safety'],
        comparison: 'Demo: Vaiheittainen yhdistäminen (B) on lapsen edun kannalta parempi kuin nopea (A).',
        mitigation: 'Demo: Koulukuljetus kaikille yli 3 km:n matkoille, kylän koulun tilat nuorisotyön käyttöön.',
        recommendation: 'Demo: Suositellaan vaihtoehtoa B ja kuljetusten laajentamista.',
        decision_text:
          'Demo: Lautakunta päätti vaihtoehdosta A, mutta laajensi koulukuljetuksia arvioinnin mukaisesti.',
        outcome: 'partly',
        indicators: 'Demo: Koulumatkojen kesto, kouluviihtyvyys kouluterveyskyselyssä 2027, harrastajamäärät.',
        follow_up_due: '2027-09-30',
        follow_up_owner: '',
        summary_fi:
          'Demo: Sivistyslautakunta arvioi ennen päätöstä, miten kahden kyläkoulun yhdistäminen vaikuttaa lapsiin. Lapsia kuultiin kuvakyselyllä ja oppilaskunnissa. Arviointi suositti vaiheittaista yhdistämistä. Lautakunta päätti yhdistää koulut syksyllä 2027, mutta laajensi koulukuljetuksia, kuten arviointi ehdotti.',
        summary_sv:
          'Demo: Bildningsnämnden bedömde före beslutet hur en sammanslagning av två byskolor påverkar barnen. Barnen hördes genom en bildenkät och i elevkårerna. Bedömningen rekommenderade en stegvis sammanslagning. Nämnden beslöt slå samman skolorna hösten 2027 men utvidgade skolskjutsarna så som bedömningen föreslog.',
        child_summary_fi:
          'Demo: Kysyimme teiltä, mitä ajattelette koulujen yhdistämisestä. Te kerroitte, että kaverit ja turvallinen koulumatka ovat tärkeitä. Koulut yhdistetään syksyllä 2027, ja koulukyytiin pääsee useampi lapsi kuin ennen.',
        child_summary_sv:
          'Demo: Vi frågade er vad ni tycker om att skolorna slås samman. Ni berättade att kompisar och en trygg skolväg är viktiga. Skolorna slås samman hösten 2027, och fler barn än förut får skolskjuts.',
      },
    },
    {
      key: 'raasepori-youth-space',
      body: 'Demo: Vapaa-aikalautakunta',
      reference: '§ 44/2025',
      date: '2025-09-16',
      title: 'Demo: Nuorisotilan aukioloaikojen muutos – jälkiarviointi',
      timing: 'after',
      status: 'completed',
      outcome: 'taken_into_account',
      followUpDue: daysFrom(today, -5),
      published: true,
      content: {
        affects: 'direct',
        screening_result: 'continue',
        articles: ['3', '12', '31'],
        affected_ages: ['13-17'],
        language_groups: ['fi', 'sv'],
        alternatives: 'Demo: Aukioloajat siirrettiin iltaan; vertailukohtana entiset iltapäiväajat.',
        no_change: 'Demo: Iltapäiväajat olisivat jatkuneet, vaikka kävijöitä oli vähän.',
        views_how: 'Demo: Nuorisovaltuuston kysely ja keskustelu nuorisotilalla.',
        views_said: 'Demo: Nuoret toivoivat aukioloa myös perjantai-iltaan.',
        impacts_positive: 'Demo: Kävijämäärä kasvoi, ja nuorilla on turvallinen paikka iltaisin.',
        outcome: 'taken_into_account',
        indicators: 'Demo: Kävijämäärät ja nuorten palaute puolen vuoden jälkeen.',
        follow_up_due: daysFrom(today, -5),
        summary_fi:
          'Demo: Nuorisotilan aukioloajat siirrettiin nuorten toiveesta iltaan. Jälkiarvioinnin mukaan kävijöitä on enemmän. Seuranta tehdään puolen vuoden kuluttua.',
        summary_sv:
          'Demo: Ungdomslokalens öppettider flyttades till kvällen på de ungas önskan. Enligt efterhandsbedömningen kommer fler besökare. Uppföljningen görs efter ett halvår.',
        child_summary_fi: 'Demo: Te toivoitte, että nuorisotila olisi auki iltaisin – nyt se on.',
        child_summary_sv: 'Demo: Ni önskade att ungdomslokalen skulle vara öppen på kvällarna – nu är den det.',
      },
    },
  ];
}

const RAASEPORI_DECISIONS = [
  ['Demo: Sivistyslautakunta', '§ 12/2026', '2026-03-18', 'Demo: Kouluverkkoselvitys 2027'],
  ['Demo: Sivistyslautakunta', '§ 13/2026', '2026-03-18', 'Demo: Varhaiskasvatuksen maksut 2026'],
  ['Demo: Sivistyslautakunta', '§ 20/2026', '2026-04-22', 'Demo: Koulujen loma-ajat 2026–2027'],
  ['Demo: Sivistyslautakunta', '§ 21/2026', '2026-04-22', 'Demo: Kirjaston aukioloajat'],
  ['Demo: Tekninen lautakunta', '§ 31/2026', '2026-02-10', 'Demo: Tilavarausjärjestelmän uusiminen'],
  ['Demo: Tekninen lautakunta', '§ 32/2026', '2026-02-10', 'Demo: Kevyen liikenteen väylä koulun ohi'],
  ['Demo: Vapaa-aikalautakunta', '§ 44/2025', '2025-09-16', 'Demo: Nuorisotilan aukioloajat'],
] as const;

const CTX = { actor: null, actorName: 'demo data' };

export async function loadDemoChildImpact(db: Kysely<DB>, now = new Date()): Promise<void> {
  const orgs = await db
    .selectFrom('organization')
    .select(['id', 'key'])
    .where('key', 'in', ['raasepori-kaupunki', 'hanko-kaupunki'])
    .execute();
  const raasepori = orgs.find((o) => o.key === 'raasepori-kaupunki')?.id;
  const hanko = orgs.find((o) => o.key === 'hanko-kaupunki')?.id;
  if (!raasepori || !hanko) return;
  // The follow-up owner is Raasepori's demo LAPE contact, added with the demo people (after this, on a first start):
  // named by the id the demo people get.
  const owner = { id: idFromKey('person', 'raasepori-lape-contact') };
  const today = helsinkiDay(now);
  const exists = await db
    .selectFrom('child_friendly_status')
    .select('municipality_code')
    .where('municipality_code', 'in', ['710', '078'])
    .execute();
  if (exists.length) return; // loaded before (or the municipalities keep their own status): leave it
  await db.transaction().execute(async (tx) => {
    // ---- Raasepori: recognised ----
    await tx
      .insertInto('child_friendly_status')
      .values({
        municipality_code: '710',
        organization_id: raasepori,
        stage: 'recognised',
        stage_dates: JSON.stringify({
          application: '2019-09-02',
          training: '2019-11-14',
          baseline: '2020-03-02',
          action_plan: '2020-10-01',
          approved: '2021-01-25',
          monitoring: '2021-02-01',
          recognised: '2023-05-16',
        }),
        notes:
          'Demo: Tunnustus on voimassa; seuraava arviointikierros 2025–2027. / Erkännandet gäller; nästa omgång 2025–2027.',
        demo: true,
        updated_by: 'demo data',
      })
      .execute();
    const blocks: [string, 'in_place' | 'in_progress' | 'not_started', string][] = [
      [
        'participation',
        'in_place',
        'Demo: Nuorisovaltuusto ja oppilaskunnat kaikissa kouluissa; lasten parlamentti kahdesti vuodessa.',
      ],
      ['legal_framework', 'in_place', 'Demo: Hallintosääntöön kirjattu lasten kuuleminen.'],
      ['strategy', 'in_place', 'Demo: Lasten ja nuorten hyvinvointisuunnitelma 2025–2028.'],
      ['coordination', 'in_place', 'Demo: Lapsiystävällisen kunnan ohjausryhmä ja koordinaattori.'],
      [
        'impact_assessment',
        'in_progress',
        'Demo: Lapsivaikutusten arviointi käytössä sivistystoimessa; laajenee muille toimialoille.',
      ],
      ['budget', 'in_progress', 'Demo: Lapsibudjetoinnin kokeilu talousarviossa 2026.'],
      ['report', 'in_place', 'Demo: Hyvinvointikertomus ja kouluterveyskyselyn tulokset valtuustolle.'],
      ['awareness', 'in_place', 'Demo: Lapsen oikeuksien viikko kaikissa kouluissa ja päiväkodeissa.'],
      ['advocacy', 'not_started', ''],
    ];
    for (const [block, status, evidence] of blocks)
      await tx
        .insertInto('child_friendly_block')
        .values({ municipality_code: '710', block, status, evidence })
        .execute();
    const actions: [string, string, 'planned' | 'in_progress' | 'done' | 'delayed', string | null][] = [
      ['Demo: Lapsivaikutusten arviointi kaikkiin lautakuntiin', 'Demo: Hallintojohtaja', 'in_progress', '2026-12-31'],
      ['Demo: Lasten parlamentti kahdesti vuodessa', 'Demo: Nuorisopalvelut', 'done', '2025-06-30'],
      ['Demo: Lapsibudjetoinnin malli talousarvioon', 'Demo: Talousjohtaja', 'planned', '2027-06-30'],
    ];
    for (const [i, [title, ownerName, status, due]] of actions.entries())
      await tx
        .insertInto('child_friendly_action')
        .values({ id: id(`raasepori-action-${i}`), municipality_code: '710', title, owner: ownerName, status, due })
        .execute();
    for (const a of raaseporiAssessments(today)) {
      const aid = id(a.key);
      const content = { ...a.content, ...(a.followUpDue ? { follow_up_owner: owner.id } : {}) };
      await tx
        .insertInto('child_impact_assessment')
        .values({
          id: aid,
          organization_id: raasepori,
          municipality_code: '710',
          body: a.body,
          decision_reference: a.reference,
          decision_date: a.date,
          title: a.title,
          timing: a.timing,
          status: a.status,
          outcome: a.outcome,
          content: JSON.stringify(content),
          version: 2,
          follow_up_due: a.followUpDue,
          follow_up_owner_id: a.followUpDue ? owner.id : null,
          published_at: a.published ? new Date(`${a.date}T12:00:00Z`) : null,
          demo: true,
          created_by: 'demo data',
          updated_by: 'demo data',
        })
        .execute();
      await tx
        .insertInto('child_impact_version')
        .values([
          { assessment_id: aid, version: 1, step: 'created', status: 'draft', content: '{}', saved_by: 'demo data' },
          {
            assessment_id: aid,
            version: 2,
            step: 'summary',
            status: a.status,
            content: JSON.stringify(content),
            saved_by: 'demo data',
          },
        ])
        .execute();
      await audit(tx, CTX, {
        action: 'child_impact.demo_loaded',
        objectType: 'child_impact_assessment',
        objectId: aid,
        organizationId: raasepori,
      });
    }
    // The school network assessment's questionnaire: 12 answers from 7–12-year-olds.
    const schoolQ = id('raasepori-school-network-q');
    await tx
      .insertInto('child_impact_questionnaire')
      .values({
        id: schoolQ,
        assessment_id: id('raasepori-school-network'),
        age_group: '7-12',
        title: JSON.stringify({ fi: 'Demo: Mitä mieltä olet koulustasi?', sv: 'Demo: Vad tycker du om din skola?' }),
        intro: JSON.stringify({
          fi: 'Kaupunki miettii, yhdistetäänkö kaksi koulua. Kerro, mitä ajattelet.',
          sv: 'Staden funderar på att slå samman två skolor. Berätta vad du tycker.',
        }),
        questions: JSON.stringify([
          { key: 'q1', text: { fi: 'Miltä koulumatkasi tuntuu?', sv: 'Hur känns din skolväg?' } },
          {
            key: 'q2',
            text: {
              fi: 'Miltä tuntuisi vaihtaa isompaan kouluun?',
              sv: 'Hur skulle det kännas att byta till en större skola?',
            },
          },
        ]),
        free_text_question: JSON.stringify({ fi: 'Mitä muuta haluat kertoa?', sv: 'Vad mer vill du berätta?' }),
        status: 'closed',
        created_by: 'demo data',
      })
      .execute();
    const answers = [
      [4, 2],
      [5, 3],
      [3, 1],
      [4, 2],
      [2, 2],
      [5, 4],
      [4, 3],
      [3, 0],
      [4, 2],
      [5, 5],
      [1, 1],
      [4, 3],
    ];
    const texts = ['Demo: Haluan olla samassa koulussa kavereiden kanssa.', 'Demo: Bussi on aamulla liian aikaisin.'];
    for (const [i, [q1, q2]] of answers.entries())
      await tx
        .insertInto('child_impact_response')
        .values({
          id: id(`raasepori-school-network-r${i}`),
          questionnaire_id: schoolQ,
          lang: i % 3 === 0 ? 'sv' : 'fi',
          answers: JSON.stringify({ q1: q1!, q2: q2! }),
          free_text: texts[i] ? encryptField(texts[i]!, 'child_impact_response.free_text') : null,
          answered_on: '2026-02-12',
        })
        .execute();
    for (const [i, [body, reference, date, title]] of RAASEPORI_DECISIONS.entries())
      await tx
        .insertInto('child_impact_decision')
        .values({
          id: id(`raasepori-decision-${i}`),
          organization_id: raasepori,
          municipality_code: '710',
          body,
          reference,
          decision_date: date,
          title,
        })
        .execute();

    // ---- Hanko: a planned application, the youth council's first questionnaire ----
    await tx
      .insertInto('child_friendly_status')
      .values({
        municipality_code: '078',
        organization_id: hanko,
        stage: 'application',
        stage_dates: JSON.stringify({ application: '2027-01-31' }),
        notes:
          'Demo: Hakemus UNICEFille valmistellaan; jättöpäivä suunniteltu. / Ansökan till Unicef förbereds; inlämningsdagen är planerad.',
        demo: true,
        updated_by: 'demo data',
      })
      .execute();
    await tx
      .insertInto('child_friendly_action')
      .values({
        id: id('hanko-action-application'),
        municipality_code: '078',
        title: 'Demo: UNICEF-hakemuksen valmistelu / Förberedelse av ansökan till Unicef',
        owner: 'Demo: Hyvinvointikoordinaattori',
        status: 'in_progress',
        due: '2027-01-31',
      })
      .execute();
    const hankoA = id('hanko-health-survey');
    await tx
      .insertInto('child_impact_assessment')
      .values({
        id: hankoA,
        organization_id: hanko,
        municipality_code: '078',
        body: 'Demo: Nuorisovaltuusto / Ungdomsfullmäktige',
        decision_reference: 'Demo 1/2026',
        decision_date: null,
        title: 'Demo: Kouluterveyskyselyn tulosten käsittely nuorisovaltuustossa',
        timing: 'before',
        status: 'draft',
        content: JSON.stringify({ affects: 'direct', screening_result: 'continue' }),
        version: 2,
        demo: true,
        created_by: 'demo data',
        updated_by: 'demo data',
      })
      .execute();
    await tx
      .insertInto('child_impact_version')
      .values([
        { assessment_id: hankoA, version: 1, step: 'created', status: 'draft', content: '{}', saved_by: 'demo data' },
        {
          assessment_id: hankoA,
          version: 2,
          step: 'screening',
          status: 'draft',
          content: JSON.stringify({ affects: 'direct', screening_result: 'continue' }),
          saved_by: 'demo data',
        },
      ])
      .execute();
    const hankoQ = id('hanko-youth-council-q');
    await tx
      .insertInto('child_impact_questionnaire')
      .values({
        id: hankoQ,
        assessment_id: hankoA,
        age_group: '13-17',
        title: JSON.stringify({
          fi: 'Demo: Nuorisovaltuuston kysely – miten voit?',
          sv: 'Demo: Ungdomsfullmäktiges enkät – hur mår du?',
        }),
        intro: JSON.stringify({
          fi: 'Nuorisovaltuusto käsittelee kouluterveyskyselyn tuloksia ja haluaa kuulla sinua.',
          sv: 'Ungdomsfullmäktige går igenom resultaten av skolhälsoenkäten och vill höra dig.',
        }),
        questions: JSON.stringify([
          { key: 'q1', text: { fi: 'Miten viihdyt koulussa?', sv: 'Hur trivs du i skolan?' } },
          {
            key: 'q2',
            text: {
              fi: 'Onko Hangossa tarpeeksi tekemistä nuorille?',
              sv: 'Finns det tillräckligt att göra för unga i Hangö?',
            },
          },
          {
            key: 'q3',
            text: {
              fi: 'Tiedätkö, mistä saat apua, jos on huolia?',
              sv: 'Vet du var du får hjälp om du har bekymmer?',
            },
          },
        ]),
        free_text_question: JSON.stringify({
          fi: 'Mitä nuorisovaltuuston pitäisi viedä eteenpäin?',
          sv: 'Vad borde ungdomsfullmäktige driva vidare?',
        }),
        status: 'open',
        created_by: 'demo data',
      })
      .execute();
    for (const [i, a] of [
      { q1: 4, q2: 2, q3: 3 },
      { q1: 3, q2: 1, q3: 4 },
      { q1: 5, q2: 2, q3: 5 },
    ].entries())
      await tx
        .insertInto('child_impact_response')
        .values({
          id: id(`hanko-youth-council-r${i}`),
          questionnaire_id: hankoQ,
          lang: i === 1 ? 'fi' : 'sv',
          answers: JSON.stringify(a),
          free_text: null,
          answered_on: '2026-11-20',
        })
        .execute();
    await audit(tx, CTX, {
      action: 'child_impact.demo_loaded',
      objectType: 'child_impact_assessment',
      objectId: hankoA,
      organizationId: hanko,
    });
  });
}

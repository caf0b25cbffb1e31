/**
 * Demo working models, written from the seeds' own descriptions (shared/seeds: Askola's and Raasepori's LAPE
 * plans of 2018) and the demo directory's service descriptions (Hanko's peer group), and an onboarding path for
 * a new member of Askola's VATU team. Where the seeds say nothing (dates, evaluations) the models say so rather
 * than invent it. Loaded once by key: a model or path that exists is never overwritten (people may have edited
 * it). Without the demo organisations nothing is loaded; without the VATU team (found by its name) or its members
 * the onboarding path is skipped.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../../core/audit/auditLog.js';
import { idFromKey, newId } from '../../core/shared/ids.js';
import type { Translated } from '../../core/shared/lang.js';
import type { WorkingModelContent } from '../../core/workingModels/types.js';

const CTX: AuditContext = { actor: null, actorName: 'demo data' };

interface DemoModel {
  key: string;
  org: string;
  team?: string; // a team's key (demoPeople.ts)
  /** The experiment of the municipality's plan it grew from: plan municipality and the start of its wording. */
  origin?: { municipality: string; startsWith: string };
  content: WorkingModelContent;
  municipalities: { code: string; since?: string }[];
  services: string[]; // service keys of the demo directory
  contacts: string[]; // demo people's e-mails
  public: boolean;
  reviewDue: string;
}

const NOT_EVALUATED: Translated = {
  fi: 'Kuvattu kunnan LAPE-suunnitelmassa (2018). Mallin vaikutuksia ei ole vielä arvioitu; arviointi kirjataan tähän, kun se tehdään.',
  sv: 'Beskriven i kommunens LAPE-plan (2018). Modellens effekter har ännu inte utvärderats; utvärderingen antecknas här när den görs.',
  en: "Described in the municipality's LAPE plan (2018). Its effects have not been evaluated yet; the evaluation is recorded here when it is done.",
};

const MODELS: DemoModel[] = [
  {
    key: 'askola-vatu',
    org: 'askola-kunta',
    team: 'askola-vatu',
    content: {
      name: {
        fi: 'VATU – varhaisen tuen tiimi ja sen viikkokokous',
        sv: 'VATU – teamet för tidigt stöd och dess veckomöte',
        en: 'VATU – the early support team and its weekly meeting',
      },
      summary: {
        fi: 'Askolan matalan kynnyksen varhaisen tuen tiimi, johon kuka tahansa voi tuoda huolensa. Asia etenee nopeasti, niin että lapsi tai nuori ja hänen läheisensä saavat tarvitsemansa tuen. VATU kokoontuu säännöllisesti joka viikko.',
        sv: 'Askolas lågtröskelteam för tidigt stöd, dit vem som helst kan komma med sin oro. Ärendet går snabbt framåt så att barnet eller den unga och de närstående får det stöd de behöver. VATU möts regelbundet varje vecka.',
        en: "Askola's low-threshold early support team, to which anyone can bring a concern. The matter moves on quickly, so that the child or young person and those close to them get the support they need. VATU meets every week.",
      },
      problem: {
        fi: 'Pienessä kunnassa palvelut ovat ohuita ja haavoittuvia, ja huoli lapsesta voi jäädä yhden työntekijän kannettavaksi. Perheen ei pitäisi joutua etsimään ja odottamaan tukea.',
        sv: 'I en liten kommun är tjänsterna tunna och sårbara, och oron för ett barn kan bli kvar hos en enda anställd. Familjen ska inte behöva leta efter och vänta på stöd.',
      },
      target_group: {
        fi: 'Askolalaiset lapset, nuoret ja heidän läheisensä, joista joku on huolissaan; ammattilaiset, jotka tarvitsevat työparin huolen käsittelyyn.',
        sv: 'Barn och unga i Askola och deras närstående som någon är orolig för; yrkesverksamma som behöver en arbetspartner för att ta itu med oron.',
      },
      steps: {
        fi: 'Kuka tahansa – perhe, nuori tai ammattilainen – tuo huolensa VATUun.\nHuoli käsitellään VATUn seuraavassa viikkokokouksessa.\nTiimi arvioi yhdessä, millaista tukea lapsi tai nuori ja läheiset tarvitsevat.\nTuki järjestetään nopeasti perhekeskusverkostosta, niin ettei perheen tarvitse etsiä ja odottaa.\nTiimi seuraa viikkokokouksissa, että tuki on alkanut.',
        sv: 'Vem som helst – familjen, den unga eller en yrkesverksam – kommer med sin oro till VATU.\nOron behandlas på VATU:s nästa veckomöte.\nTeamet bedömer tillsammans vilket stöd barnet eller den unga och de närstående behöver.\nStödet ordnas snabbt i familjecentralens nätverk så att familjen inte behöver leta och vänta.\nTeamet följer upp på veckomötena att stödet har börjat.',
      },
      roles: {
        fi: 'Perheohjaajat\nSosiaalityön edustaja\nNeuvolan terveydenhoitaja\nLääkäri\nPsykologi\nPsykiatrinen sairaanhoitaja',
        sv: 'Familjehandledarna\nEn representant för socialarbetet\nRådgivningens hälsovårdare\nLäkare\nPsykolog\nPsykiatrisk sjukskötare',
      },
      access: {
        fi: 'Kuka tahansa voi tuoda huolensa VATUun: perhe itse tai kuka tahansa perhekeskusverkoston ammattilainen, myös järjestön tai seurakunnan työntekijä. Yhteyden voi ottaa hyvinvointineuvolan palveluohjauksen kautta.',
        sv: 'Vem som helst kan komma med sin oro till VATU: familjen själv eller vilken yrkesverksam som helst i familjecentralens nätverk, också en anställd vid en organisation eller församling. Man kan ta kontakt via servicehandledningen vid välfärdsrådgivningen.',
      },
      resources: {
        fi: 'Jäsenten työaikaa viikoittaiseen kokoukseen. Uusien toimijoiden perehdytys perhekeskustoimintamalliin ja VATUn toimintaan (Askolan suunnitelma: ”luoda yhteinen prosessi, jonka avulla myös uudet toimijat voidaan perehdyttää”).',
        sv: 'Medlemmarnas arbetstid för veckomötet. Introduktion av nya aktörer i familjecentralsmodellen och VATU:s arbete (Askolas plan: ”skapa en gemensam process genom vilken också nya aktörer kan introduceras”).',
      },
      evidence: NOT_EVALUATED,
    },
    municipalities: [{ code: '018' }],
    services: ['askola-vatu', 'askola-palveluohjaus', 'askola-perheohjaus', 'askola-neuvola', 'askola-psykologi'],
    contacts: ['paakayttaja@ita-uusimaa.demo'],
    public: true,
    reviewDue: '2027-06-30',
  },
  {
    key: 'raasepori-oppilashuoltoryhma',
    org: 'raasepori-kaupunki',
    origin: { municipality: '710', startsWith: 'Koulukohtaisen oppilashuoltoryhmän' },
    content: {
      name: {
        fi: 'Koulukohtaisen oppilashuoltoryhmän toimintamalli',
        sv: 'Modellen för skolvisa elevhälsogrupper',
        en: 'The school-specific pupil welfare group model',
      },
      summary: {
        fi: 'Raaseporin kaikille kouluille luotu yhtenäinen malli koulukohtaisen oppilashuoltoryhmän työlle. Malli otettiin LAPE-kaudella käyttöön ja jäi pysyväksi käytännöksi.',
        sv: 'En enhetlig modell för de skolvisa elevhälsogruppernas arbete, skapad för alla skolor i Raseborg. Modellen togs i bruk under LAPE-perioden och blev bestående praxis.',
        en: "A common model for the work of each school's pupil welfare group, created for every school in Raasepori. It was taken into use during the LAPE programme and became permanent practice.",
      },
      problem: {
        fi: 'Koulujen oppilashuoltoryhmät toimivat eri tavoin; varhaiskasvatuksen ja koulun hyvinvointityötä haluttiin kehittää yhteisin periaattein.',
        sv: 'Skolornas elevhälsogrupper arbetade på olika sätt; man ville utveckla välbefinnandearbetet inom småbarnspedagogiken och skolan enligt gemensamma principer.',
      },
      target_group: {
        fi: 'Raaseporin koulujen oppilaat ja koulujen henkilöstö.',
        sv: 'Eleverna och personalen i Raseborgs skolor.',
      },
      steps: {
        fi: 'Jokaisella koululla on oma oppilashuoltoryhmänsä, joka toimii kaupungin yhteisen mallin mukaan.\nRyhmä suunnittelee, toteuttaa ja arvioi koulun yhteisöllistä oppilashuoltoa.\nRyhmä tekee yhteistyötä varhaiskasvatuksen ja perhekeskuksen kanssa.',
        sv: 'Varje skola har en egen elevhälsogrupp som arbetar enligt stadens gemensamma modell.\nGruppen planerar, genomför och utvärderar skolans gemensamma elevhälsa.\nGruppen samarbetar med småbarnspedagogiken och familjecentralen.',
      },
      roles: {
        fi: 'Rehtori\nKoulukuraattori\nKoulupsykologi\nKouluterveydenhoitaja\nOpettajien edustajat',
        sv: 'Rektor\nSkolkurator\nSkolpsykolog\nSkolhälsovårdare\nRepresentanter för lärarna',
      },
      access: {
        fi: 'Oppilas, huoltaja tai koulun työntekijä voi ottaa yhteyttä koulun kuraattoriin, psykologiin tai terveydenhoitajaan.',
        sv: 'En elev, vårdnadshavare eller anställd vid skolan kan kontakta skolans kurator, psykolog eller hälsovårdare.',
      },
      resources: {
        fi: 'Oppilashuoltoryhmän kokoukset koulun työaikana; yhteinen malli kaikille kouluille.',
        sv: 'Elevhälsogruppens möten under skolans arbetstid; en gemensam modell för alla skolor.',
      },
      evidence: NOT_EVALUATED,
    },
    municipalities: [{ code: '710' }],
    services: ['raasepori-skolkurator', 'raasepori-skolpsykolog', 'raasepori-skolhalsovard'],
    contacts: ['lape@raasepori.demo'],
    public: true,
    reviewDue: '2027-08-31',
  },
  {
    key: 'raasepori-varhaiskasvatus-perhekeskus',
    org: 'raasepori-kaupunki',
    team: 'raasepori-lape',
    content: {
      name: {
        fi: 'Varhaiskasvatuksen ja perhekeskuksen yhteistyömalli',
        sv: 'Samarbetsmodellen mellan småbarnspedagogiken och familjecentralen',
        en: 'The cooperation model of early childhood education and the family centre',
      },
      summary: {
        fi: 'Raaseporin malli, jolla varhaiskasvatus ja perhekeskus tekevät yhteistyötä matalan kynnyksen tuen tarjoamiseksi perheille. Yhteistyömalli on saanut toimivan rakenteen.',
        sv: 'Raseborgs modell för hur småbarnspedagogiken och familjecentralen samarbetar för att erbjuda familjer stöd med låg tröskel. Samarbetsmodellen har fått en fungerande struktur.',
        en: "Raasepori's model for how early childhood education and the family centre work together to offer families low-threshold support. The cooperation has found a working structure.",
      },
      problem: {
        fi: 'Matalan kynnyksen palveluja haluttiin kehittää niin, että perhe saa tukea sieltä, missä se jo asioi – päiväkodista.',
        sv: 'Man ville utveckla tjänster med låg tröskel så att familjen får stöd där den redan är – på daghemmet.',
      },
      target_group: {
        fi: 'Varhaiskasvatuksessa olevien lasten perheet ja varhaiskasvatuksen henkilöstö.',
        sv: 'Familjer med barn inom småbarnspedagogiken och personalen inom småbarnspedagogiken.',
      },
      steps: {
        fi: 'Varhaiskasvatus ja perhekeskus sopivat yhteistyön rakenteesta ja yhteyshenkilöistä.\nVarhaiskasvatuksen henkilöstö ohjaa perheen tarvittaessa perhekeskuksen palveluihin.\nPerhekeskuksen työntekijät tukevat perhettä ja päiväkotia yhdessä sovitulla tavalla.',
        sv: 'Småbarnspedagogiken och familjecentralen kommer överens om samarbetets struktur och kontaktpersoner.\nPersonalen inom småbarnspedagogiken hänvisar vid behov familjen till familjecentralens tjänster.\nFamiljecentralens anställda stöder familjen och daghemmet på det sätt man kommit överens om.',
      },
      roles: {
        fi: 'Varhaiskasvatuksen henkilöstö\nPerhekeskuksen lähiesimies\nPerhekeskuksen palveluohjaus ja perheohjaus',
        sv: 'Personalen inom småbarnspedagogiken\nFamiljecentralens närmaste chef\nFamiljecentralens servicehandledning och familjehandledning',
      },
      access: {
        fi: 'Perhe voi kertoa tuen tarpeesta päiväkodin henkilöstölle tai ottaa yhteyttä perhekeskuksen palveluohjaukseen.',
        sv: 'Familjen kan berätta om sitt behov av stöd för personalen på daghemmet eller kontakta familjecentralens servicehandledning.',
      },
      resources: {
        fi: 'Perhekeskuksella on oma lähiesimies; yhteistyö on sovittu osaksi perhekeskuksen ja varhaiskasvatuksen työtä.',
        sv: 'Familjecentralen har en egen närmaste chef; samarbetet är en överenskommen del av familjecentralens och småbarnspedagogikens arbete.',
      },
      evidence: NOT_EVALUATED,
    },
    municipalities: [{ code: '710' }],
    services: ['raasepori-smabarnspedagogik', 'raasepori-familjecentral-servicehandledning', 'raasepori-familjearbete'],
    contacts: ['lape@raasepori.demo', 'redaktor@lansi-uusimaa.demo'],
    public: true,
    reviewDue: '2027-08-31',
  },
  {
    key: 'raasepori-de-otroliga-aren',
    org: 'raasepori-kaupunki',
    origin: { municipality: '710', startsWith: 'Ihmeelliset vuodet' },
    content: {
      name: {
        fi: 'Ihmeelliset vuodet – De otroliga åren -perheryhmät',
        sv: 'De otroliga åren – familjegrupper',
        en: 'Incredible Years family groups',
      },
      summary: {
        fi: 'Vanhempainryhmät, joita Raasepori kehitti yhdessä yhdistysten ja järjestöjen kanssa ja jotka jatkavat toimintaansa pysyvänä käytäntönä.',
        sv: 'Föräldragrupper som Raseborg utvecklade tillsammans med föreningar och organisationer och som fortsätter som bestående praxis.',
        en: 'Parent groups that Raasepori developed together with associations and NGOs, continuing as permanent practice.',
      },
      problem: {
        fi: 'Vanhemmat tarvitsevat tukea lapsen käyttäytymisen ja arjen haasteisiin ennen kuin ne kasvavat.',
        sv: 'Föräldrar behöver stöd med barnets beteende och vardagens utmaningar innan de växer sig stora.',
      },
      target_group: {
        fi: 'Pienten lasten vanhemmat, suomeksi ja ruotsiksi.',
        sv: 'Föräldrar till små barn, på svenska och finska.',
      },
      steps: {
        fi: 'Perhe ohjautuu ryhmään perhekeskuksen, neuvolan tai varhaiskasvatuksen kautta tai ilmoittautuu itse.\nVanhemmat kokoontuvat ryhmään viikoittain koulutettujen ohjaajien kanssa.\nRyhmässä harjoitellaan myönteisen vuorovaikutuksen ja arjen keinoja.',
        sv: 'Familjen hänvisas till gruppen via familjecentralen, rådgivningen eller småbarnspedagogiken eller anmäler sig själv.\nFöräldrarna träffas i gruppen varje vecka med utbildade ledare.\nI gruppen övar man positiv växelverkan och sätt att klara vardagen.',
      },
      roles: {
        fi: 'Koulutetut ryhmänohjaajat\nPerhekeskus\nYhteistyöjärjestöt',
        sv: 'Utbildade gruppledare\nFamiljecentralen\nSamarbetsorganisationerna',
      },
      access: {
        fi: 'Ilmoittautuminen perhekeskuksen kautta; ryhmät ovat maksuttomia.',
        sv: 'Anmälan via familjecentralen; grupperna är avgiftsfria.',
      },
      resources: {
        fi: 'Ryhmänohjaajien Ihmeelliset vuodet -koulutus ja ohjaajien työaika ryhmäkertoihin.',
        sv: 'Gruppledarnas utbildning i De otroliga åren och ledarnas arbetstid för träffarna.',
      },
      evidence: {
        fi: 'Ihmeelliset vuodet (Incredible Years) on kansainvälisesti tutkittu vanhemmuuden tukiohjelma. Raaseporin ryhmien omaa arviointia ei ole vielä kirjattu.',
        sv: 'De otroliga åren (Incredible Years) är ett internationellt utforskat program för stöd i föräldraskapet. Raseborgs egen utvärdering av grupperna har ännu inte antecknats.',
      },
    },
    municipalities: [{ code: '710' }],
    services: ['raasepori-de-otroliga-aren', 'raasepori-familjecentral-servicehandledning'],
    contacts: ['redaktor@lansi-uusimaa.demo'],
    public: true,
    reviewDue: '2027-03-31',
  },
  {
    key: 'hanko-nuorten-vanhempien-vertaistuki',
    org: 'hanko-kaupunki',
    content: {
      name: {
        fi: 'Nuorten vanhempien kohdennettu vertaistuki',
        sv: 'Riktat kamratstöd för unga föräldrar',
        en: 'Targeted peer support for young parents',
      },
      summary: {
        fi: 'Hangon ryhmä, jossa nuoret vanhemmat juttelevat vauva-arjesta, parisuhteesta, rahasta ja jaksamisesta toistensa kanssa. Neuvolan terveydenhoitaja ja perheohjaaja vetävät ryhmää yhdessä MLL:n Hangon yhdistyksen vapaaehtoisten kanssa.',
        sv: 'En grupp i Hangö där unga föräldrar pratar med varandra om vardagen med bebis, parrelationen, pengar och ork. Rådgivningens hälsovårdare och en familjehandledare leder gruppen tillsammans med frivilliga från MLL:s Hangö lokalförening.',
        en: 'A group in Hanko where young parents talk with each other about everyday life with a baby, their relationship, money and coping. A child health clinic nurse and a family worker lead it together with volunteers of MLL Hanko.',
      },
      problem: {
        fi: 'Nuoret vanhemmat jäävät helposti yksin; moniammatillinen työ sujuu, mutta uusien työntekijöiden juurruttamista paikallisiin toimintamalleihin on kehitettävä.',
        sv: 'Unga föräldrar blir lätt ensamma; det mångprofessionella arbetet fungerar, men att förankra nya anställda i de lokala verksamhetsmodellerna måste utvecklas.',
      },
      target_group: { fi: 'Nuoret vanhemmat vauvoineen Hangossa.', sv: 'Unga föräldrar med bebis i Hangö.' },
      steps: {
        fi: 'Neuvola tai perheohjaus kertoo ryhmästä nuorelle vanhemmalle.\nRyhmä kokoontuu, ja vauvat tulevat mukaan; välipala on tarjolla.\nVetäjät ja vapaaehtoiset tukevat keskustelua vauva-arjesta, parisuhteesta, rahasta ja jaksamisesta.',
        sv: 'Rådgivningen eller familjehandledningen berättar om gruppen för den unga föräldern.\nGruppen träffas och bebisarna kommer med; det bjuds på mellanmål.\nLedarna och de frivilliga stöder samtalet om vardagen med bebis, parrelationen, pengar och ork.',
      },
      roles: {
        fi: 'Neuvolan terveydenhoitaja – ryhmän vetäjä\nPerheohjaaja – ryhmän vetäjä\nMLL:n Hangon yhdistyksen vapaaehtoiset',
        sv: 'Rådgivningens hälsovårdare – gruppledare\nFamiljehandledare – gruppledare\nFrivilliga från MLL:s Hangö lokalförening',
      },
      access: {
        fi: 'Ryhmään pääsee neuvolan tai perheohjauksen kautta.',
        sv: 'Man kommer med i gruppen via rådgivningen eller familjehandledningen.',
      },
      resources: {
        fi: 'Kahden työntekijän työaika ryhmäkertoihin, vapaaehtoisten tuki, tila ja välipala.',
        sv: 'Två anställdas arbetstid för träffarna, de frivilligas stöd, en lokal och mellanmål.',
      },
      evidence: {
        fi: 'Hangon suunnitelmaa ei ole tuotu palveluun; kuvaus perustuu palvelun kuvaukseen. Arviointia ei ole kirjattu.',
        sv: 'Hangös plan har inte förts in i tjänsten; beskrivningen bygger på tjänstebeskrivningen. Ingen utvärdering har antecknats.',
      },
    },
    municipalities: [{ code: '078' }],
    services: ['hanko-nuorten-vanhempien-vertaisryhma', 'hanko-aitiys-ja-lastenneuvola', 'hanko-perhetyo'],
    contacts: ['toimittaja@hanko.demo'],
    public: true,
    reviewDue: '2027-05-31',
  },
];

export async function loadDemoWorkingModels(db: Kysely<DB>): Promise<{ models: number; onboarding: boolean }> {
  let models = 0;
  for (const m of MODELS) if (await loadModel(db, m)) models++;
  return { models, onboarding: await loadVatuOnboarding(db) };
}

async function loadModel(db: Kysely<DB>, m: DemoModel): Promise<boolean> {
  const org = await db.selectFrom('organization').select('id').where('key', '=', m.org).executeTakeFirst();
  if (!org) return false;
  if (await db.selectFrom('working_model').select('id').where('key', '=', m.key).executeTakeFirst()) return false;
  const team = m.team
    ? await db.selectFrom('team').select('id').where('id', '=', idFromKey('team', m.team)).executeTakeFirst()
    : undefined;
  let origin: string | null = null;
  if (m.origin) {
    const row = await db
      .selectFrom('programme_action as a')
      .innerJoin('programme_plan as p', 'p.id', 'a.plan_id')
      .select('a.id')
      .where((eb) => eb(eb.val(m.origin!.municipality), '=', eb.fn.any('p.municipality_codes')))
      .where('a.title', 'like', `${m.origin.startsWith}%`)
      .executeTakeFirst();
    origin = row?.id ?? null;
  }
  const services = await db
    .selectFrom('service')
    .select('id')
    .where(
      'id',
      'in',
      m.services.map((k) => idFromKey('service', k)),
    )
    .execute();
  const people = m.contacts.length
    ? await db.selectFrom('person').select('id').where('email', 'in', m.contacts).execute()
    : [];
  const id = idFromKey('working_model', m.key);
  const content = JSON.stringify(m.content);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('working_model')
      .values({
        id,
        key: m.key,
        organization_id: org.id,
        team_id: team?.id ?? null,
        origin_action_id: origin,
        draft: content,
        published: content,
        version: 1,
        public: m.public,
        review_due: m.reviewDue,
        updated_by: CTX.actorName,
        published_at: new Date('2026-11-30T10:00:00Z'),
      })
      .execute();
    await tx
      .insertInto('working_model_version')
      .values({
        model_id: id,
        version: 1,
        content,
        published_at: new Date('2026-11-30T10:00:00Z'),
        published_by: CTX.actorName ?? null,
      })
      .execute();
    await tx
      .insertInto('working_model_municipality')
      .values(m.municipalities.map((x) => ({ model_id: id, municipality_code: x.code, since: x.since ?? null })))
      .execute();
    if (services.length)
      await tx
        .insertInto('working_model_service')
        .values(services.map((s) => ({ model_id: id, service_id: s.id })))
        .execute();
    for (const role of ['owner', 'contact'] as const)
      if (people.length)
        await tx
          .insertInto('working_model_person')
          .values(people.map((p) => ({ model_id: id, person_id: p.id, role })))
          .execute();
    await audit(tx, CTX, {
      action: 'working_model.published',
      objectType: 'working_model',
      objectId: id,
      organizationId: org.id,
      after: { version: 1 },
      details: { demo: true },
    });
  });
  return true;
}

/**
 * The onboarding path of a new member of Askola's VATU team, found by the team's name: the demo sign-in
 * vatu@askola.demo when they are a member (added with the concerns demo), else the team's first member who is
 * not its lead. Skipped when the team, a lead or a member is missing, or when the member already has a path.
 */
async function loadVatuOnboarding(db: Kysely<DB>): Promise<boolean> {
  const teams = await db
    .selectFrom('team')
    .innerJoin('organization', 'organization.id', 'team.organization_id')
    .select(['team.id', 'team.name', 'team.organization_id'])
    .where('organization.municipality_code', '=', '018')
    .execute();
  const team = teams.find((t) => /^VATU\b/i.test((t.name as Translated).fi ?? ''));
  if (!team) return false;
  const members = await db
    .selectFrom('team_membership as tm')
    .innerJoin('person as p', 'p.id', 'tm.person_id')
    .select(['p.id', 'p.email', 'p.name', 'tm.role'])
    .where('tm.team_id', '=', team.id)
    .orderBy('p.name')
    .execute();
  const lead = members.find((m) => m.role === 'lead');
  const newcomer = members.find((m) => m.email === 'vatu@askola.demo') ?? members.find((m) => m.role === 'member');
  if (!lead || !newcomer) return false;
  const existing = await db
    .selectFrom('onboarding_path')
    .select('id')
    .where('team_id', '=', team.id)
    .where('person_id', '=', newcomer.id)
    .executeTakeFirst();
  if (existing) return false;
  const model = await db.selectFrom('working_model').select('id').where('key', '=', 'askola-vatu').executeTakeFirst();
  const services = await db
    .selectFrom('service')
    .select(['id', 'key'])
    .where('key', 'in', ['askola-vatu', 'askola-palveluohjaus', 'askola-perheohjaus', 'askola-mll-perhekahvila'])
    .orderBy('key')
    .execute();
  const pathId = idFromKey('onboarding_path', `${team.id}:${newcomer.id}`);
  const items: {
    kind: 'working_model' | 'person' | 'service' | 'task';
    working_model_id?: string;
    person_id?: string;
    service_id?: string;
    note: string;
  }[] = [
    ...(model
      ? [
          {
            kind: 'working_model' as const,
            working_model_id: model.id,
            note: 'Lue VATUn toimintamalli: kuka tuo huolen, miten se käsitellään viikkokokouksessa.',
          },
        ]
      : []),
    { kind: 'person', person_id: lead.id, note: 'Tapaa tiimin vetäjä: käykää läpi VATUn viikkokokouksen käytännöt.' },
    ...members
      .filter((m) => m.id !== lead.id && m.id !== newcomer.id)
      .map((m) => ({ kind: 'person' as const, person_id: m.id, note: 'Tutustu: miten hän tuo huolia VATUun.' })),
    ...services.map((s) => ({ kind: 'service' as const, service_id: s.id, note: '' })),
    { kind: 'task', note: 'Osallistu VATUn viikkokokoukseen ja tuo sinne yksi huoli työparin kanssa.' },
  ];
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('onboarding_path')
      .values({ id: pathId, team_id: team.id, person_id: newcomer.id, created_by: lead.id })
      .execute();
    await tx
      .insertInto('onboarding_item')
      .values(
        items.map((i, position) => ({
          id: newId(),
          path_id: pathId,
          kind: i.kind,
          working_model_id: i.working_model_id ?? null,
          person_id: i.person_id ?? null,
          service_id: i.service_id ?? null,
          note: i.note,
          position,
        })),
      )
      .execute();
    await audit(tx, CTX, {
      action: 'onboarding.path_created',
      objectType: 'onboarding_path',
      objectId: pathId,
      organizationId: team.organization_id,
      after: { team: team.id, person: newcomer.id, items: items.length },
      details: { demo: true },
    });
  });
  return true;
}

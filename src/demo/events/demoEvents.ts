/**
 * Demo events drawn from the municipalities' plans (/work/shared/seeds): Inkoo's family cafés in Swedish and
 * Finnish, a De otroliga åren parent group in Raasepori (14 weekly sessions), MLL's info evenings in Siuntio,
 * the mental health first aid course for parents in Hanko, and MLL's family café in Askola. Their occurrences
 * fall in the coming weeks, counted from the day the demo data is loaded. Loaded by key: loading again leaves an
 * existing demo event as it is. Skipped when the demo organisations are not there (a directory of one's own).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EventKind, RegistrationMode } from '../../db/schema.events.js';
import { insertEvent } from '../../core/events/save.js';
import { addDays, localParts } from '../../core/events/time.js';
import type { Translated } from '../../core/shared/lang.js';

interface DemoEvent {
  key: string;
  org: string;
  service?: string;
  location?: string;
  kind: EventKind;
  name: Translated;
  description: Translated;
  practical?: Translated;
  languages: ('fi' | 'sv' | 'en')[];
  /** 0 = Monday … 6 = Sunday; the first occurrence is the next such day (today counts) plus `weeksAhead`. */
  weekday: number;
  weeksAhead?: number;
  start: string;
  end: string;
  rule?: string;
  registration: RegistrationMode;
  capacity?: number;
  ageMin?: number;
  ageMax?: number;
  lifeSituations: string[];
  onlineUrl?: string;
  keywords?: string[];
}

const EVENTS: DemoEvent[] = [
  {
    key: 'demo-inkoo-familjecafe-sv',
    org: 'folkhalsan-inga',
    service: 'inkoo-folkhalsan-familjecafe',
    location: 'inkoo-folkhalsanhuset',
    kind: 'recurring',
    name: {
      fi: 'Folkhälsanin perhekahvila (ruotsiksi)',
      sv: 'Folkhälsans familjecafé',
      en: 'Folkhälsan family café (in Swedish)',
    },
    description: {
      fi: 'Avoin ruotsinkielinen perhekahvila vauvoille ja pikkulapsille aikuisineen: leikkiä, laulua ja kahvia. Suomenkieliset perheet ovat myös tervetulleita.',
      sv: 'Öppet svenskspråkigt familjecafé för bebisar och småbarn med sina vuxna: lek, sång och kaffe. Finskspråkiga familjer är också välkomna.',
      en: 'An open Swedish-language family café for babies and toddlers with their adults: play, songs and coffee. Finnish-speaking families are welcome too.',
    },
    practical: {
      fi: 'Ilmoittaudu, niin tiedämme varata tarpeeksi välipalaa. Rattaat voi jättää eteiseen.',
      sv: 'Anmäl dig så att vi vet hur mycket mellanmål vi ska reservera. Barnvagnarna kan lämnas i tamburen.',
    },
    languages: ['sv'],
    weekday: 3,
    start: '09:30',
    end: '11:30',
    rule: 'FREQ=WEEKLY;COUNT=10',
    registration: 'contact',
    capacity: 15,
    ageMin: 0,
    ageMax: 6,
    lifeSituations: ['baby', 'under_school_age', 'meeting_others'],
    keywords: ['perhekahvila', 'familjecafé'],
  },
  {
    key: 'demo-inkoo-perhekahvila-fi',
    org: 'mll-inkoo',
    service: 'inkoo-mll-perhekahvila',
    location: 'inkoo-forsamlingshem',
    kind: 'recurring',
    name: { fi: 'MLL:n perhekahvila', sv: 'MLL:s familjecafé (på finska)', en: 'MLL family café (in Finnish)' },
    description: {
      fi: 'Suomenkielinen avoin perhekahvila seurakuntatalolla. Kahvi ja mehu maksavat euron, muuten kaikki on maksutonta.',
      sv: 'Öppet finskspråkigt familjecafé i församlingshemmet. Kaffe och saft kostar en euro, i övrigt är allt avgiftsfritt.',
      en: 'An open Finnish-language family café at the parish hall. Coffee and juice cost one euro; everything else is free.',
    },
    languages: ['fi'],
    weekday: 1,
    start: '09:30',
    end: '11:00',
    rule: 'FREQ=WEEKLY;COUNT=10',
    registration: 'headcount',
    capacity: 25,
    ageMin: 0,
    ageMax: 6,
    lifeSituations: ['baby', 'under_school_age', 'meeting_others'],
    keywords: ['perhekahvila'],
  },
  {
    key: 'demo-raasepori-de-otroliga-aren',
    org: 'lansi-uusimaa-hva',
    service: 'raasepori-de-otroliga-aren',
    location: 'raasepori-familjecentral-ekenas',
    kind: 'group',
    name: {
      fi: 'Ihmeelliset vuodet -vanhempainryhmä (ruotsiksi), Tammisaari',
      sv: 'De otroliga åren – föräldragrupp i Ekenäs',
      en: 'The Incredible Years parent group (in Swedish), Ekenäs',
    },
    description: {
      fi: 'Ryhmä 3–8-vuotiaiden lasten vanhemmille. Kokoonnumme 14 kertaa kerran viikossa ja harjoittelemme leikkiä, kehumista, rajojen asettamista ja rauhoittumista. Ryhmään ilmoittaudutaan kokonaisuutena.',
      sv: 'En grupp för föräldrar till barn i åldern 3–8 år. Vi träffas 14 gånger en gång i veckan och övar lek, beröm, gränssättning och att lugna ner sig. Man anmäler sig till hela gruppen.',
      en: 'A group for parents of 3–8-year-olds. We meet 14 times, once a week, practising play, praise, setting limits and calming down. You join the whole group.',
    },
    practical: {
      fi: 'Lastenhoito järjestetään samassa talossa, kun ilmoitat siitä ilmoittautuessasi.',
      sv: 'Barnpassning ordnas i samma hus om du nämner det när du anmäler dig.',
    },
    languages: ['sv'],
    weekday: 2,
    weeksAhead: 1,
    start: '17:30',
    end: '19:30',
    rule: 'FREQ=WEEKLY;COUNT=14',
    registration: 'contact',
    capacity: 12,
    ageMin: 3,
    ageMax: 8,
    lifeSituations: ['parenting', 'under_school_age', 'school_age', 'family_strain'],
    keywords: ['vanhempainryhmä', 'föräldragrupp', 'Incredible Years'],
  },
  {
    key: 'demo-siuntio-mll-infoillat',
    org: 'mll-siuntio',
    service: 'siuntio-mll-infoillat',
    location: 'siuntio-kirjasto',
    kind: 'recurring',
    name: {
      fi: 'MLL:n info-ilta vanhemmille',
      sv: 'MLL:s infokväll för föräldrar',
      en: 'MLL info evening for parents',
    },
    description: {
      fi: 'Asiantuntijat kunnasta, hyvinvointialueelta ja MLL:stä kertovat unesta, ruutuajasta ja murrosiästä; aikaa jää kysymyksille. Illan voi seurata myös etänä.',
      sv: 'Experter från kommunen, välfärdsområdet och MLL berättar om sömn, skärmtid och puberteten, och det finns tid för frågor. Kvällen kan också följas på distans.',
      en: 'Experts from the municipality, the wellbeing services county and MLL talk about sleep, screen time and adolescence, with time for questions. You can also follow online.',
    },
    practical: {
      fi: 'Lastenhoito järjestetään, kun ilmoittaudut ennakkoon. Etälinkki lähetetään ilmoittautuneille.',
      sv: 'Barnpassning ordnas om du anmäler dig på förhand. Distanslänken syns för dem som anmält sig.',
    },
    languages: ['fi', 'sv'],
    weekday: 1,
    weeksAhead: 1,
    start: '18:00',
    end: '19:30',
    rule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=3',
    registration: 'contact',
    capacity: 30,
    lifeSituations: ['parenting', 'school_age', 'teenager', 'meeting_others'],
    onlineUrl: 'https://example.fi/siuntio/mll-infoilta',
    keywords: ['info-ilta', 'infokväll'],
  },
  {
    key: 'demo-hanko-mielenterveyden-ensiapu',
    org: 'koko-kyla-kasvattaa-hanko',
    service: 'hanko-mielenterveyden-ensiapu',
    location: 'hanko-seurakuntakoti',
    kind: 'group',
    name: {
      fi: 'Mielenterveyden ensiapu -kurssi vanhemmille',
      sv: 'Första hjälpen i psykisk hälsa – kurs för föräldrar',
      en: 'Mental health first aid course for parents',
    },
    description: {
      fi: 'Kahden illan kurssi: miten tunnistaa lapsen ja nuoren mielen kuormitus ja ottaa asia puheeksi. Kouluttajina MIELI ry:n kouluttamat ohjaajat. Maksuton.',
      sv: 'En kurs på två kvällar: hur man känner igen psykisk belastning hos barn och unga och tar upp saken. Utbildarna är utbildade av MIELI rf. Avgiftsfri.',
      en: 'A two-evening course: recognising mental strain in children and teens and how to talk about it. Trainers qualified by MIELI. Free of charge.',
    },
    languages: ['fi', 'sv'],
    weekday: 0,
    weeksAhead: 2,
    start: '17:30',
    end: '20:30',
    rule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=2',
    registration: 'contact',
    capacity: 16,
    lifeSituations: ['mental_health', 'parenting', 'teenager'],
    keywords: ['mielenterveys', 'psykisk hälsa', 'kurssi'],
  },
  {
    key: 'demo-askola-mll-perhekahvila',
    org: 'mll-askola',
    service: 'askola-mll-perhekahvila',
    location: 'askola-seurakuntakeskus',
    kind: 'recurring',
    name: { fi: 'MLL:n perhekahvila, Askola', sv: 'MLL:s familjecafé, Askola', en: 'MLL family café, Askola' },
    description: {
      fi: 'Viikoittainen perhekahvila vauvoille, taaperoille ja heidän aikuisilleen. Kerran kuussa vieraana on neuvolan terveydenhoitaja. Tervetuloa ilman ilmoittautumista!',
      sv: 'Ett familjecafé varje vecka för bebisar, småbarn och deras vuxna. En gång i månaden kommer rådgivningens hälsovårdare på besök. Välkommen utan anmälan!',
      en: 'A weekly family café for babies, toddlers and their grown-ups. Once a month the clinic nurse visits. Just come along – no need to sign up!',
    },
    languages: ['fi'],
    weekday: 4,
    start: '09:30',
    end: '11:30',
    rule: 'FREQ=WEEKLY;COUNT=8',
    registration: 'none',
    ageMin: 0,
    ageMax: 6,
    lifeSituations: ['baby', 'under_school_age', 'meeting_others'],
    keywords: ['perhekahvila'],
  },
];

/** Loads the demo events with their occurrences counted from `now`; returns how many were added. */
export async function loadDemoEvents(db: Kysely<DB>, now = new Date()): Promise<number> {
  const today = localParts(now);
  let added = 0;
  await db.transaction().execute(async (tx) => {
    for (const e of EVENTS) {
      if (await tx.selectFrom('event').select('id').where('key', '=', e.key).executeTakeFirst()) continue;
      const org = await tx.selectFrom('organization').select('id').where('key', '=', e.org).executeTakeFirst();
      if (!org) continue;
      const loc = e.location
        ? await tx.selectFrom('location').select('id').where('key', '=', e.location).executeTakeFirst()
        : undefined;
      const service = e.service
        ? await tx.selectFrom('service').select('id').where('key', '=', e.service).executeTakeFirst()
        : undefined;
      const date = addDays(today.date, ((e.weekday - today.weekday + 7) % 7) + 7 * (e.weeksAhead ?? 0));
      await insertEvent(
        tx,
        { audit: { actor: null, actorName: 'demo data' } },
        {
          key: e.key,
          organizationId: org.id,
          serviceId: service?.id ?? null,
          kind: e.kind,
          status: 'published',
          name: e.name,
          description: e.description,
          practical: e.practical,
          languages: e.languages,
          locationId: loc?.id ?? null,
          onlineUrl: e.onlineUrl ?? null,
          onlineUrlRegisteredOnly: Boolean(e.onlineUrl),
          registration: e.registration,
          capacity: e.capacity ?? null,
          ageMin: e.ageMin ?? null,
          ageMax: e.ageMax ?? null,
          free: true,
          lifeSituations: e.lifeSituations,
          keywords: e.keywords,
          rrule: e.rule ? { rule: e.rule, start: `${date}T${e.start}`, end: `${date}T${e.end}` } : null,
          occurrences: e.rule ? undefined : [{ start: `${date}T${e.start}`, end: `${date}T${e.end}` }],
        },
      );
      added++;
    }
  });
  return added;
}

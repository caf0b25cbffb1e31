/**
 * Synthetic PTV v11 records for tests and the benchmark: organisations, services and service channels in
 * fi/sv/en, shaped as the API returns them (paged lists with itemList, single records, id maps), with broken
 * records among them on request. Deterministic for a seed. Nothing here is real data.
 */
import proj4 from 'proj4';
import { idFromKey } from '../shared/ids.js';
import { MUNICIPALITIES } from '../places/municipalities.js';
import './coordinates.js'; // defines EPSG:3067

export interface GeneratedFile {
  name: string;
  content: string;
}

export interface GeneratedPtv {
  files: GeneratedFile[];
  serviceIds: string[];
  channelIds: string[];
  organizationIds: string[];
  /** Where each place really is (WGS84), by channel id. */
  truePoints: Map<string, { lat: number; lon: number }>;
  /** The broken records, by id, and the one broken file. */
  broken: { id: string; kind: 'service' | 'channel'; why: string }[];
  brokenFiles: string[];
}

export interface GenerateOptions {
  services: number;
  seed?: number;
  /** Add broken records and a malformed file (default false). */
  broken?: boolean;
  /** Records per list page (default 100). */
  pageSize?: number;
  /** Changes the texts (a "new version" of the same records). */
  revision?: number;
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [
  { fi: 'Lastenneuvola', sv: 'Barnrådgivning', en: 'Child health clinic', cls: 'P3.1' },
  { fi: 'Perhekahvila', sv: 'Familjecafé', en: 'Family café', cls: 'P3.2' },
  { fi: 'Perheneuvola', sv: 'Familjerådgivning', en: 'Family counselling', cls: 'P3.3' },
  { fi: 'Koulukuraattori', sv: 'Skolkurator', en: 'School social worker', cls: 'P6.2' },
  { fi: 'Lapsiperheiden kotipalvelu', sv: 'Hemservice för barnfamiljer', en: 'Home help for families', cls: 'P3.4' },
  { fi: 'Etsivä nuorisotyö', sv: 'Uppsökande ungdomsarbete', en: 'Outreach youth work', cls: 'P3.5' },
];
const pid = (kind: string, i: number) => idFromKey(`ptv-generated-${kind}`, String(i));
const texts = (v: { fi: string; sv: string; en: string }, type: string, langs: string[]) =>
  langs.map((language) => ({ language, value: v[language as 'fi'], type }));
const muniRef = (code: string) => ({
  code,
  name: [{ value: MUNICIPALITIES.find((m) => m.code === code)?.name.fi ?? code, language: 'fi' }],
});
const page = (items: unknown[], n: number, size: number, total: number) =>
  JSON.stringify({ pageNumber: n, pageSize: size, pageCount: Math.ceil(total / size), itemList: items }, null, 1);

export function generatePtv(o: GenerateOptions): GeneratedPtv {
  const rand = rng(o.seed ?? 1);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const rev = o.revision ?? 0;
  const size = o.pageSize ?? 100;
  const nOrgs = Math.max(2, Math.ceil(o.services / 25));
  const nPlaces = Math.max(1, Math.ceil(o.services / 2));
  const nPhones = Math.max(1, Math.ceil(o.services / 5));
  const nWeb = Math.max(1, Math.ceil(o.services / 5));
  const broken: GeneratedPtv['broken'] = [];

  const orgs = Array.from({ length: nOrgs }, (_, i) => {
    const m = MUNICIPALITIES[i % MUNICIPALITIES.length]!;
    const ngo = i >= MUNICIPALITIES.length;
    const name = ngo
      ? { fi: `Perheyhdistys ${i} ry`, sv: `Familjeföreningen ${i} rf`, en: `Family association ${i}` }
      : { fi: `${m.name.fi}n kunta`, sv: `${m.name.sv} kommun`, en: `Municipality of ${m.name.fi}` };
    return {
      id: pid('org', i),
      organizationType: ngo ? 'Organization' : 'Municipality',
      businessCode: null,
      organizationNames: texts(name, 'Name', ['fi', 'sv', 'en']),
      organizationDescriptions: texts(
        { fi: `Kuvaus ${i}`, sv: `Beskrivning ${i}`, en: `Description ${i}` },
        'Summary',
        ['fi', 'sv'],
      ),
      municipality: muniRef(m.code),
      emails: [{ value: `info${i}@example.invalid`, language: 'fi' }],
      phoneNumbers: [],
      webPages: [],
      publishingStatus: 'Published',
      modified: '2026-01-01T00:00:00',
    };
  });

  const truePoints = new Map<string, { lat: number; lon: number }>();
  const services: Record<string, unknown>[] = [];
  const channels: Record<string, unknown>[] = [];
  const placeOf: string[][] = Array.from({ length: nPlaces }, () => []);
  const phoneOf: string[][] = Array.from({ length: nPhones }, () => []);
  const webOf: string[][] = Array.from({ length: nWeb }, () => []);

  for (let i = 0; i < o.services; i++) {
    const id = pid('service', i);
    const k = KINDS[i % KINDS.length]!;
    const m = MUNICIPALITIES[i % MUNICIPALITIES.length]!;
    const langs =
      i % 3 === 0 ? ['fi', 'sv', 'en'] : i % 3 === 1 ? ['fi', 'sv'] : m.languages[0] === 'sv' ? ['sv'] : ['fi'];
    const suffix = rev ? ` (versio ${rev})` : '';
    const name = { fi: `${k.fi} ${m.name.fi} ${i}`, sv: `${k.sv} ${m.name.sv} ${i}`, en: `${k.en} ${m.name.fi} ${i}` };
    const orgIdx = i % nOrgs;
    const areaCodes =
      i % 17 === 0
        ? null
        : [
            m.code,
            ...(i % 4 === 0 ? [MUNICIPALITIES[(i + 3) % MUNICIPALITIES.length]!.code] : []),
            ...(i % 9 === 0 ? ['091'] : []),
          ];
    const place = i % nPlaces;
    const phone = i % 3 === 0 ? i % nPhones : -1;
    const web = i % 4 === 0 ? i % nWeb : -1;
    placeOf[place]!.push(id);
    if (phone >= 0) phoneOf[phone]!.push(id);
    if (web >= 0) webOf[web]!.push(id);
    const s: Record<string, unknown> = {
      id,
      sourceId: null,
      type: 'Service',
      fundingType: 'PubliclyFunded',
      serviceNames: texts(name, 'Name', langs),
      serviceChargeType: pick(['Free', 'Free', 'Charged', null]),
      areaType: areaCodes ? 'LimitedType' : 'Nationwide',
      areas: areaCodes
        ? [{ type: 'Municipality', code: null, name: null, municipalities: areaCodes.map(muniRef) }]
        : [],
      serviceDescriptions: [
        ...texts(
          {
            fi: `${k.fi}: tukea perheille${suffix}.`,
            sv: `${k.sv}: stöd för familjer${suffix}.`,
            en: `${k.en}: support for families${suffix}.`,
          },
          'Summary',
          langs,
        ),
        ...texts(
          {
            fi: `Palvelu ${i} auttaa lapsiperheitä arjessa${suffix}.`,
            sv: `Tjänst ${i} hjälper barnfamiljer i vardagen${suffix}.`,
            en: `Service ${i} helps families with children${suffix}.`,
          },
          'Description',
          langs,
        ),
        ...texts(
          { fi: 'Varaa aika puhelimitse.', sv: 'Boka tid per telefon.', en: 'Book by phone.' },
          'UserInstruction',
          langs,
        ),
      ],
      languages: langs,
      serviceClasses: [
        {
          name: [{ value: k.fi, language: 'fi' }],
          code: k.cls,
          ontologyType: 'PTVL',
          uri: `http://urn.fi/URN:NBN:fi:au:ptvl:${k.cls}`,
        },
      ],
      ontologyTerms: [
        {
          name: [
            { value: 'perhepalvelut', language: 'fi' },
            { value: 'familjetjänster', language: 'sv' },
            { value: 'family services', language: 'en' },
          ],
          code: null,
          ontologyType: 'YSO',
          uri: 'http://www.yso.fi/onto/koko/p30003',
          parentUri: null,
        },
      ],
      targetGroups: [
        {
          name: [{ value: 'Lapset ja lapsiperheet', language: 'fi' }],
          code: 'KR1.2',
          ontologyType: 'ptvkohderyhmat',
          uri: 'http://urn.fi/URN:NBN:fi:au:ptvl:v2003',
        },
      ],
      lifeEvents:
        i % 5 === 0
          ? [
              {
                name: [
                  { value: 'Lapsen saaminen', language: 'fi' },
                  { value: 'Att få barn', language: 'sv' },
                ],
                code: 'KE1',
                ontologyType: 'ptvelamantilanteet',
                uri: 'http://urn.fi/URN:NBN:fi:au:ptvl:v3001',
              },
            ]
          : [],
      keywords: texts({ fi: 'perhe', sv: 'familj', en: 'family' }, 'Keyword', langs).map(({ language, value }) => ({
        language,
        value,
      })),
      serviceChannels: [], // connections come from the channels' side, as PTV lists them there too
      organizations: [
        {
          organization: { id: orgs[orgIdx]!.id, name: orgs[orgIdx]!.organizationNames[0]!.value },
          roleType: 'Responsible',
          provisionType: null,
          additionalInformation: [],
        },
        ...(i % 6 === 0
          ? [
              {
                organization: {
                  id: orgs[(orgIdx + 1) % nOrgs]!.id,
                  name: orgs[(orgIdx + 1) % nOrgs]!.organizationNames[0]!.value,
                },
                roleType: 'Producer',
                provisionType: 'PurchaseServices',
                additionalInformation: [],
              },
            ]
          : []),
      ],
      publishingStatus: 'Published',
      modified: `2026-0${1 + (rev % 9)}-01T00:00:00`,
    };
    services.push(s);
  }

  for (let p = 0; p < nPlaces; p++) {
    const id = pid('place', p);
    const m = MUNICIPALITIES[p % MUNICIPALITIES.length]!;
    const lat = m.centre.lat + (rand() - 0.5) * 0.05;
    const lon = m.centre.lon + (rand() - 0.5) * 0.1;
    truePoints.set(id, { lat, lon });
    const [e, n] = proj4('WGS84', 'EPSG:3067', [lon, lat]) as [number, number];
    channels.push({
      id,
      sourceId: null,
      serviceChannelType: 'ServiceLocation',
      organizationId: orgs[p % nOrgs]!.id,
      serviceChannelNames: texts(
        {
          fi: `Perhekeskus ${m.name.fi} ${p}`,
          sv: `Familjecentralen ${m.name.sv} ${p}`,
          en: `Family centre ${m.name.fi} ${p}`,
        },
        'Name',
        ['fi', 'sv', 'en'],
      ),
      serviceChannelDescriptions: texts(
        { fi: 'Toimipiste.', sv: 'Verksamhetsställe.', en: 'Service point.' },
        'Summary',
        ['fi', 'sv'],
      ),
      areaType: 'LimitedType',
      areas: [],
      phoneNumbers: [
        {
          type: 'Phone',
          additionalInformation: 'Neuvonta',
          serviceChargeType: 'Free',
          prefixNumber: '+358',
          isFinnishServiceNumber: false,
          number: `40${String(1000000 + p).slice(1)}`,
          language: 'fi',
        },
      ],
      emails: [{ value: `perhekeskus${p}@example.invalid`, language: 'fi' }],
      languages: ['fi', 'sv'],
      webPages: [{ url: `https://example.invalid/place/${p}`, value: 'Verkkosivut', language: 'fi' }],
      addresses: [
        {
          type: 'Location',
          subType: 'Single',
          postOfficeBoxAddress: null,
          streetAddress: {
            street: [
              { value: `Perhekuja ${p % 50}`, language: 'fi' },
              { value: `Familjegränd ${p % 50}`, language: 'sv' },
            ],
            streetNumber: `${1 + (p % 30)}`,
            postalCode: m.postalCode,
            postOffice: [
              { value: m.name.fi.toUpperCase(), language: 'fi' },
              { value: m.name.sv.toUpperCase(), language: 'sv' },
            ],
            municipality: muniRef(m.code),
            additionalInformation: [],
            latitude: n.toFixed(3),
            longitude: e.toFixed(3),
            coordinateState: 'EnteredByUser',
          },
          otherAddress: null,
          locationAbroad: null,
          entrances: [],
          country: 'FI',
        },
      ],
      serviceHours: [
        {
          serviceHourType: 'DaysOfTheWeek',
          validFrom: null,
          validTo: null,
          isClosed: false,
          validForNow: true,
          isAlwaysOpen: false,
          isReservation: false,
          additionalInformation: [],
          openingHour: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((d) => ({
            dayFrom: d,
            dayTo: '',
            from: p % 2 ? '08:00:00' : '09:00:00',
            to: p % 2 ? '16:00:00' : '15:30:00',
          })),
        },
        {
          serviceHourType: 'Exceptional',
          validFrom: '2026-12-24T00:00:00',
          validTo: '2026-12-26T00:00:00',
          isClosed: true,
          validForNow: false,
          isAlwaysOpen: false,
          isReservation: false,
          additionalInformation: [
            { value: 'Joulu', language: 'fi' },
            { value: 'Jul', language: 'sv' },
          ],
          openingHour: [],
        },
        {
          serviceHourType: 'Exceptional',
          validFrom: '2026-12-31T00:00:00',
          validTo: null,
          isClosed: false,
          validForNow: false,
          isAlwaysOpen: false,
          isReservation: false,
          additionalInformation: [],
          openingHour: [{ dayFrom: 'Thursday', dayTo: '', from: '09:00:00', to: '12:00:00' }],
        },
      ],
      services: placeOf[p]!.map((sid) => ({
        service: { id: sid, name: null },
        serviceChargeType: null,
        description: [],
        serviceHours: [],
        contactDetails: null,
      })),
      publishingStatus: 'Published',
      modified: '2026-01-01T00:00:00',
    });
  }
  for (let p = 0; p < nPhones; p++) {
    channels.push({
      id: pid('phone', p),
      serviceChannelType: 'Phone',
      organizationId: orgs[p % nOrgs]!.id,
      serviceChannelNames: texts(
        { fi: `Neuvontapuhelin ${p}`, sv: `Rådgivningstelefon ${p}`, en: `Advice line ${p}` },
        'Name',
        ['fi', 'sv', 'en'],
      ),
      serviceChannelDescriptions: [],
      languages: ['fi', 'sv'],
      phoneNumbers: [
        {
          type: 'Phone',
          additionalInformation: null,
          prefixNumber: '+358',
          isFinnishServiceNumber: false,
          number: `50${String(1000000 + p).slice(1)}`,
          language: 'fi',
        },
      ],
      emails: [],
      webPages: [],
      serviceHours: [
        {
          serviceHourType: 'DaysOfTheWeek',
          validFrom: null,
          validTo: null,
          isClosed: false,
          isAlwaysOpen: false,
          additionalInformation: [],
          openingHour: [{ dayFrom: 'Monday', dayTo: '', from: '12:00:00', to: '14:00:00' }],
        },
      ],
      services: phoneOf[p]!.map((sid) => ({ service: { id: sid, name: null } })),
      publishingStatus: 'Published',
      modified: '2026-01-01T00:00:00',
    });
  }
  for (let p = 0; p < nWeb; p++) {
    const type = p % 3 === 0 ? 'EChannel' : p % 3 === 1 ? 'WebPage' : 'PrintableForm';
    channels.push({
      id: pid('web', p),
      serviceChannelType: type,
      organizationId: orgs[p % nOrgs]!.id,
      serviceChannelNames: texts({ fi: `Verkkoasiointi ${p}`, sv: `E-tjänst ${p}`, en: `E-service ${p}` }, 'Name', [
        'fi',
        'sv',
        'en',
      ]),
      serviceChannelDescriptions: [],
      languages: ['fi', 'sv'],
      webPages: [
        { url: `https://example.invalid/fi/e/${p}`, value: `Asioi verkossa ${p}`, language: 'fi' },
        { url: `https://example.invalid/sv/e/${p}`, value: `Uträtta ärenden ${p}`, language: 'sv' },
      ],
      serviceHours: [],
      services: webOf[p]!.map((sid) => ({ service: { id: sid, name: null } })),
      publishingStatus: 'Published',
      modified: '2026-01-01T00:00:00',
    });
  }

  const brokenFiles: string[] = [];
  if (o.broken) {
    const svc = (i: number) => services[Math.min(services.length - 1, i)]!;
    const s1 = svc(7);
    s1.serviceNames = [];
    broken.push({ id: s1.id as string, kind: 'service', why: 'no name' });
    const s2 = svc(11);
    s2.organizations = [
      {
        organization: { id: idFromKey('ptv-generated-org', 'nowhere'), name: null },
        roleType: 'Responsible',
        provisionType: null,
      },
    ];
    broken.push({ id: s2.id as string, kind: 'service', why: 'unknown organisation' });
    const places = channels.filter((c) => c.serviceChannelType === 'ServiceLocation');
    const c1 = places[Math.min(places.length - 1, 3)]!;
    const a1 = (c1.addresses as { streetAddress: Record<string, unknown> }[])[0]!.streetAddress;
    a1.latitude = '60.25';
    a1.longitude = '24.07'; // WGS84 degrees where metres belong
    broken.push({ id: c1.id as string, kind: 'channel', why: 'bad coordinates' });
    if (places.length > 5) {
      const c2 = places[5]!;
      (c2.serviceHours as { openingHour: { to: string }[] }[])[0]!.openingHour[0]!.to = '25:00:00';
      broken.push({ id: c2.id as string, kind: 'channel', why: 'bad hours' });
    }
    brokenFiles.push('services-broken.json');
  }

  const files: GeneratedFile[] = [];
  for (let i = 0; i * size < services.length; i++)
    files.push({
      name: `services-${String(i + 1).padStart(3, '0')}.json`,
      content: page(services.slice(i * size, (i + 1) * size), i + 1, size, services.length),
    });
  for (let i = 0; i * size < channels.length; i++)
    files.push({
      name: `channels-${String(i + 1).padStart(3, '0')}.json`,
      content: page(channels.slice(i * size, (i + 1) * size), i + 1, size, channels.length),
    });
  // Organisations as the single-record responses GET /Organization/{id} gives, gathered in an id map.
  files.push({
    name: 'organizations.json',
    content: JSON.stringify(Object.fromEntries(orgs.map((g) => [g.id, g])), null, 1),
  });
  if (o.broken) files.push({ name: 'services-broken.json', content: '{"pageNumber": 1, "itemList": [{"id": "' });
  return {
    files,
    truePoints,
    broken,
    brokenFiles,
    serviceIds: services.map((s) => s.id as string),
    channelIds: channels.map((c) => c.id as string),
    organizationIds: orgs.map((g) => g.id),
  };
}

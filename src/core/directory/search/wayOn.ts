/**
 * A way on when a search finds nothing or little: the life situations closest to what was typed, "did you mean"
 * from the need vocabulary, the help that is always there (112, national crisis lines — ../data/needs-help.json)
 * and, from the directory itself, the wellbeing county's social emergency service and the municipality's family
 * centre or service guidance.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Lang } from '../../shared/lang.js';
import { municipalityByCode } from '../../places/municipalities.js';
import type { LifeSituation } from '../vocabulary.js';
import help from '../data/needs-help.json' with { type: 'json' };
import { conceptLifeSituations, nearConcepts, needConcept, rawTokens } from './needs.js';

export interface HelpLine {
  id: string;
  phone: string | null;
  url: string | null;
  name: Record<Lang, string>;
  who: Record<Lang, string>;
}

export interface WayOn {
  /** Life situations closest to the query, most fitting first. */
  lifeSituations: LifeSituation[];
  /** Concepts of the need vocabulary near what was typed (their labels make "did you mean"). */
  didYouMean: { id: string; label: Record<Lang, string> }[];
  emergency: { number: string; name: Record<Lang, string>; note: Record<Lang, string> };
  lines: HelpLine[];
  /** The social emergency services serving the municipality (or, without one, the region's). */
  socialEmergency: string[];
  /** The municipality's family centre or service guidance, when a municipality is known. */
  serviceGuidance: string[];
  /** The first phone number of each of those services. */
  phones: Record<string, string>;
  municipality: string | null;
}

const DEFAULT_SITUATIONS: LifeSituation[] = ['family_strain', 'parenting', 'mental_health', 'crisis_violence'];

/** Active services whose name or keywords hold one of the words (unaccented, prefix), serving the municipality. */
async function servicesNamed(
  db: Kysely<DB>,
  words: string[],
  municipality: string | null,
  limit: number,
): Promise<string[]> {
  const query = words.map((w) => `${w}:*`).join(' | ');
  const rows = await sql<{ service_id: string }>`
    select s.service_id from service_search s
    where s.active and (s.tsv_name @@ to_tsquery('simple', ${query}) or s.tsv_keywords @@ to_tsquery('simple', ${query}))
      ${municipality ? sql`and s.areas @> array[${municipality}]::text[]` : sql``}
    order by (s.tsv_name @@ to_tsquery('simple', ${query})) desc, cardinality(s.areas), s.sort_fi, s.service_id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.service_id);
}

export async function wayOn(
  db: Kysely<DB>,
  o: { q: string; concepts: string[]; municipality: string | null },
): Promise<WayOn> {
  const municipality = o.municipality && municipalityByCode(o.municipality) ? o.municipality : null;
  const near = o.concepts.length ? [] : nearConcepts(rawTokens(o.q));
  const concepts = o.concepts.length ? o.concepts : near;
  const fromConcepts = conceptLifeSituations(concepts);
  const lifeSituations = [...new Set([...fromConcepts, ...DEFAULT_SITUATIONS])].slice(0, 5);
  const [socialEmergency, serviceGuidance] = await Promise.all([
    servicesNamed(db, help.socialEmergencyWords, municipality, municipality ? 1 : 3),
    municipality ? servicesNamed(db, help.serviceGuidanceWords, municipality, 2) : Promise.resolve([]),
  ]);
  const ids = [...socialEmergency, ...serviceGuidance];
  const phoneRows = ids.length
    ? await db
        .selectFrom('phone')
        .select(['service_id', 'number'])
        .where('service_id', 'in', ids)
        .orderBy('sort')
        .execute()
    : [];
  const phones: Record<string, string> = {};
  for (const r of phoneRows) if (r.service_id && !phones[r.service_id]) phones[r.service_id] = r.number;
  return {
    lifeSituations,
    phones,
    didYouMean: near
      .map((id) => needConcept(id))
      .filter((c): c is NonNullable<typeof c> => !!c)
      .slice(0, 3)
      .map((c) => ({ id: c.id, label: c.label })),
    emergency: help.emergency,
    lines: help.lines.map((l) => ({ phone: null, ...l })),
    socialEmergency,
    serviceGuidance,
    municipality,
  };
}

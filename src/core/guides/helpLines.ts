/**
 * "Need help now?": the emergency number, the social emergency service of each wellbeing services county, and
 * the national crisis lines for everyone, children and young people, parents, and those facing violence.
 *
 * The national numbers are data (data/help-lines.json, with their sources and the date they were checked). The
 * counties' social emergency services are read from the directory — the county's own service record, found by
 * its keyword "sosiaalipäivystys" — so a county's changed number reaches this page when its record changes.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { COUNTIES, MUNICIPALITIES, type WellbeingCounty } from '../places/municipalities.js';
import type { Lang, Translated } from '../shared/lang.js';
import data from './data/help-lines.json' with { type: 'json' };

export type HelpAudience = 'everyone' | 'children_young' | 'parents' | 'violence';

export interface HelpLine {
  id: string;
  number: string;
  tel: string;
  name: Translated;
  forWhom: Translated;
  hours: Translated;
  langs: Lang[];
  source: string;
  audience?: HelpAudience;
}

export const EMERGENCY: HelpLine = data.emergency as HelpLine;
export const HELP_LINES: readonly HelpLine[] = data.lines as HelpLine[];
export const HELP_LINES_CHECKED: string = data.checked;

/** The lines, those serving in the reader's language first (the order of the data otherwise). */
export function helpLinesFor(lang: Lang): HelpLine[] {
  return [...HELP_LINES].sort((a, b) => Number(b.langs.includes(lang)) - Number(a.langs.includes(lang)));
}

export const COUNTY_ORDER: readonly WellbeingCounty[] = ['lansi-uusimaa', 'keski-uusimaa', 'ita-uusimaa'];

export interface CountyEmergency {
  county: WellbeingCounty;
  countyName: Translated;
  municipalities: string[];
  /** The county's social emergency service in the directory, or null when it has none listed. */
  service: { id: string; name: Translated; phones: { number: string; note: Translated }[] } | null;
}

/** Each county's social emergency service from the directory (one query for the services, one for the phones). */
export async function countyEmergencies(db: Kysely<DB>): Promise<CountyEmergency[]> {
  const rows = await db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .innerJoin('service_search as ss', 'ss.service_id', 's.id')
    .select(['s.id', 's.name', 'ss.areas'])
    .where('s.status', '=', 'active')
    .where('o.type', '=', 'wellbeing_county')
    .where(
      sql<boolean>`exists (select 1 from jsonb_each(s.keywords) k, jsonb_array_elements_text(k.value) w
        where lower(w) in ('sosiaalipäivystys', 'socialjour'))`,
    )
    .orderBy('s.key')
    .execute();
  const phones = rows.length
    ? await db
        .selectFrom('phone')
        .select(['service_id', 'number', 'description'])
        .where(
          'service_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('sort')
        .execute()
    : [];
  return COUNTY_ORDER.map((county) => {
    const codes = MUNICIPALITIES.filter((m) => m.county === county).map((m) => m.code);
    // The service that serves most of the county's municipalities.
    const best = rows
      .map((r) => ({ r, n: r.areas.filter((a) => codes.includes(a)).length }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n)[0]?.r;
    return {
      county,
      countyName: COUNTIES[county],
      municipalities: codes,
      service: best
        ? {
            id: best.id,
            name: best.name,
            phones: phones
              .filter((p) => p.service_id === best.id)
              .map((p) => ({ number: p.number, note: p.description })),
          }
        : null,
    };
  });
}

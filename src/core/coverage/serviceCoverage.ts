/**
 * The coverage matrix from the directory's search documents (service_search): the same rows, areas, languages,
 * modes and life situations the search filters on, so every count is what the search finds with the same filters.
 * One statement counts every cell, row total, column total and the grand total (four grouped parts); a cell
 * nobody serves is simply absent and reads as zeros.
 */
import { LANGS, type Lang } from '../shared/lang.js';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { compareNames } from '../directory/search/sortKey.js';
import { DELIVERY_MODES, LIFE_SITUATIONS, type DeliveryMode, type LifeSituation } from '../directory/vocabulary.js';
import type { WellbeingCounty } from '../places/municipalities.js';
import { missingLanguages, summarise } from './gaps.js';
import type {
  Coverage,
  CoverageCounts,
  CoverageFilter,
  CoverageMunicipality,
  CoverageRow,
  MunicipalityGroup,
} from './types.js';

export const emptyCounts = (): CoverageCounts => ({
  total: 0,
  allLanguages: 0,
  languages: { fi: 0, sv: 0, en: 0 },
  modes: { in_person: 0, phone: 0, online: 0, home_visit: 0 },
});

export function inGroup(m: CoverageMunicipality, group: MunicipalityGroup): boolean {
  switch (group) {
    case 'all':
      return true;
    case 'bilingual':
      return m.bilingual;
    case 'lape':
      return m.lape;
    default:
      return m.county === group;
  }
}

/** Municipalities from the database (the official list kept by syncMunicipalities), in the reader's alphabet. */
export async function coverageMunicipalities(db: Kysely<DB>, lang: Lang): Promise<CoverageMunicipality[]> {
  const rows = await db.selectFrom('municipality').select(['code', 'name', 'languages', 'county', 'lape']).execute();
  const cmp = compareNames(lang);
  const name = (m: { name: { fi: string; sv: string } }) => (lang === 'sv' ? m.name.sv : m.name.fi);
  return rows
    .map((m) => ({
      code: m.code,
      name: m.name,
      languages: m.languages as Lang[],
      bilingual: m.languages.length === 2,
      county: m.county as WellbeingCounty,
      lape: m.lape,
    }))
    .sort((a, b) => cmp(name(a), name(b)) || a.code.localeCompare(b.code));
}

interface CountRow {
  municipality: string | null;
  life_situation: string | null;
  part: number;
  total: number;
  all_languages: number;
  [k: string]: string | number | null;
}

const langCol = (l: Lang) => `lang_${l}`;
const modeCol = (m: DeliveryMode) => `mode_${m}`;

function toCounts(r: CountRow): CoverageCounts {
  const c = emptyCounts();
  c.total = Number(r.total);
  c.allLanguages = Number(r.all_languages);
  for (const l of LANGS) c.languages[l] = Number(r[langCol(l)]);
  for (const m of DELIVERY_MODES) c.modes[m] = Number(r[modeCol(m)]);
  return c;
}

/**
 * Cells, row totals, column totals and the grand total in one statement. Each part counts a service at most once
 * (once per area, once per life situation, once per pair), so no count needs DISTINCT. Without a life-situation
 * filter a row counts every service of the municipality, those without any life situation too (as the search does).
 */
async function countCells(
  db: Kysely<DB>,
  codes: string[],
  lifeSituations: string[] | null,
  allLifeSituations: readonly string[],
  languages: Lang[],
  modes: DeliveryMode[],
) {
  const langOk: RawBuilder<boolean> = languages.length ? sql`languages && ${languages}::text[]` : sql`true`;
  const modeOk: RawBuilder<boolean> = modes.length ? sql`modes && ${modes}::text[]` : sql`true`;
  const counted = (cond: RawBuilder<boolean>, as: string) =>
    sql`(count(*) filter (where ${cond}))::int as ${sql.ref(as)}`;
  const counts = sql.join([
    counted(sql`lang_ok and mode_ok`, 'total'),
    counted(sql`mode_ok`, 'all_languages'),
    ...LANGS.map((lang) => counted(sql`mode_ok and ${lang}::text = any(languages)`, langCol(lang))),
    ...DELIVERY_MODES.map((m) => counted(sql`lang_ok and ${m}::text = any(modes)`, modeCol(m))),
  ]);
  const columns = lifeSituations ?? allLifeSituations;
  const r = await sql<CountRow>`
    with s as materialized (
      select service_id, areas, life_situations, languages, modes, ${langOk} as lang_ok, ${modeOk} as mode_ok
      from service_search
      where active and areas && ${codes}::text[]
        ${lifeSituations ? sql`and life_situations && ${lifeSituations}::text[]` : sql``}
    )
    select a.code as municipality, l.code as life_situation, 0 as part, ${counts}
      from s cross join lateral unnest(s.areas) as a(code) cross join lateral unnest(s.life_situations) as l(code)
      where a.code = any(${codes}::text[]) and l.code = any(${columns}::text[])
      group by a.code, l.code
    union all
    select a.code, null, 1, ${counts}
      from s cross join lateral unnest(s.areas) as a(code)
      where a.code = any(${codes}::text[])
      group by a.code
    union all
    select null, l.code, 2, ${counts}
      from s cross join lateral unnest(s.life_situations) as l(code)
      where l.code = any(${columns}::text[])
      group by l.code
    union all
    select null, null, 3, ${counts} from s`.execute(db);
  return r.rows;
}

const unique = <T>(xs: readonly T[] | undefined) => [...new Set(xs ?? [])];

export async function serviceCoverage(
  db: Kysely<DB>,
  filter: CoverageFilter,
  lang: Lang,
  now = new Date(),
): Promise<Coverage> {
  const group = filter.group ?? 'all';
  const wanted = unique(filter.municipalities);
  const languages = LANGS.filter((l) => filter.languages?.includes(l));
  const modes = DELIVERY_MODES.filter((m) => filter.modes?.includes(m));
  const lifeSituations = filter.lifeSituations?.length
    ? LIFE_SITUATIONS.filter((l) => filter.lifeSituations!.includes(l))
    : [...LIFE_SITUATIONS];
  const municipalities = (await coverageMunicipalities(db, lang)).filter(
    (m) => inGroup(m, group) && (!wanted.length || wanted.includes(m.code)),
  );
  const codes = municipalities.map((m) => m.code);

  const [counts, active] = await Promise.all([
    codes.length
      ? countCells(db, codes, filter.lifeSituations?.length ? lifeSituations : null, LIFE_SITUATIONS, languages, modes)
      : Promise.resolve([]),
    db
      .selectFrom('service_search')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', true)
      .executeTakeFirstOrThrow(),
  ]);

  // 0 a cell, 1 a municipality's row, 2 a life situation's column, 3 everything.
  const cellCounts = new Map<string, CoverageCounts>();
  const rowCounts = new Map<string, CoverageCounts>();
  const columns = Object.fromEntries(lifeSituations.map((l) => [l, emptyCounts()])) as Coverage['columns'];
  let all = emptyCounts();
  for (const r of counts) {
    if (r.part === 0) cellCounts.set(`${r.municipality}|${r.life_situation}`, toCounts(r));
    else if (r.part === 1) rowCounts.set(r.municipality!, toCounts(r));
    else if (r.part === 2) columns[r.life_situation as LifeSituation] = toCounts(r);
    else all = toCounts(r);
  }

  let rows: CoverageRow[] = municipalities.map((m) => {
    const cells = lifeSituations.map((ls) => {
      const c = cellCounts.get(`${m.code}|${ls}`) ?? emptyCounts();
      return { ...c, municipality: m.code, lifeSituation: ls, missing: missingLanguages(m, c, languages) };
    });
    return {
      municipality: m,
      counts: rowCounts.get(m.code) ?? emptyCounts(),
      cells,
      gaps: cells.filter((c) => c.missing.length).length,
    };
  });
  const summary = summarise(rows, lifeSituations);

  let shownLifeSituations = lifeSituations;
  if (filter.onlyGaps) {
    rows = rows.filter((r) => r.gaps > 0);
    const withGap = new Set(rows.flatMap((r) => r.cells.filter((c) => c.missing.length).map((c) => c.lifeSituation)));
    shownLifeSituations = lifeSituations.filter((l) => withGap.has(l));
    rows = rows.map((r) => ({ ...r, cells: r.cells.filter((c) => withGap.has(c.lifeSituation)) }));
  }

  return {
    filter: {
      group,
      municipalities: wanted,
      lifeSituations: filter.lifeSituations?.length ? lifeSituations : [],
      languages,
      modes,
      onlyGaps: Boolean(filter.onlyGaps),
    },
    lifeSituations: shownLifeSituations,
    rows,
    municipalityCodes: codes,
    columns,
    counts: all,
    summary,
    activeServices: Number(active.n),
    generatedAt: now,
  };
}

/**
 * The whole published directory as HSDS 3.0 files, for open data publication: one folder per language, each with
 * JSON arrays of full records (the same records the API gives) and the tabular data package (CSV + datapackage.json).
 * Records are read and written a chunk at a time, so the export's memory does not grow with the directory.
 */
import { LANGS, type Lang } from '../shared/lang.js';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { toCsv } from '../shared/csv.js';
import type { DB } from '../../db/schema.js';
import {
  HSDS_VERSION,
  organizationsJson,
  serviceAtLocationsJson,
  servicesJson,
  taxonomiesPage,
  taxonomyTermsPage,
  type Reader,
} from './hsdsDirectory.js';
import type { Json } from './present.js';
import { findOrganizationIds } from './queries.js';
import {
  EXPORTED_TABLES,
  cell,
  dataPackage,
  emptyRows,
  organizationRows,
  serviceRows,
  tableColumns,
  tabularTables,
  type ExportedTable,
  type Rows,
} from './tabular.js';

export interface ExportOptions {
  folder: string;
  baseUrl: string;
  langs?: readonly Lang[];
  /** Records per read (default 500). */
  chunk?: number;
  now?: Date;
}

export interface ExportSummary {
  folder: string;
  languages: Lang[];
  counts: Record<string, number>;
}

/** A JSON array written one chunk at a time. */
class JsonArrayFile {
  private n = 0;
  constructor(readonly path: string) {
    writeFileSync(path, '[');
  }
  add(records: Json[]): void {
    if (!records.length) return;
    appendFileSync(this.path, records.map((r) => `${this.n++ ? ',' : ''}\n${JSON.stringify(r)}`).join(''));
  }
  close(): number {
    appendFileSync(this.path, this.n ? '\n]\n' : ']\n');
    return this.n;
  }
}

/** The CSV files of one language: a header, then rows as chunks arrive, each record once. */
class CsvTables {
  private seen = new Map<ExportedTable, Set<string>>();
  readonly counts = new Map<ExportedTable, number>();
  constructor(private dir: string) {
    for (const t of EXPORTED_TABLES) {
      writeFileSync(this.file(t), toCsv([tableColumns(t)]));
      this.seen.set(t, new Set());
      this.counts.set(t, 0);
    }
  }
  private file(t: ExportedTable) {
    return join(this.dir, tabularTables().get(t)!.path);
  }
  add(rows: Rows): void {
    for (const t of EXPORTED_TABLES) {
      const seen = this.seen.get(t)!;
      const fresh = rows[t].filter((r) => !seen.has(r.id as string) && seen.add(r.id as string));
      if (!fresh.length) continue;
      const cols = tableColumns(t);
      appendFileSync(this.file(t), toCsv(fresh.map((r) => cols.map((c) => cell(r[c])))));
      this.counts.set(t, this.counts.get(t)! + fresh.length);
    }
  }
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

async function exportLanguage(
  db: Kysely<DB>,
  r: Reader,
  dir: string,
  chunk: number,
  created: string,
): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true });
  const csv = new CsvTables(dir);
  const counts: Record<string, number> = {};

  const services = new JsonArrayFile(join(dir, 'services.json'));
  const serviceIds = (
    await sql<{
      id: string;
    }>`select service_id as id from service_search where active order by ${sql.ref(`sort_${r.lang}`)}, service_id`.execute(
      db,
    )
  ).rows.map((x) => x.id);
  for (const ids of chunks(serviceIds, chunk)) {
    const records = await servicesJson(db, r, ids, 'full');
    services.add(records);
    const rows = emptyRows();
    for (const s of records) serviceRows(s, rows);
    csv.add(rows);
  }
  counts.services = services.close();

  const orgs = new JsonArrayFile(join(dir, 'organizations.json'));
  const orgIds = (await findOrganizationIds(db, undefined, r.lang, 1, Number.MAX_SAFE_INTEGER)).ids;
  for (const ids of chunks(orgIds, chunk)) {
    const records = await organizationsJson(db, r, ids, { full: true, fullService: false });
    orgs.add(records);
    const rows = emptyRows();
    for (const o of records) organizationRows(o, rows);
    csv.add(rows);
  }
  counts.organizations = orgs.close();

  const sals = new JsonArrayFile(join(dir, 'service_at_locations.json'));
  const salIds = (
    await db
      .selectFrom('service_at_location as sl')
      .innerJoin('service_search as s', 's.service_id', 'sl.service_id')
      .innerJoin('location as l', 'l.id', 'sl.location_id')
      .select('sl.id')
      .where('s.active', '=', true)
      .orderBy(sql.ref(`s.sort_${r.lang}`))
      .orderBy('l.key')
      .orderBy('sl.id')
      .execute()
  ).map((x) => x.id);
  for (const ids of chunks(salIds, chunk)) sals.add(await serviceAtLocationsJson(db, r, ids, true));
  counts.service_at_locations = sals.close();

  const all = { page: 1, perPage: Number.MAX_SAFE_INTEGER };
  const taxonomies = (await taxonomiesPage(db, r, undefined, all)).contents;
  writeFileSync(join(dir, 'taxonomies.json'), `${JSON.stringify(taxonomies, null, 1)}\n`);
  const terms = (await taxonomyTermsPage(db, r, {}, all)).contents;
  writeFileSync(join(dir, 'taxonomy_terms.json'), `${JSON.stringify(terms)}\n`);
  counts.taxonomies = taxonomies.length;
  counts.taxonomy_terms = terms.length;
  csv.add({ ...emptyRows(), taxonomy: taxonomies, taxonomy_term: terms });

  writeFileSync(
    join(dir, 'datapackage.json'),
    `${JSON.stringify(
      dataPackage({
        name: `yhdessa-hsds-${r.lang}`,
        title: `Yhdessä service directory (HSDS ${HSDS_VERSION}, ${r.lang})`,
        lang: r.lang,
        created,
        tables: EXPORTED_TABLES,
      }),
      null,
      2,
    )}\n`,
  );
  for (const [t, n] of csv.counts) counts[`csv:${tabularTables().get(t)!.path}`] = n;
  return counts;
}

export async function exportHsds(db: Kysely<DB>, o: ExportOptions): Promise<ExportSummary> {
  const langs = [...(o.langs ?? LANGS)];
  const created = (o.now ?? new Date()).toISOString();
  mkdirSync(o.folder, { recursive: true });
  const perLang: Record<string, Record<string, number>> = {};
  for (const lang of langs)
    perLang[lang] = await exportLanguage(
      db,
      { lang, baseUrl: o.baseUrl },
      join(o.folder, lang),
      o.chunk ?? 500,
      created,
    );
  const counts = perLang[langs[0]!]!;
  writeFileSync(
    join(o.folder, 'index.json'),
    `${JSON.stringify(
      {
        hsds_version: HSDS_VERSION,
        created,
        source: `${o.baseUrl}/hsds/`,
        profile: `${o.baseUrl}/hsds/profile`,
        languages: Object.fromEntries(langs.map((l) => [l, { path: `${l}/`, datapackage: `${l}/datapackage.json` }])),
        counts,
      },
      null,
      2,
    )}\n`,
  );
  return { folder: o.folder, languages: langs, counts };
}

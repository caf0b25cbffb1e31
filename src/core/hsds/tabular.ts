/**
 * The HSDS tabular form (a Frictionless data package of CSV files): the tables and columns of the official
 * compiled/tabular.json, and how the nested JSON records split into their rows. A column is every property of a
 * table that is not a nested list or object, in the schema's order.
 */
import { readSchema } from './schemas.js';
import type { Json } from './present.js';

interface TabularField {
  name: string;
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  constraints?: unknown;
}
interface TabularTable {
  name: string;
  path: string;
  description?: string;
  datapackage_metadata?: { order?: number };
  properties: Record<string, TabularField & { type?: string }>;
  required?: string[];
}

let tables: Map<string, TabularTable> | null = null;
export function tabularTables(): Map<string, TabularTable> {
  if (!tables) {
    const s = readSchema('compiled/tabular.json') as { properties: Record<string, { items: TabularTable }> };
    tables = new Map(Object.entries(s.properties).map(([k, v]) => [k, v.items]));
  }
  return tables;
}

export function tableColumns(table: string): string[] {
  const t = tabularTables().get(table);
  if (!t) throw new Error(`HSDS has no table ${table}`);
  return Object.entries(t.properties)
    .filter(([, f]) => f.type !== 'array' && f.type !== 'object')
    .map(([k]) => k);
}

/** The tables this directory fills (the others — program, funding, … — it has nothing for). */
export const EXPORTED_TABLES = [
  'organization',
  'service',
  'location',
  'service_at_location',
  'address',
  'phone',
  'schedule',
  'service_area',
  'language',
  'cost_option',
  'contact',
  'accessibility',
  'attribute',
  'taxonomy',
  'taxonomy_term',
] as const;
export type ExportedTable = (typeof EXPORTED_TABLES)[number];

export type Rows = Record<ExportedTable, Json[]>;
export const emptyRows = (): Rows => Object.fromEntries(EXPORTED_TABLES.map((t) => [t, []])) as unknown as Rows;

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function locationRows(l: Json, out: Rows): void {
  out.location.push(l);
  for (const a of list(l.addresses)) out.address.push(a);
  for (const p of list(l.phones)) out.phone.push(p);
  for (const s of list(l.schedules)) out.schedule.push(s);
  for (const a of list(l.accessibility)) out.accessibility.push(a);
}

function contactRows(c: Json, out: Rows): void {
  out.contact.push(c);
  for (const p of list(c.phones)) out.phone.push(p);
}

/** A full service record → rows of services, places, phones, hours, areas, languages, costs, contacts, attributes. */
export function serviceRows(s: Json, out: Rows): void {
  out.service.push(s);
  for (const p of list(s.phones)) out.phone.push(p);
  for (const x of list(s.schedules)) out.schedule.push(x);
  for (const a of list(s.service_areas)) out.service_area.push(a);
  for (const l of list(s.languages)) out.language.push(l);
  for (const c of list(s.cost_options)) out.cost_option.push(c);
  for (const c of list(s.contacts)) contactRows(c, out);
  for (const a of list(s.attributes)) out.attribute.push(a);
  for (const sl of list(s.service_at_locations)) {
    out.service_at_location.push(sl);
    if (sl.location) locationRows(sl.location as Json, out);
  }
}

/** A full organisation record → its row, its phones, contacts and places (its services are exported as services). */
export function organizationRows(o: Json, out: Rows): void {
  out.organization.push(o);
  for (const p of list(o.phones)) out.phone.push(p);
  for (const c of list(o.contacts)) contactRows(c, out);
  for (const l of list(o.locations)) locationRows(l, out);
}

/** One CSV cell: text and numbers as they are, nothing for what the record leaves out. */
export function cell(v: unknown): string | number | boolean {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return v as string | number | boolean;
}

/** datapackage.json for the CSV files written: the official tables' field descriptions, as they are. */
export function dataPackage(o: {
  name: string;
  title: string;
  lang: string;
  created: string;
  tables: readonly ExportedTable[];
}): Json {
  return {
    profile: 'tabular-data-package',
    name: o.name,
    title: o.title,
    created: o.created,
    language: o.lang,
    sources: [
      { title: 'Open Referral Human Services Data Specification 3.0', path: 'https://docs.openreferral.org/en/3.0/' },
    ],
    resources: o.tables.map((name) => {
      const t = tabularTables().get(name)!;
      return {
        name,
        path: t.path,
        description: t.description,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: tableColumns(name).map((c) => {
            const f = t.properties[c]!;
            return Object.fromEntries(
              Object.entries({
                name: c,
                type: f.type,
                format: f.format,
                title: f.title,
                description: f.description,
                constraints: f.constraints,
              }).filter(([, v]) => v !== undefined),
            );
          }),
          primaryKey: 'id',
        },
      };
    }),
  };
}

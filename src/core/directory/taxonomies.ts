/**
 * The directory's taxonomies (HSDS taxonomy / taxonomy_term): life situations (ours), and PTV's service
 * classes and target groups (national code lists, copied into ./data so the app does not depend on a network).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { idFromKey } from '../shared/ids.js';
import ptvClasses from './data/ptv-service-classes.json' with { type: 'json' };
import ptvTargetGroups from './data/ptv-target-groups.json' with { type: 'json' };
import { LIFE_SITUATIONS, vocabularyLabel } from './vocabulary.js';
import { servicesChanged } from './search/memo.js';

export const TAXONOMIES = {
  'life-situation': {
    name: { fi: 'Elämäntilanteet', sv: 'Livssituationer', en: 'Life situations' },
    uri: 'https://yhdessa.example.fi/taxonomy/life-situation',
    version: '1',
  },
  'ptv-service-class': {
    name: { fi: 'PTV-palveluluokat', sv: 'PTV-serviceklasser', en: 'PTV service classes' },
    uri: 'http://uri.suomi.fi/codelist/ptv/ptvserclass2',
    version: '2023',
  },
  'ptv-target-group': {
    name: { fi: 'PTV-kohderyhmät', sv: 'PTV-målgrupper', en: 'PTV target groups' },
    uri: 'http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat',
    version: '1',
  },
} as const;
export type TaxonomyId = keyof typeof TAXONOMIES;

interface CodeEntry {
  code: string;
  parent: string | null;
  name: { fi: string; sv: string; en: string };
}

export function termId(taxonomy: TaxonomyId, code: string): string {
  return idFromKey('taxonomy_term', `${taxonomy}:${code}`);
}

export function taxonomyTerms(): { taxonomy: TaxonomyId; entry: CodeEntry }[] {
  return [
    ...LIFE_SITUATIONS.map((code) => ({
      taxonomy: 'life-situation' as const,
      entry: { code, parent: null, name: vocabularyLabel('life_situation', code) },
    })),
    ...(ptvClasses as CodeEntry[]).map((entry) => ({ taxonomy: 'ptv-service-class' as const, entry })),
    ...(ptvTargetGroups as CodeEntry[]).map((entry) => ({ taxonomy: 'ptv-target-group' as const, entry })),
  ];
}

const codeSets = new Map<TaxonomyId, Set<string>>();
export function isKnownCode(taxonomy: TaxonomyId, code: string): boolean {
  if (!codeSets.size)
    for (const t of taxonomyTerms()) {
      if (!codeSets.has(t.taxonomy)) codeSets.set(t.taxonomy, new Set());
      codeSets.get(t.taxonomy)!.add(t.entry.code);
    }
  return codeSets.get(taxonomy)?.has(code) ?? false;
}

/** JSON with its keys in order, to compare what jsonb gives back (keys in its own order) with what we would write. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Writes the taxonomies and their terms (idempotent; run after migrations). */
export async function syncTaxonomies(db: Kysely<DB>): Promise<void> {
  for (const [id, t] of Object.entries(TAXONOMIES)) {
    await db
      .insertInto('taxonomy')
      .values({ id, name: JSON.stringify(t.name), description: '{}', uri: t.uri, version: t.version })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ name: JSON.stringify(t.name), uri: t.uri, version: t.version })
          // (run at every start: a row that already says the same is not rewritten)
          .where(
            sql<boolean>`(taxonomy.name, taxonomy.uri, taxonomy.version) is distinct from (excluded.name, excluded.uri, excluded.version)`,
          ),
      )
      .execute();
  }
  // Only the terms that are new or say something else are written (this runs at every start; the lists are long).
  const stored = new Map(
    (await db.selectFrom('taxonomy_term').select(['taxonomy_id', 'code', 'parent_code', 'name']).execute()).map((r) => [
      `${r.taxonomy_id}\0${r.code}`,
      `${r.parent_code ?? ''}\0${canonicalJson(r.name)}`,
    ]),
  );
  const rows = taxonomyTerms()
    .filter(
      ({ taxonomy, entry }) =>
        stored.get(`${taxonomy}\0${entry.code}`) !== `${entry.parent ?? ''}\0${canonicalJson(entry.name)}`,
    )
    .map(({ taxonomy, entry }) => ({
      id: termId(taxonomy, entry.code),
      taxonomy_id: taxonomy,
      code: entry.code,
      parent_code: entry.parent,
      name: JSON.stringify(entry.name),
      description: '{}',
    }));
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('taxonomy_term')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc
          .columns(['taxonomy_id', 'code'])
          .doUpdateSet({
            name: sql`excluded.name`,
            parent_code: sql`excluded.parent_code`,
          })
          .where(
            sql<boolean>`(taxonomy_term.name, taxonomy_term.parent_code) is distinct from (excluded.name, excluded.parent_code)`,
          ),
      )
      .execute();
  }
  // Term names show on service pages: a process that remembers them forgets them (search/memo.ts).
  if (rows.length) servicesChanged(null);
}

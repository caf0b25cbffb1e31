/**
 * Where PTV records come from, apart from how they are mapped. A source yields the records as PTV returned
 * them (one object each) or the problems reading a part of it; the import does the rest. Files are implemented
 * (`fromFiles`); fetching from the PTV API is designed (`fromApi`, see docs/ptv-import.md) and not implemented.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

export type PtvItem = { origin: string; record: Record<string, unknown> } | { origin: string; error: string };

export interface PtvSource {
  /**
   * The source set: a stable name for "everything this source gives". A record last seen in this set and absent
   * from a complete read of it is no longer published there and is deactivated (docs/ptv-import.md).
   */
  readonly name: string;
  /** True when a read gives every record of the set (a full fetch), false for a part (e.g. changes since a date). */
  readonly complete: boolean;
  /** Every record, in order, and a problem for each part that could not be read. */
  read(): AsyncIterable<PtvItem>;
}

export class PtvSourceError extends Error {}

/** The records of one parsed JSON document: a record, a list page (`itemList`), an array, or an id → record map. */
export function recordsOf(doc: unknown): Record<string, unknown>[] | null {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(doc)) return doc.every(isObj) ? doc : null;
  if (!isObj(doc)) return null;
  if (Array.isArray(doc.itemList))
    return doc.itemList.filter(isObj).length === doc.itemList.length
      ? (doc.itemList as Record<string, unknown>[])
      : null;
  if (typeof doc.id === 'string' || 'serviceNames' in doc || 'serviceChannelType' in doc || 'organizationNames' in doc)
    return [doc];
  const values = Object.values(doc);
  if (values.length && values.every((v) => isObj(v) && typeof v.id === 'string'))
    return values as Record<string, unknown>[];
  return null;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) =>
      e.isDirectory()
        ? jsonFiles(join(dir, e.name))
        : e.isFile() && e.name.toLowerCase().endsWith('.json')
          ? [join(dir, e.name)]
          : [],
    );
}

/**
 * A file or a folder (read recursively, *.json in name order). The source set is `files:` and the absolute
 * path, so importing the same folder again is a complete re-read of the same set.
 */
export function fromFiles(path: string): PtvSource {
  const abs = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new PtvSourceError(`no such file or folder: ${path}`);
  }
  const files = isDir ? jsonFiles(abs) : [abs];
  if (isDir && !files.length) throw new PtvSourceError(`no .json files in ${path}`);
  const label = (f: string) => (isDir ? relative(abs, f) : basename(f));
  return {
    name: `files:${abs}`,
    complete: true,
    async *read() {
      for (const f of files) {
        let doc: unknown;
        try {
          doc = JSON.parse(readFileSync(f, 'utf8'));
        } catch (e) {
          yield { origin: label(f), error: `not valid JSON (${(e as Error).message.split('\n')[0]})` };
          continue;
        }
        const records = recordsOf(doc);
        if (!records) {
          yield { origin: label(f), error: 'not a PTV record, list (itemList) or map of records' };
          continue;
        }
        for (const record of records) yield { origin: label(f), record };
      }
    },
  };
}

export interface PtvApiOptions {
  version: 'v11' | 'v12';
  /** Statistics Finland code, e.g. '018'. */
  municipalityCode: string;
  /** Default https://api.palvelutietovaranto.suomi.fi/api (v11); v12 needs its own base and an API key. */
  baseUrl?: string;
  apiKey?: string;
  /** Only records modified since (the daily fetch); without it, a full fetch (weekly). */
  modifiedAfter?: string;
}

/** The requests a fetch from the API makes, in order (the design; see docs/ptv-import.md). */
export function apiRequests(o: PtvApiOptions): string[] {
  const base = (o.baseUrl ?? 'https://api.palvelutietovaranto.suomi.fi/api').replace(/\/$/, '');
  if (o.version === 'v11') {
    const q = o.modifiedAfter ? `?date=${encodeURIComponent(o.modifiedAfter)}&page={page}` : '?page={page}';
    return [
      `${base}/v11/Service/list/area/Municipality/code/${o.municipalityCode}${q}`,
      `${base}/v11/ServiceChannel/list/area/Municipality/code/${o.municipalityCode}${q}`,
      `${base}/v11/Organization/list?{ids of organisations named by the records above}`,
    ];
  }
  return [
    `${base}/v12/service/search (municipality ${o.municipalityCode}${o.modifiedAfter ? `, modified after ${o.modifiedAfter}` : ''})`,
    `${base}/v12/service-channel/search (municipality ${o.municipalityCode})`,
    `${base}/v12/connection/search (the services above)`,
  ];
}

/**
 * Straight from the PTV API: designed, not implemented. The source set would be
 * `api:<version>:municipality:<code>`; a full fetch is a complete read, a `modifiedAfter` fetch is not.
 */
export function fromApi(o: PtvApiOptions): PtvSource {
  return {
    name: `api:${o.version}:municipality:${o.municipalityCode}`,
    complete: !o.modifiedAfter,
    // eslint-disable-next-line require-yield
    async *read(): AsyncIterable<PtvItem> {
      throw new PtvSourceError(
        `fetching from the PTV API (${o.version}) is not implemented yet: fetch the JSON into files and import those (docs/ptv-import.md)`,
      );
    },
  };
}

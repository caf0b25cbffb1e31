/** `yhdessa export hsds <folder>` (issue 3): the whole published directory as HSDS 3.0 JSON and tabular CSV, per language. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { exportHsds } from '../core/hsds/exportDirectory.js';
import { CliError } from './errors.js';

export interface ExportHsdsOptions {
  folder: string;
}

export async function exportHsdsCommand(d: Database, o: ExportHsdsOptions): Promise<void> {
  const folder = resolve(o.folder);
  if (existsSync(folder) && !statSync(folder).isDirectory())
    throw new CliError(`${o.folder} exists and is not a folder`);
  const started = Date.now();
  const s = await exportHsds(d.db, { folder, baseUrl: readConfig().publicUrl }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'ENOSPC' || e.code === 'ENOTDIR')
      throw new CliError(`cannot write to ${o.folder}: ${e.message}`);
    throw e;
  });
  const c = s.counts;
  console.log(
    `Wrote HSDS 3.0 to ${folder} in ${((Date.now() - started) / 1000).toFixed(1)} s, in ${s.languages.join(', ')} (one folder each): ` +
      `${c.services} services, ${c.organizations} organisations, ${c.service_at_locations} services at locations, ` +
      `${c.taxonomies} taxonomies, ${c.taxonomy_terms} taxonomy terms; JSON and CSV with datapackage.json.`,
  );
}

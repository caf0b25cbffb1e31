#!/usr/bin/env node
// Makes the empty database cluster shipped for the installed PGlite (src/db/pglite-template.js says why): PGlite's
// own initdb in memory, the extensions the first migration creates, a checkpoint, its dump of the data folder,
// compressed with brotli. Run after upgrading PGlite.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pgliteVersion, templateFile } from '../src/db/pglite-template.js';

const file = templateFile();
const pg = new PGlite({ extensions: { pg_trgm, unaccent } });
await pg.waitReady;
// As migrations/0001 creates them ("if not exists": there, nothing left to do on a first start).
await pg.exec('create extension pg_trgm; create extension unaccent; checkpoint');
const tar = new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer());
await pg.close();
const packed = brotliCompressSync(tar, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    // A window as large as brotli allows: the cluster's three databases are near copies of each other.
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: tar.length,
  },
});
mkdirSync(dirname(file), { recursive: true });
for (const old of readdirSync(dirname(file))) if (old !== basename(file)) rmSync(`${dirname(file)}/${old}`);
writeFileSync(file, packed);
console.log(
  `PGlite ${pgliteVersion()}: ${file} (${(packed.length / 1e6).toFixed(1)} MB, ${(tar.length / 1e6).toFixed(1)} MB unpacked)`,
);

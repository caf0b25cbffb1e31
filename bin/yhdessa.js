#!/usr/bin/env node
// The yhdessa command. The checkout needs no build step: the TypeScript sources are bundled on first use and the
// bundle is kept while they stay the same (bin/bundle.js); without it (YHDESSA_BUNDLE=off), tsx's loader runs them.
import module from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundled } from './bundle.js';

const serving = process.argv[2] === 'serve';
// Serving uses React's production build unless told otherwise (NODE_ENV=development shows React's warnings).
if (serving) process.env.NODE_ENV ??= 'production';
// Node 22.1 and later keep the compiled code of the modules a start loads (its bundle and the packages) for the next
// start; Node 20 has no such cache and goes on without it.
if (!process.env.NODE_COMPILE_CACHE && typeof module.enableCompileCache === 'function') {
  const cli = process.env.CLI_CACHE_DIR || join(dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'cli');
  module.enableCompileCache(join(cli, '..', 'node'));
}

// The embedded database's thread starts now and prepares while the code below is read or bundled
// (src/db/pglite-early.js).
if (serving && !process.env.DATABASE_URL?.trim())
  (await import('../src/db/pglite-early.js')).startEarlyWorker(resolve(process.env.DATA_DIR ?? 'data'));

const main = await bundled('src/cli/main.ts', serving ? (line) => console.log(line) : undefined);
if (main) {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript files and lines
  await import(main);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}

/**
 * Loads the whole demo directory (loadDemoData with every demo file) into a prepared database and closes it:
 * `node bin/run-ts.js tests/support/loadDemoInto.ts <PGlite data folder | postgres:// URL>`.
 *
 * globalSetup.ts runs it in a process of its own to make the run's demo templates: vitest's own process loads
 * modules through Vite, where some packages the demo needs (rrule) do not import as they do in Node.
 */
import { openDatabase } from '../../src/db/database.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';

const target = process.argv[2];
if (!target) throw new Error('usage: loadDemoInto.ts <data folder | postgres:// URL>');
const d = await openDatabase(/^postgres(ql)?:\/\//.test(target) ? { url: target, poolSize: 1 } : { dataDir: target });
try {
  await loadDemoData(d.db);
} finally {
  await d.close();
}

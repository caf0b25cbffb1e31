/**
 * Another instance writing (tests/directory/indexFeed.test.ts): a process of its own opens the PostgreSQL database
 * named by its first argument and saves one service named by the second, through the same core as the app.
 *
 *   node bin/run-ts.js tests/support/searchWriter.ts postgres://… Seeprakahvila
 */
import { saveService } from '../../src/core/directory/saveRecords.js';
import { openDatabase } from '../../src/db/database.js';
import { fixtureService } from './fixtures.js';

const [url, name] = process.argv.slice(2);
const database = await openDatabase({ url: url!, poolSize: 1 });
try {
  await saveService(
    database.db,
    fixtureService(`t-writer-${name!.toLowerCase()}`, {
      name: { fi: name! },
      summary: { fi: 'Toisen instanssin kirjoittama palvelu.' },
    }),
  );
} finally {
  await database.close();
}

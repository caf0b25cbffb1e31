/**
 * The yhdessa command line: `npx yhdessa serve | migrate | demo-data` (later issues add theirs here).
 * Every failure is one readable line on stderr and a non-zero exit; set DEBUG=1 for the stack.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, readConfig } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { prepareDatabase } from '../core/setup.js';
import { directoryIsEmpty, loadDemoData } from '../demo/loadDemoData.js';

class CliError extends Error {}

async function withDatabase<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const config = readConfig();
  const d = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }).catch((e: Error) => {
    throw new CliError(`cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}): ${e.message}`);
  });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

const program = new Command('yhdessa')
  .description('Yhdessä – the family centre network platform')
  .showHelpAfterError()
  .exitOverride();

program.command('serve')
  .description('serve the web app and APIs (PORT, HOST, DATABASE_URL or DATA_DIR); migrates and loads demo data on first start')
  .action(async () => {
    const config = readConfig();
    const d = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    await prepareDatabase(d.db);
    if (config.demoData && (await directoryIsEmpty(d.db))) {
      const s = await loadDemoData(d.db);
      console.log(`Loaded demo data: ${s.organizations} organisations, ${s.locations} places, ${s.services} services.`);
    }
    const { startServer } = await import('../http/server.js');
    await startServer(d, config);
  });

program.command('migrate')
  .description('apply pending database migrations')
  .action(() => withDatabase(async (d) => {
    const applied = await prepareDatabase(d.db);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
  }));

program.command('demo-data')
  .description('load (or refresh) the demo organisations, places and services; safe to run again')
  .action(() => withDatabase(async (d) => {
    await prepareDatabase(d.db);
    const s = await loadDemoData(d.db);
    console.log(`Demo data loaded: ${s.organizations} organisations, ${s.locations} places, ${s.services} services.`);
  }));

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  const err = e as Error;
  const known = err instanceof CliError || err instanceof ConfigError;
  console.error(`yhdessa: ${known ? err.message : `${err.message || String(err)}`}`);
  if (process.env.DEBUG) console.error(err.stack);
  process.exit(1);
}

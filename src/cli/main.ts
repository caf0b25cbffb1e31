/**
 * The yhdessa command line: `npx yhdessa serve | migrate | demo-data` (later issues add theirs here).
 * Every failure is one readable line on stderr and a non-zero exit; set DEBUG=1 for the stack.
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './errors.js';
import { ConfigError, readConfig } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { DataDirLockedError } from '../db/dataDirLock.js';
import { pendingMigrations } from '../db/migrate.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DemoPlan } from '../demo/demoPlans.js';
import type { DemoFile } from '../demo/types.js';

// Loaded when a command needs them (with their packages), so that `serve` has the database opening before.
const prepareDatabase = async (db: Kysely<DB>, say?: (line: string) => void) =>
  (await import('../core/setup.js')).prepareDatabase(db, say);
const directoryIsEmpty = async (db: Kysely<DB>) => (await import('../demo/loadDemoData.js')).directoryIsEmpty(db);
const loadDemoData = async (db: Kysely<DB>, ahead?: Promise<DemoAhead>) => {
  const demo = await import('../demo/loadDemoData.js');
  const read = await ahead;
  return demo.loadDemoData(db, read?.files, read);
};
/** The demo files read and the seed plans understood, before the database is ready for them. */
type DemoAhead = { files: DemoFile[]; plans: DemoPlan[] };
const readDemoAhead = async (): Promise<DemoAhead> => {
  const [demo, plans] = await Promise.all([import('../demo/loadDemoData.js'), import('../demo/demoPlans.js')]);
  return { files: demo.readDemoFiles(), plans: await plans.readDemoPlans() };
};

/**
 * Opens the database for one command. The embedded one has one owner at a time: while the server (or another
 * command) has DATA_DIR open, this refuses with one line saying who has it and what to do; reading commands too,
 * since PGlite cannot open a folder that another process writes.
 */
async function withDatabase<T>(command: string, fn: (d: Database) => Promise<T>): Promise<T> {
  const config = readConfig();
  const d = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, command }).catch((e: Error) => {
    if (e instanceof DataDirLockedError) throw e;
    throw new CliError(
      `cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}): ${e.message}`,
    );
  });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

/** Adds the demo professionals (if missing) and prints how to sign in as those who are there. */
async function printDemoSignIns(d: Database): Promise<void> {
  const { loadDemoPeople, DEMO_SIGN_INS, DEMO_PASSWORD } = await import('../demo/demoPeople.js');
  const added = await loadDemoPeople(d.db);
  if (added) console.log(`Added ${added} demo professionals.`);
  await (await import('../demo/concerns/demoConcerns.js')).loadDemoConcerns(d.db, (line) => console.log(line));
  await (await import('../demo/questions/demoQuestions.js')).loadDemoQuestions(d.db, console.log);
  await (await import('../demo/workingModels/demoWorkingModels.js')).loadDemoWorkingModels(d.db);
  const emails = DEMO_SIGN_INS.map((p) => p.email);
  const rows = await d.db.selectFrom('person').select('email').where('email', 'in', emails).execute();
  const present = new Set(rows.map((p) => p.email));
  const signIns = DEMO_SIGN_INS.filter((p) => present.has(p.email));
  if (signIns.length)
    console.log(
      `Demo sign-ins (password "${DEMO_PASSWORD}"):\n${signIns.map((p) => `  ${p.email.padEnd(30)} ${p.name} – ${p.role}`).join('\n')}`,
    );
  if (signIns.length < DEMO_SIGN_INS.length)
    console.log(
      `${DEMO_SIGN_INS.length - signIns.length} more demo sign-ins come with the demo organisations (yhdessa demo-data).`,
    );
}

const program = new Command('yhdessa')
  .description('Yhdessä – the family centre network platform')
  .showHelpAfterError()
  .exitOverride();

program
  .command('serve')
  .description(
    'serve the web app and APIs (PORT, HOST, DATABASE_URL or DATA_DIR); migrates and loads demo data on first start',
  )
  .action(async () => {
    // One line per step, as it begins. The database opens in its own thread (PGlite) or over the network while this
    // thread loads the web app's code; the rest follows in order.
    const config = readConfig();
    const say = (line: string) => console.log(line);
    say(`Opening the database (${config.databaseUrl ? 'PostgreSQL' : config.dataDir})…`);
    const opening = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, command: 'serve' });
    // Once open, the database gets on with the migrations and the reference data while this thread still loads the
    // web app's code.
    const preparing = opening.then(async (d) => {
      const pending = await pendingMigrations(d.db);
      say(
        pending.length
          ? `Applying ${pending.length} database migration(s) and the reference data…`
          : 'Checking the reference data…',
      );
      const migrated = prepareDatabase(d.db, say);
      migrated.catch(() => {}); // (reported where it is awaited)
      // While the database works on migrations (and the demo data), the client bundles are built and compressed in
      // esbuild's process and zlib's threads, instead of by the app's first build afterwards (src/web/assets.ts).
      const assetsReady = pending.length
        ? import('../web/assets.js').then((a) => a.prepareAssets(Boolean(config.map))).catch(() => undefined)
        : undefined;
      return { d, pending, migrated, assetsReady };
    });
    preparing.catch(() => {}); // (reported where it is awaited)
    await new Promise((resolve) => setImmediate(resolve)); // the database's thread has started
    say('Loading the web app…');
    const server = await import('../http/server.js');
    const { d, pending, migrated, assetsReady } = await preparing;
    // A first start (or the first after an update) reads the demo data while the database works on the migrations.
    const ahead = pending.length && config.demoData ? readDemoAhead() : undefined;
    ahead?.catch(() => {}); // (reported where it is awaited)
    if (pending.length) await migrated; // the app's own tables must be there before it is built
    const loadDemo = config.demoData && (await directoryIsEmpty(d.db));
    // On existing data the app is built while the reference data and the demo's people are checked (the database
    // works in its thread, the app is built in this one); it listens once both are done. The demo data is loaded
    // first, whole: building the app needs the database too, and a long load would hold it up past its time limit.
    const prepared = migrated.then(async () => {
      if (loadDemo) {
        say('Loading the demo data (first start)…');
        const s = await loadDemoData(d.db, ahead);
        say(`Loaded demo data: ${s.organizations} organisations, ${s.locations} places, ${s.services} services.`);
      }
      if (config.demoData) await printDemoSignIns(d);
    });
    prepared.catch(() => {}); // (reported where startServer waits for it)
    if (loadDemo) await prepared;
    await assetsReady;
    say('Starting the web server…');
    await server.startServer(d, config, say, prepared);
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDatabase('migrate', async (d) => {
      const applied = await prepareDatabase(d.db);
      console.log(
        applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.',
      );
    }),
  );

program
  .command('demo-data')
  .description('load (or refresh) the demo organisations, places and services; safe to run again')
  .action(() =>
    withDatabase('demo-data', async (d) => {
      await prepareDatabase(d.db);
      const s = await loadDemoData(d.db);
      console.log(`Demo data loaded: ${s.organizations} organisations, ${s.locations} places, ${s.services} services.`);
      await printDemoSignIns(d);
    }),
  );

const importCmd = program.command('import').description('bring data in: PTV services, municipal plans');

importCmd
  .command('ptv')
  .description('import services and service channels from PTV Open API v11 JSON (a file, a list, or a folder of them)')
  .argument('<file-or-folder>', 'a JSON file or a folder of JSON files')
  .action((path: string) =>
    withDatabase('import ptv', async (d) => {
      await prepareDatabase(d.db);
      const { importPtvCommand } = await import('./importPtv.js');
      await importPtvCommand(d, { path });
    }),
  );

importCmd
  .command('plan')
  .description("import a municipal LAPE plan (plain text of the municipalities' plan template) or the regional summary")
  .argument('<file>', 'a plain-text plan document')
  .option('--dry-run', 'parse only: store nothing', false)
  .option('--json', 'print what was understood as JSON', false)
  .action(async (file: string, o: { dryRun: boolean; json: boolean }) => {
    const { parsePlanCommand, importPlanCommand } = await import('./importPlan.js');
    if (o.dryRun) return parsePlanCommand({ file, ...o });
    return withDatabase('import plan', async (d) => {
      await prepareDatabase(d.db);
      await importPlanCommand(d, { file, ...o });
    });
  });

program
  .command('export')
  .description('write data out for open data publication')
  .command('hsds')
  .description('write the whole directory as Open Referral HSDS 3.0 JSON (and tabular CSV) into a folder')
  .argument('<folder>', 'where to write (created if missing)')
  .action((folder: string) =>
    withDatabase('export hsds', async (d) => {
      await prepareDatabase(d.db);
      const { exportHsdsCommand } = await import('./exportHsds.js');
      await exportHsdsCommand(d, { folder });
    }),
  );

const ROLES = ['admin', 'coordinator', 'member', 'editor', 'org_admin'] as const;

program
  .command('user')
  .description('manage people who sign in')
  .command('add')
  .description('add a person and print a single-use link to set their password (valid 7 days)')
  .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}; member, editor and org_admin need --org`)
  .option('--org <id>', 'organisation id (UUID) or key')
  .option('--lang <lang>', 'language of the link: fi, sv or en', 'fi')
  .action((o: { email: string; name: string; role: string; org?: string; lang: string }) => {
    // The arguments are checked before the database is opened: a mistyped command answers at once.
    if (!(ROLES as readonly string[]).includes(o.role))
      throw new CliError(`--role must be one of ${ROLES.join(', ')}, not "${o.role}"`);
    if (!['fi', 'sv', 'en'].includes(o.lang)) throw new CliError(`--lang must be fi, sv or en, not "${o.lang}"`);
    const systemRole = o.role === 'admin' || o.role === 'coordinator' ? o.role : null;
    if (!systemRole && !o.org) throw new CliError(`--role ${o.role} needs --org (an organisation's id or key)`);
    return withDatabase('user add', async (d) => {
      await prepareDatabase(d.db);
      const { addPerson } = await import('../core/accounts/people.js');
      const { DomainError } = await import('../core/shared/errors.js');
      const { invitationLink } = await import('../core/accounts/passwordLinks.js');
      let organizationId: string | undefined;
      if (o.org) {
        const org = await d.db
          .selectFrom('organization')
          .select('id')
          .where((eb) => (/^[0-9a-f-]{36}$/i.test(o.org!) ? eb('id', '=', o.org!) : eb('key', '=', o.org!)))
          .executeTakeFirst();
        if (!org) throw new CliError(`no organisation with id or key "${o.org}"`);
        organizationId = org.id;
      }
      const ctx = { actor: null, actorName: `command line (${process.env.USER ?? 'unknown user'})` };
      const id = await addPerson(d.db, ctx, {
        email: o.email,
        name: o.name,
        systemRole,
        ...(organizationId
          ? { organizationId, role: (systemRole ? 'member' : o.role) as 'member' | 'editor' | 'org_admin' }
          : {}),
      }).catch((e: Error) => {
        if (e instanceof DomainError && e.area === 'account')
          throw new CliError(`cannot add ${o.email}: ${e.code.replace(/_/g, ' ')}`);
        throw e;
      });
      const link = await invitationLink(d.db, ctx, {
        personId: id,
        lang: o.lang as 'fi' | 'sv' | 'en',
        publicUrl: readConfig().publicUrl,
      });
      console.log(
        `Added ${o.name} <${o.email}> as ${o.role}. Single-use link to set the password (valid 7 days):\n${link}`,
      );
    });
  });

program
  .command('backup')
  .description(
    "write a consistent backup while the app runs: pg_dump (DATABASE_URL) or the embedded database's own dump, made by the running server",
  )
  .argument('<file>', 'where to write it (a new file)')
  .action(async (file: string) => {
    const { backupCommand } = await import('./backup.js');
    await backupCommand(readConfig(), file);
  });

program
  .command('restore')
  .description('restore a backup into an empty database (DATABASE_URL) or an empty data folder (DATA_DIR)')
  .argument('<file>', 'a file written by yhdessa backup')
  .action(async (file: string) => {
    const { restoreCommand } = await import('./backup.js');
    await restoreCommand(readConfig(), file);
  });

const keysCmd = program.command('keys').description('the field encryption key (see the README, Keys)');

keysCmd
  .command('new')
  .description('print a new random key for FIELD_ENCRYPTION_KEY')
  .action(async () => {
    const { newFieldKey } = await import('../core/shared/fieldCrypto.js');
    console.log(newFieldKey());
  });

keysCmd
  .command('rotate')
  .description('re-encrypt every encrypted field with the current key (after FIELD_ENCRYPTION_KEY changed)')
  .action(() =>
    withDatabase('keys rotate', async (d) => {
      await prepareDatabase(d.db);
      await import('../http/app.js'); // every capability registers its encrypted columns when loaded
      const { reencryptAll } = await import('../core/shared/rotateKeys.js');
      for (const r of await reencryptAll(d.db)) console.log(`${r.table}: ${r.rows} row(s) re-encrypted`);
    }),
  );

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  const err = e as Error;
  const known = err instanceof CliError || err instanceof ConfigError || err instanceof DataDirLockedError;
  console.error(`yhdessa: ${known ? err.message : `${err.message || String(err)}`}`);
  if (process.env.DEBUG) console.error(err.stack);
  process.exit(1);
}

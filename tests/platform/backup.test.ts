/**
 * Backup and restore (issue 17): a database holding services, people, a draft, plan versions and audit entries is
 * backed up while it is in use — on the embedded database by the server that owns the folder, asked by
 * `yhdessa backup` in a process of its own — and restored into a new folder or a new empty database; the app started
 * on the copy finds every one of them. A restore never writes over anything, and a backup never over a file.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { backupCommand, findPgTool, restoreCommand } from '../../src/cli/backup.js';
import { CliError } from '../../src/cli/errors.js';
import { loadActor } from '../../src/core/access/loadActor.js';
import { saveDraft } from '../../src/core/editing/drafts.js';
import { importPlanDocument } from '../../src/core/programme/importPlan.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { startLocalAdmin, type LocalAdmin } from '../../src/http/localAdmin.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { raasepori, seedText } from '../programme/fixtures.js';
import { CLI } from '../programme/support.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createDataDir, createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'yhdessa-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const perhetyo = idFromKey('service', 't-perhetyo');

/** Services, an editor and an administrator, a draft, two versions of a plan, and the audit entries they made. */
async function fill(db: Kysely<DB>): Promise<void> {
  await loadDemoData(db, [directoryFixture()]);
  const editor = await addTestPerson(db, {
    email: 'eeva@askola.test',
    name: 'Eeva Editori',
    memberships: [{ organizationId: idFromKey('organization', 't-askola'), role: 'editor' }],
  });
  await addTestPerson(db, { email: 'aino@admin.test', name: 'Aino Admin', systemRole: 'admin' });
  const actor = (await loadActor(db, editor))!;
  await saveDraft(db, { actor }, 'service', { ref: perhetyo }, { summary: { fi: 'Luonnos: uusi kuvaus' } });
  const text = seedText('raasepori-2018.txt');
  await importPlanDocument(db, CLI, raasepori(), { text, fileName: 'raasepori-2018.txt' });
  await importPlanDocument(db, CLI, raasepori(), { text: `${text}\nLisäys.`, fileName: 'raasepori-2018b.txt' });
}

const TABLES = ['service', 'person', 'record_draft', 'programme_plan_version', 'audit_event'] as const;

/** Every row of the tables that must come back, whole. */
async function contents(db: Kysely<DB>) {
  const out = {} as Record<(typeof TABLES)[number], unknown[]>;
  for (const t of TABLES) out[t] = (await sql`select * from ${sql.table(t)} order by 1`.execute(db)).rows;
  return out;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: Error) => e,
  );

/** The app on the restored database: sign-in works, each service answers, the audit log has the backup's entry. */
async function findInApp(d: Database, before: Awaited<ReturnType<typeof contents>>) {
  const app: FastifyInstance = await testApp(d);
  try {
    const admin = new Agent(app);
    await admin.signIn('aino@admin.test');
    for (const s of before.service as { id: string }[])
      expect((await admin.get(`/api/v1/services/${s.id}`)).statusCode, s.id).toBe(200);
    const backups = (await admin.get('/api/v1/audit?action=backup.made')).json() as { items: { action: string }[] };
    expect(backups.items).toHaveLength(1);
    const editor = new Agent(app, '10.0.0.2');
    await editor.signIn('eeva@askola.test');
    const page = await editor.get(`/fi/work/services/${perhetyo}/edit`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Luonnos: uusi kuvaus');
  } finally {
    await app.close();
  }
}

describe.each(testDatabases())('backup and restore on %s', { timeout: 300_000 }, (kind) => {
  let source: Database;
  let location = '';
  let admin: LocalAdmin | undefined;
  let before: Awaited<ReturnType<typeof contents>>;
  const file = join(root, `${kind}.backup`);
  let backupLines: string[] = [];
  let disposeSource = async () => {};
  const configOf = (target: string) =>
    kind === 'pglite'
      ? readConfig({ DATA_DIR: target, DATABASE_URL: '' })
      : readConfig({ DATABASE_URL: pgUrl(target), DATA_DIR: join(root, 'unused') });

  beforeAll(async () => {
    if (kind === 'pglite') {
      // The folder is the server's: this process opens it as `serve` does and answers on the local door.
      location = join(root, 'source');
      await createDataDir(location, (d) => fill(d.db));
      source = await openDatabase({ dataDir: location, command: 'serve' });
      admin = await startLocalAdmin({ database: source, dataDir: location, log: { info() {}, error() {} } });
      disposeSource = async () => {
        await admin?.close();
        await source.close();
      };
    } else {
      const d: TestDatabase = await createTestDatabase('postgres');
      await fill(d.db);
      source = d;
      location = (d as TestDatabase & { location: string }).location;
      disposeSource = () => d.dispose();
    }
    before = await contents(source.db);
    if (kind === 'pglite') {
      // `yhdessa backup` in a process of its own: it may not open the folder, so the server makes the backup.
      const r = await run('node', ['bin/yhdessa.js', 'backup', file], {
        env: { ...process.env, DATA_DIR: location, DATABASE_URL: '', DEBUG: '' },
      });
      backupLines = r.stdout.trim().split('\n');
    } else {
      await backupCommand(configOf(location), file, (l) => backupLines.push(l));
    }
  });
  afterAll(() => disposeSource());

  it('backs up while in use, and the restored copy holds every service, person, draft, plan version and audit entry', async () => {
    expect(backupLines.at(-1)).toMatch(
      kind === 'pglite'
        ? /^Backup of the embedded database in .* written to .* \(\d+\.\d MB, made by the running server\)\. Keep the field encryption keys too/
        : /^Backup of the PostgreSQL database written to /,
    );
    // The source stays in use meanwhile and afterwards: the backup's own audit entry is there.
    const after = await contents(source.db);
    const made = (after.audit_event as { action: string; actor_name: string }[]).filter(
      (e) => e.action === 'backup.made',
    );
    expect(made).toHaveLength(1);
    expect(made[0]!.actor_name).toMatch(/^command line \(/);
    expect(before.service.length).toBeGreaterThan(3);
    expect(before.record_draft).toHaveLength(1);
    expect(before.programme_plan_version).toHaveLength(2);

    const target = kind === 'pglite' ? join(root, 'restored') : await emptyPostgres();
    const said: string[] = [];
    const counts = await restoreCommand(configOf(target), file, (l) => said.push(l));
    expect(counts).toEqual({
      services: before.service.length,
      people: before.person.length,
      auditEntries: after.audit_event.length,
    });
    expect(said[0]).toMatch(/^Restored .* services, .* people, .* audit entries\. It needs the field encryption keys/);
    if (kind === 'pglite') expect(readdirSync(target)).not.toContain('yhdessa.lock'); // the server's lock stayed behind

    const restored =
      kind === 'pglite' ? await openDatabase({ dataDir: target }) : await openDatabase({ url: pgUrl(target) });
    try {
      expect(await contents(restored.db)).toEqual(after);
      await findInApp(restored, before);
    } finally {
      await restored.close();
      if (kind === 'postgres') await dropPostgres(target);
    }
  });

  it('refuses to restore over anything, or a backup of the other kind, and to write a backup over a file', async () => {
    // Into the source itself: not empty (the folder is the server's, the database has tables); nothing changes.
    const now = await contents(source.db);
    const e = await failure(restoreCommand(configOf(location), file));
    expect(e).toBeInstanceOf(CliError);
    expect(e.message).toMatch(kind === 'pglite' ? /is not empty: it holds a database\./ : /is not empty \(\d+ tables/);
    expect(e.message).toMatch(/nothing was changed/);
    expect(await contents(source.db)).toEqual(now);

    // The other kind of target: refused before anything is opened or made.
    const other =
      kind === 'pglite'
        ? readConfig({ DATABASE_URL: pgUrl('not_there'), DATA_DIR: root })
        : readConfig({ DATABASE_URL: '', DATA_DIR: join(root, 'x') });
    expect((await failure(restoreCommand(other, file))).message).toMatch(
      kind === 'pglite'
        ? /is a backup of the embedded database: unset DATABASE_URL/
        : /is a PostgreSQL dump: set DATABASE_URL/,
    );
    expect(existsSync(join(root, 'x'))).toBe(false);

    const junk = join(root, `${kind}.junk`);
    writeFileSync(junk, 'hello');
    expect((await failure(restoreCommand(configOf(join(root, 'y')), junk))).message).toMatch(/is not a Yhdessä backup/);

    expect((await failure(backupCommand(configOf(location), file))).message).toMatch(
      /already exists: give the backup a new name/,
    );
  });
});

describe('the PostgreSQL client tools', () => {
  it('says in one line which version is missing', async () => {
    const e = await failure(findPgTool('pg_dump', 99));
    expect(e).toBeInstanceOf(CliError);
    expect(e.message).toMatch(
      /^pg_dump 99 or newer is needed for PostgreSQL 99 and is not installed( \(the one on PATH is \d+\))?: apt-get install postgresql-client-99$/,
    );
  });
});

function pgUrl(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://localhost/postgres');
  url.pathname = `/${name}`;
  return url.toString();
}

async function emptyPostgres(): Promise<string> {
  const d = (await createTestDatabase('postgres', { prepare: false })) as TestDatabase & { location: string };
  await d.close(); // dropped at the end by dropPostgres
  return d.location;
}

async function dropPostgres(name: string): Promise<void> {
  const pg = await import('pg');
  const c = new pg.default.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(`drop database if exists ${name} with (force)`);
  } finally {
    await c.end();
  }
}

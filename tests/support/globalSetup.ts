/**
 * Once per test run, before any test file: a prepared database to copy from, for each kind of database the run
 * uses (see databases.ts). Preparing a database (PGlite's initdb, the migrations, the reference data) costs about
 * 2–4 s on PGlite and 0.5 s on PostgreSQL; a copy of a prepared one costs about 0.4 s and 0.2 s.
 *
 * - PGlite: a data folder in a folder of this run's own, prepared and closed; each test database opens a copy.
 * - PostgreSQL (TEST_DATABASE_URL): a database `yh_tpl_…`, prepared and left without connections; each test
 *   database is `create database … template` it.
 *
 * Both are built from the migrations and reference data of this very checkout, so they are never stale, and both
 * are removed when the run ends.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../src/core/setup.js';
import { openDatabase } from '../../src/db/database.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A prepared, closed PGlite data folder; its parent folder holds the test databases' copies of it. */
    pgliteTemplate: string;
    /** The name of a prepared PostgreSQL database on TEST_DATABASE_URL's server, or '' without one. */
    postgresTemplate: string;
    /** The same as pgliteTemplate with the whole demo directory loaded (loadDemoData with every demo file). */
    pgliteDemoTemplate: string;
    /** The same as postgresTemplate with the whole demo directory loaded, or '' without a server. */
    postgresDemoTemplate: string;
  }
}

/** Loads the demo directory into a prepared database, in a Node process of its own (see loadDemoInto.ts). */
async function loadDemoInto(target: string, env: Record<string, string>): Promise<void> {
  await promisify(execFile)(process.execPath, ['bin/run-ts.js', 'tests/support/loadDemoInto.ts', target], {
    // The run's own environment (vitest.config.ts `env`: the field encryption key the tests decrypt with).
    env: { ...process.env, ...env, DATABASE_URL: '', JOB_RUNNER: 'off' },
    timeout: 120_000,
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runEnv = Object.fromEntries(
    Object.entries(project.config.env ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const runDir = mkdtempSync(join(tmpdir(), 'yhdessa-test-'));
  const pgliteTemplate = join(runDir, 'template');
  const adminUrl = process.env.TEST_DATABASE_URL;
  const postgresTemplate = adminUrl ? `yh_tpl_${randomBytes(6).toString('hex')}` : '';
  const pgliteDemoTemplate = join(runDir, 'demo-template');
  const postgresDemoTemplate = postgresTemplate && `${postgresTemplate}_demo`;

  const dropTemplate = async () => {
    if (!adminUrl || !postgresTemplate) return;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`drop database if exists ${postgresDemoTemplate} with (force)`);
      await c.query(`drop database if exists ${postgresTemplate} with (force)`);
    } finally {
      await c.end();
    }
  };
  const teardown = async () => {
    rmSync(runDir, { recursive: true, force: true });
    await dropTemplate();
  };

  try {
    await Promise.all([
      (async () => {
        const d = await openDatabase({ dataDir: pgliteTemplate });
        try {
          await prepareDatabase(d.db);
        } finally {
          await d.close();
        }
        cpSync(pgliteTemplate, pgliteDemoTemplate, { recursive: true }); // closed: no owner's lock file in it
        await loadDemoInto(pgliteDemoTemplate, runEnv);
      })(),
      (async () => {
        if (!adminUrl) return;
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        try {
          await c.query(`create database ${postgresTemplate}`);
        } finally {
          await c.end();
        }
        const url = new URL(adminUrl);
        url.pathname = `/${postgresTemplate}`;
        const d = await openDatabase({ url: url.toString(), poolSize: 1 });
        try {
          await prepareDatabase(d.db);
        } finally {
          await d.close(); // no connection may stay open on a template while it is copied
        }
        const c2 = new pg.Client({ connectionString: adminUrl });
        await c2.connect();
        try {
          await c2.query(`create database ${postgresDemoTemplate} template ${postgresTemplate}`);
        } finally {
          await c2.end();
        }
        url.pathname = `/${postgresDemoTemplate}`;
        await loadDemoInto(url.toString(), runEnv);
      })(),
    ]);
  } catch (e) {
    await teardown();
    throw e;
  }

  project.provide('pgliteTemplate', pgliteTemplate);
  project.provide('postgresTemplate', postgresTemplate);
  project.provide('pgliteDemoTemplate', pgliteDemoTemplate);
  project.provide('postgresDemoTemplate', postgresDemoTemplate);
  return teardown;
}

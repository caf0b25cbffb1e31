import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { pgliteVersion, readTemplate, readTemplateAsync, templateFile, unpackTemplate } from './pglite-template.js';

describe('the empty cluster shipped for PGlite', () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'yhdessa-template-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is there for the installed PGlite (after an upgrade: node bin/pglite-template.js)', () => {
    expect(existsSync(templateFile()), `no ${templateFile()} for PGlite ${pgliteVersion()}`).toBe(true);
  });

  it('unpacks into a new folder once, without the files of the process that made it, keeping the lock', () => {
    const data = join(dir, 'data');
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data);
    writeFileSync(join(data, 'yhdessa.lock'), 'mine');
    expect(unpackTemplate(data)).toBe(true);
    expect(readFileSync(join(data, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
    expect(existsSync(join(data, 'base'))).toBe(true);
    expect(existsSync(join(data, 'global', 'pg_control'))).toBe(true);
    expect(existsSync(join(data, 'postmaster.pid'))).toBe(false);
    expect(readFileSync(join(data, 'yhdessa.lock'), 'utf8')).toBe('mine');
    // A folder that holds a database is never written over.
    writeFileSync(join(data, 'PG_VERSION'), 'kept');
    expect(unpackTemplate(data)).toBe(false);
    expect(readFileSync(join(data, 'PG_VERSION'), 'utf8')).toBe('kept');
  });

  it('holds the extensions the first migration creates', async () => {
    const d = await openDatabase({});
    try {
      const rows = await sql<{ extname: string }>`select extname from pg_extension order by 1`.execute(d.db);
      expect(rows.rows.map((r) => r.extname)).toEqual(['pg_trgm', 'plpgsql', 'unaccent']);
      const r = await sql<{ u: string }>`select unaccent('Päiväkoti') as u`.execute(d.db);
      expect(r.rows[0]!.u).toBe('Paivakoti');
    } finally {
      await d.close();
    }
  });

  it("reads the same on zlib's thread as on the caller's", async () => {
    const [sync, async] = [readTemplate(), await readTemplateAsync()];
    expect(sync && sync.length > 1_000_000).toBe(true);
    expect(async && Buffer.from(async).equals(Buffer.from(sync!))).toBe(true);
  });
});

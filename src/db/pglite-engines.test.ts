/**
 * PGlite in its worker thread: what crosses the boundary (values both ways, PostgreSQL's error fields, the caller's
 * stack), statements several at a time, transactions still one at a time, close, and the point of it all: this
 * thread's event loop keeps turning while PostgreSQL works.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { DatabaseError } from './pglite-engines.js';

// Starting PGlite takes seconds (initdb), many more on a busy machine: the databases are shared by the tests.
describe('PGlite in a worker thread', { timeout: 180_000 }, () => {
  let d: Database;
  let inThread: Database;
  beforeAll(async () => {
    [d, inThread] = await Promise.all([openDatabase({}), openDatabase({ pgliteThread: 'main' })]);
    await sql`create table t (id int primary key, name text not null unique, born date, n int8, at timestamptz, b bytea, tags text[], doc jsonb)`.execute(
      d.db,
    );
  }, 300_000);
  afterAll(async () => {
    await d?.close();
    await inThread?.close();
  });

  it('passes parameters and results of every kind the app uses, with the same parsers as before', async () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    await sql`insert into t values (${1}, ${'Åsa'}, ${'2025-03-04'}, ${9007199254740991n}, ${at}, ${Buffer.from([1, 2, 255])}, ${['x', 'ä']}, ${JSON.stringify({ k: [1, null] })})`.execute(
      d.db,
    );
    const row = (await sql`select * from t where id = ${1}`.execute(d.db)).rows[0];
    expect(row).toEqual({
      id: 1,
      name: 'Åsa',
      born: '2025-03-04', // DATE stays a string
      n: 9007199254740991, // INT8 becomes a number
      at,
      b: new Uint8Array([1, 2, 255]),
      tags: ['x', 'ä'],
      doc: { k: [1, null] },
    });
    const nulls = await sql`select ${null}::text as a, count(*) as c from t`.execute(d.db);
    expect(nulls.rows).toEqual([{ a: null, c: 1 }]);
  });

  it('writes and reads bytea with every byte value and of any size, in the worker and in this thread', async () => {
    const big = new Uint8Array(300_000); // stored out of line (TOAST), and beyond Buffer's shared pool
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    const values = [new Uint8Array(0), Uint8Array.from({ length: 256 }, (_, i) => i), big];
    for (const db of [d.db, inThread.db]) {
      await sql`create table if not exists bin (id int primary key, b bytea not null)`.execute(db);
      for (const [i, v] of values.entries()) {
        await sql`insert into bin values (${i}, ${Buffer.from(v)})`.execute(db);
        const r = await sql<{ b: Uint8Array; hex: string }>`
          select b, encode(b, 'hex') as hex from bin where id = ${i}`.execute(db);
        // What the server holds is what was sent, and what comes back is a plain Uint8Array of just those bytes.
        expect(r.rows[0]!.hex).toBe(Buffer.from(v).toString('hex'));
        expect(r.rows[0]!.b).toBeInstanceOf(Uint8Array);
        expect(r.rows[0]!.b.byteLength).toBe(v.byteLength);
        expect(Buffer.from(r.rows[0]!.b).equals(Buffer.from(v))).toBe(true);
      }
    }
  });

  it('reports affected rows for writes, not for reads', async () => {
    await sql`insert into t (id, name) values (2, 'b'), (3, 'c')`.execute(d.db);
    const u = await sql`update t set name = name || '!' where id > ${1}`.execute(d.db);
    expect(u.numAffectedRows).toBe(2n);
    const r = await sql`select id from t where id > 1 order by id`.execute(d.db);
    expect(r.numAffectedRows).toBeUndefined();
    expect(r.rows).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('runs several statements in one text (migrations) and answers with the last', async () => {
    const r = await sql
      .raw(`create table m (x int); insert into m values (1), (2); select sum(x)::int as s from m`)
      .execute(d.db);
    expect(r.rows).toEqual([{ s: 3 }]);
  });

  it("carries PostgreSQL's error fields across the boundary, and the caller's stack", async () => {
    const e = await sql`insert into t (id, name) values (4, 'Åsa')`.execute(d.db).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DatabaseError);
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({
      code: '23505',
      constraint: 't_name_key',
      table: 't',
      detail: 'Key (name)=(Åsa) already exists.',
      message: 'duplicate key value violates unique constraint "t_name_key"',
    });
    expect((e as Error).stack).toContain('pglite-engines.test.ts');
    const notNull = await sql`insert into t (id) values (5)`.execute(d.db).catch((x: DatabaseError) => x);
    expect(notNull).toMatchObject({ code: '23502', column: 'name' });
    const syntax = await sql
      .raw('selec 1')
      .execute(d.db)
      .catch((x: DatabaseError) => x);
    expect(syntax).toMatchObject({ code: '42601' });
    // The database is still there after errors.
    expect((await sql`select count(*) as c from t`.execute(d.db)).rows).toEqual([{ c: 3 }]);
  });

  it('rolls a failed transaction back, and keeps the rest waiting until a transaction ends', async () => {
    let outside: Promise<unknown> | undefined;
    await d.db
      .transaction()
      .execute(async (tx) => {
        await sql`insert into t (id, name) values (10, 'in a transaction')`.execute(tx);
        // Started inside the transaction but on the database itself: it must not see the uncommitted row.
        outside = sql<{ c: number }>`select count(*) as c from t where id = 10`.execute(d.db).then((r) => r.rows[0]);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await outside).toEqual({ c: 0 });
  });

  it("keeps this thread's event loop turning while PostgreSQL works (unlike PGlite in this thread)", async () => {
    const turnsDuring = async (db: Database['db']) => {
      let turns = 0;
      let done = false;
      const spin = () => {
        if (done) return;
        turns++;
        setImmediate(spin);
      };
      const q = sql`select pg_sleep(0.3)`.execute(db).finally(() => (done = true));
      setImmediate(spin);
      await q;
      return turns;
    };
    expect(await turnsDuring(d.db)).toBeGreaterThan(100);
    expect(await turnsDuring(inThread.db)).toBeLessThan(5);
  });

  it('closes after the work already sent, then refuses more; closing again is harmless', async () => {
    const other = await openDatabase({});
    const running = sql<{ x: number }>`select pg_sleep(0.2), 1 as x`.execute(other.db);
    await new Promise((r) => setTimeout(r, 50)); // sent to the worker
    const closing = other.close();
    expect((await running).rows).toEqual([{ pg_sleep: '', x: 1 }]);
    await closing;
    await other.close();
    await expect(sql`select 1`.execute(other.db)).rejects.toThrow(/destroyed|closed|stopped/);
  });

  it('gives the same answers in the worker and in this thread', async () => {
    const q = sql<{
      w: string[];
      s: number;
      u: string;
    }>`select array_agg(w order by w) as w, similarity('neuvola', 'neuvla') > 0.3 as s, unaccent('Hämeenlinna') as u
       from unnest(array['ö', 'a', 'z']) w`;
    await sql`create extension if not exists pg_trgm; create extension if not exists unaccent`.execute(inThread.db);
    await sql`create extension if not exists pg_trgm; create extension if not exists unaccent`.execute(d.db);
    expect((await q.execute(d.db)).rows).toEqual((await q.execute(inThread.db)).rows);
    expect((await q.execute(d.db)).rows[0]).toMatchObject({ s: true, u: 'Hameenlinna' });
  });
});

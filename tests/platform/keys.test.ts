import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptField,
  encryptField,
  keyringOf,
  newFieldKey,
  registerEncryptedColumns,
  setFieldKeyring,
} from '../../src/core/shared/fieldCrypto.js';
import { reencryptAll } from '../../src/core/shared/rotateKeys.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

describe.each(testDatabases())('a key rotation on %s', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await sql`create table rotation_probe (id uuid primary key default gen_random_uuid(), secret text, note text)`.execute(
      d.db,
    );
  });
  afterAll(async () => {
    setFieldKeyring(undefined);
    await d?.dispose();
  });

  it('re-encrypts every registered field with the new key, and the old key is then no longer needed', async () => {
    const oldKey = Buffer.from(newFieldKey(), 'base64');
    const newKey = Buffer.from(newFieldKey(), 'base64');
    const before = keyringOf([oldKey]);
    registerEncryptedColumns({ table: 'rotation_probe', id: 'id', columns: { secret: 'rotation_probe.secret' } });
    for (const text of ['yksi', 'två', null])
      await sql`insert into rotation_probe (secret, note) values (${encryptField(text, 'rotation_probe.secret', before)}, 'plain')`.execute(
        d.db,
      );
    setFieldKeyring(keyringOf([newKey, oldKey])); // the new key first, the old one still read
    const report = await reencryptAll(d.db);
    expect(report.find((r) => r.table === 'rotation_probe')).toEqual({ table: 'rotation_probe', rows: 2 });
    const onlyNew = keyringOf([newKey]);
    const rows = (await sql<{ secret: string | null }>`select secret from rotation_probe`.execute(d.db)).rows;
    expect(rows.map((r) => decryptField(r.secret, 'rotation_probe.secret', onlyNew)).sort()).toEqual(
      ['två', 'yksi', null].sort(),
    );
    expect((await reencryptAll(d.db)).find((r) => r.table === 'rotation_probe')?.rows).toBe(0); // run again: nothing left
  });
});

/** Secrets every app instance shares (cookie signing, CSRF), made once and kept in the database. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function instanceSecret(db: Kysely<DB>, name: string): Promise<string> {
  await db
    .insertInto('instance_secret')
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('instance_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

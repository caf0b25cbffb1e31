/**
 * E-advice at rest, on both databases: a dump of its tables (and of the job queue) holds none of the free text,
 * e-mail addresses or follow-up codes; every encrypted column is registered, so a key rotation re-encrypts them
 * and the conversation still opens with only the new key.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/core/questions/answering.js';
import { askQuestion } from '../../src/core/questions/ask.js';
import { startConsultation } from '../../src/core/questions/consultations.js';
import { conversationByCode, replyAsAsker } from '../../src/core/questions/followUp.js';
import { loadActor } from '../../src/core/access/loadActor.js';
import {
  ENCRYPTED_COLUMNS,
  keyringOf,
  loadKeyring,
  newFieldKey,
  setFieldKeyring,
} from '../../src/core/shared/fieldCrypto.js';
import { reencryptAll } from '../../src/core/shared/rotateKeys.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { EMAIL, questionWorld } from './support.js';

const SECRETS = ['kysymys-salaisuus-111', 'vastaus-salaisuus-222', 'jatko-salaisuus-333', 'konsultaatio-salaisuus-444'];

describe.each(testDatabases())('e-advice at rest on %s', (kind) => {
  let d: TestDatabase;
  let code = '';
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    const people = await questionWorld(d.db);
    const asked = await askQuestion(
      d.db,
      { actor: null },
      {
        municipality: '018',
        topic: 'baby',
        language: 'fi',
        text: SECRETS[0]!,
        email: 'osoite-salaisuus@koti.fi',
        uiLang: 'fi',
      },
      { publicUrl: 'http://x' },
    );
    code = asked.code;
    const a1 = { actor: await loadActor(d.db, people.a1) };
    await answerQuestion(d.db, a1, asked.id, SECRETS[1]!, { publicUrl: 'http://x' });
    await replyAsAsker(d.db, { actor: null }, code, SECRETS[2]!);
    await startConsultation(d.db, a1, asked.id, { consultantEmail: EMAIL.hanko, text: SECRETS[3]! });
  });
  afterAll(async () => {
    setFieldKeyring(undefined);
    await d?.dispose();
  });

  it('keeps no free text, address or code in a dump of its tables and the job queue', async () => {
    const tables = ['question', 'question_message', 'question_consultation', 'question_consultation_message'];
    const dump = JSON.stringify([
      ...(await Promise.all(tables.map(async (t) => (await sql`select * from ${sql.table(t)}`.execute(d.db)).rows))),
      (await sql`select data from pgboss.job`.execute(d.db)).rows,
      (await sql`select * from audit_event`.execute(d.db)).rows,
    ]);
    for (const s of [...SECRETS, 'osoite-salaisuus@koti.fi', code]) expect(dump).not.toContain(s);
    const registered = ENCRYPTED_COLUMNS.filter((c) => tables.includes(c.table)).map((c) => c.table);
    expect(registered.sort()).toEqual(['question', 'question_consultation_message', 'question_message']);
  });

  it('re-encrypts every field in a key rotation; the conversation then opens with the new key alone', async () => {
    const oldRing = loadKeyring();
    const newKey = Buffer.from(newFieldKey(), 'base64');
    setFieldKeyring(keyringOf([newKey, ...oldRing.all.values()]));
    const report = await reencryptAll(d.db);
    expect(report.find((r) => r.table === 'question')?.rows).toBeGreaterThanOrEqual(1);
    expect(report.find((r) => r.table === 'question_message')?.rows).toBeGreaterThanOrEqual(2);
    expect(report.find((r) => r.table === 'question_consultation_message')?.rows).toBeGreaterThanOrEqual(1);
    setFieldKeyring(keyringOf([newKey]));
    const c = await conversationByCode(d.db, code, 'fi');
    expect(c.text).toBe(SECRETS[0]);
    expect(c.messages.map((m) => m.text)).toEqual([SECRETS[1], SECRETS[2]]);
  });
});

/**
 * Retention on both databases: conversations whose last message is more than 12 months old are erased with their
 * messages and consultations; younger ones stay; a published, anonymised Q&A stays without its question; the
 * erasure is reported as counts in the audit log, without contents. Running again erases nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { definedSchedules, runDueJobs } from '../../src/core/jobs/jobs.js';
import { createMailer } from '../../src/core/mail/mailer.js';
import { askQuestion } from '../../src/core/questions/ask.js';
import { eraseExpiredQuestions, retentionCutoff } from '../../src/core/questions/retention.js';
import { newId } from '../../src/core/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { questionWorld } from './support.js';

describe('the retention cut-off', () => {
  it('is 12 calendar months before now', () => {
    expect(retentionCutoff(new Date('2026-12-06T08:00:00Z')).toISOString()).toBe('2025-12-06T08:00:00.000Z');
  });
});

describe.each(testDatabases())('retention on %s', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await questionWorld(d.db);
  });
  afterAll(async () => d?.dispose());

  const ask = async (text: string, email?: string) =>
    (
      await askQuestion(
        d.db,
        { actor: null },
        { municipality: '018', topic: 'baby', language: 'fi', text, email, uiLang: 'fi' },
        { publicUrl: 'http://x' },
      )
    ).id;
  const lastMessage = (id: string, at: string) =>
    d.db
      .updateTable('question')
      .set({ last_message_at: new Date(at) })
      .where('id', '=', id)
      .execute();

  it('erases conversations 12 months after their last message and reports the counts', async () => {
    const now = new Date('2026-12-06T08:00:00Z');
    const oldAnonymous = await ask('Vanha nimetön');
    const oldWithEmail = await ask('Vanha sähköpostilla', 'vanha@koti.fi');
    const young = await ask('Tuore');
    await lastMessage(oldAnonymous, '2025-11-30T10:00:00Z');
    await lastMessage(oldWithEmail, '2025-12-05T10:00:00Z');
    await lastMessage(young, '2025-12-07T10:00:00Z'); // 11 months and 29 days: stays
    await d.db
      .insertInto('question_message')
      .values({
        id: newId(),
        question_id: oldAnonymous,
        author: 'asker',
        person_id: null,
        team_id: null,
        body_enc: 'enc1:x:y:z',
      })
      .execute();
    const qaId = newId();
    await d.db
      .insertInto('question_qa')
      .values({
        id: qaId,
        question_id: oldAnonymous,
        municipality_code: '018',
        topic: 'baby',
        language: 'fi',
        question_text: 'Anonyymi kysymys',
        answer_text: 'Vastaus',
        published_by: null,
      })
      .execute();

    const report = await eraseExpiredQuestions(d.db, now);
    expect(report).toMatchObject({ questions: 2, messages: 1, consultations: 0, anonymous: 1, withEmail: 1 });
    const left = (await d.db.selectFrom('question').select('id').execute()).map((r) => r.id);
    expect(left).toContain(young);
    expect(left).not.toContain(oldAnonymous);
    expect(left).not.toContain(oldWithEmail);
    expect(
      await d.db.selectFrom('question_message').select('id').where('question_id', '=', oldAnonymous).execute(),
    ).toHaveLength(0);
    const qa = await d.db.selectFrom('question_qa').selectAll().where('id', '=', qaId).executeTakeFirstOrThrow();
    expect(qa.question_id).toBeNull();

    const entry = await d.db
      .selectFrom('audit_event')
      .select(['details', 'actor_name'])
      .where('action', '=', 'question.retention_erased')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('retention');
    expect(entry.details).toMatchObject({ questions: 2, messages: 1, anonymous: 1, withEmail: 1, months: 12 });
    expect(JSON.stringify(entry.details)).not.toContain('Vanha');

    const again = await eraseExpiredQuestions(d.db, now);
    expect(again.questions).toBe(0);
  });

  it('runs every night from the job queue', async () => {
    await import('../../src/core/questions/jobs.js');
    const old = await ask('Ajastettu poisto');
    await lastMessage(old, '2024-01-01T00:00:00Z');
    const config = readConfig({ PORT: '0', PUBLIC_URL: 'http://x' });
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    const mailer = createMailer({ from: 'x@x', log: () => {} });
    const report = await runDueJobs({ db: d.db, mailer, config, log }, { schedules: ['questions.erase'] });
    expect(report.failed).toBe(0);
    expect(await d.db.selectFrom('question').select('id').where('id', '=', old).execute()).toHaveLength(0);
    expect(definedSchedules().find((s) => s.name === 'questions.erase')?.cron).toBe('15 3 * * *');
  });
});

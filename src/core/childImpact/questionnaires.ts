/**
 * Children's and young people's views: a short questionnaire linked to an assessment (ages 7–12 or 13–17, in
 * Finnish and Swedish), answered anonymously on a pictorial scale. An answer keeps no person, no address, no time
 * of day — only the day it came and the language. The free text is encrypted and shown to the assessment's team
 * only (each reading audited); counts are shown only for groups of at least MIN_GROUP answers.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AgeGroup, QuestionDef } from '../../db/schema.childImpact.js';
import type { Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { conflict, notFound, Problems } from '../shared/errors.js';
import { decryptField, encryptField, registerEncryptedColumns } from '../shared/fieldCrypto.js';
import { newId } from '../shared/ids.js';
import type { Lang } from '../shared/lang.js';
import { helsinkiDay } from './dates.js';
import { authorizeTeam } from './policy.js';
import { AREA, isAgeGroup, MAX_QUESTIONS, MIN_GROUP, SCALE } from './vocabulary.js';

const FREE_TEXT = 'child_impact_response.free_text';
registerEncryptedColumns({ table: 'child_impact_response', id: 'id', columns: { free_text: FREE_TEXT } });

type FiSv = { fi: string; sv: string };
export interface NewQuestionnaire {
  ageGroup: string;
  title: FiSv;
  intro: FiSv;
  questions: FiSv[];
  freeText: FiSv;
}

function checkFiSv(p: Problems, v: FiSv, field: string, required: boolean, max: number) {
  const fi = v.fi.trim();
  const sv = v.sv.trim();
  if (required && !fi && !sv) p.add(`${field}_required`, field);
  else if ((fi && !sv) || (!fi && sv)) p.add('both_languages', fi ? `${field}.sv` : `${field}.fi`);
  if (fi.length > max || sv.length > max) p.add('too_long', field);
  return { fi, sv };
}

export async function createQuestionnaire(
  db: Kysely<DB>,
  ctx: AuditContext,
  assessmentId: string,
  n: NewQuestionnaire,
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const a = await tx
      .selectFrom('child_impact_assessment')
      .select(['id', 'organization_id'])
      .where('id', '=', assessmentId)
      .executeTakeFirst();
    if (!a) throw notFound(AREA, 'assessment');
    authorizeTeam(ctx.actor, a.organization_id);
    const p = new Problems(AREA);
    if (!isAgeGroup(n.ageGroup)) p.add('age_group_required', 'age_group');
    const title = checkFiSv(p, n.title, 'title', true, 200);
    const intro = checkFiSv(p, n.intro, 'intro', false, 1000);
    const freeText = checkFiSv(p, n.freeText, 'free_text', false, 300);
    const questions: QuestionDef[] = [];
    n.questions.slice(0, MAX_QUESTIONS).forEach((q, i) => {
      const text = checkFiSv(p, q, `q${i + 1}`, false, 300);
      if (text.fi && text.sv) questions.push({ key: `q${i + 1}`, text });
    });
    if (!questions.length && !n.questions.some((q) => q.fi.trim() || q.sv.trim())) p.add('question_required', 'q1');
    p.throwIfAny();
    const id = newId();
    await tx
      .insertInto('child_impact_questionnaire')
      .values({
        id,
        assessment_id: a.id,
        age_group: n.ageGroup as AgeGroup,
        title: JSON.stringify(title),
        intro: JSON.stringify(intro),
        questions: JSON.stringify(questions),
        free_text_question: JSON.stringify(freeText),
        created_by: ctx.actor.name,
      })
      .execute();
    await audit(tx, ctx, {
      action: 'child_impact.questionnaire_created',
      objectType: 'child_impact_questionnaire',
      objectId: id,
      organizationId: a.organization_id,
      after: { assessment: a.id, ageGroup: n.ageGroup, title, questions },
    });
    return id;
  });
}

export async function setQuestionnaireOpen(db: Kysely<DB>, ctx: AuditContext, id: string, open: boolean) {
  await db.transaction().execute(async (tx) => {
    const q = await questionnaireRow(tx, id);
    authorizeTeam(ctx.actor, q.organization_id);
    const status = open ? 'open' : 'closed';
    if (q.status === status) return;
    await tx.updateTable('child_impact_questionnaire').set({ status }).where('id', '=', id).execute();
    await audit(tx, ctx, {
      action: open ? 'child_impact.questionnaire_opened' : 'child_impact.questionnaire_closed',
      objectType: 'child_impact_questionnaire',
      objectId: id,
      organizationId: q.organization_id,
      before: { status: q.status },
      after: { status },
    });
  });
}

async function questionnaireRow(db: Kysely<DB>, id: string) {
  const q = await db
    .selectFrom('child_impact_questionnaire as q')
    .innerJoin('child_impact_assessment as a', 'a.id', 'q.assessment_id')
    .selectAll('q')
    .select(['a.organization_id', 'a.municipality_code', 'a.published_at', 'a.title as assessment_title'])
    .where('q.id', '=', id)
    .executeTakeFirst();
  if (!q) throw notFound(AREA, 'questionnaire');
  return q;
}

/** What a child sees: the questions, nothing about who else answered. */
export async function publicQuestionnaire(db: Kysely<DB>, id: string) {
  const q = await questionnaireRow(db, id);
  return {
    id: q.id,
    municipalityCode: q.municipality_code,
    ageGroup: q.age_group,
    title: q.title,
    intro: q.intro,
    questions: q.questions,
    freeTextQuestion: q.free_text_question,
    open: q.status === 'open',
  };
}
export type PublicQuestionnaire = Awaited<ReturnType<typeof publicQuestionnaire>>;

export interface Answer {
  answers: Record<string, string>;
  freeText: string;
  lang: Lang;
}

/** Stores one anonymous answer. Nothing about the person is kept: no account, no address, only the day. */
export async function submitAnswer(db: Kysely<DB>, id: string, a: Answer, now = new Date()): Promise<void> {
  const q = await questionnaireRow(db, id);
  if (q.status !== 'open') throw conflict(AREA, 'questionnaire_closed');
  const p = new Problems(AREA);
  const answers: Record<string, number> = {};
  for (const question of q.questions) {
    const v = (a.answers[question.key] ?? '').trim();
    if (!v) continue;
    const n = Number(v);
    if (!/^\d$/.test(v) || (n !== 0 && !SCALE.includes(n as 1))) p.add('choice_invalid', question.key);
    else answers[question.key] = n;
  }
  const freeText = a.freeText.trim();
  if (freeText.length > 1000) p.add('too_long', 'free_text');
  if (!Object.keys(answers).length && !freeText && !p.any)
    p.add('answer_something', q.questions[0]?.key ?? 'free_text');
  p.throwIfAny();
  await db
    .insertInto('child_impact_response')
    .values({
      id: newId(),
      questionnaire_id: id,
      lang: a.lang,
      answers: JSON.stringify(answers),
      free_text: freeText ? encryptField(freeText, FREE_TEXT) : null,
      answered_on: helsinkiDay(now),
    })
    .execute();
}

export interface QuestionResult {
  key: string;
  text: FiSv;
  answered: number;
  /** Counts by scale value (0 = cannot say); null when fewer than MIN_GROUP answered. */
  counts: Record<number, number> | null;
}
export interface Results {
  id: string;
  ageGroup: AgeGroup;
  title: FiSv;
  status: 'open' | 'closed';
  total: number;
  /** Fewer than MIN_GROUP answers in all: nothing is shown as counts. */
  tooFew: boolean;
  questions: QuestionResult[];
}

/** Summarises answers as counts, hiding every group smaller than MIN_GROUP. */
export function summarise(
  q: { id: string; age_group: AgeGroup; title: FiSv; status: 'open' | 'closed'; questions: QuestionDef[] },
  answers: Record<string, number>[],
): Results {
  const total = answers.length;
  const tooFew = total < MIN_GROUP;
  return {
    id: q.id,
    ageGroup: q.age_group,
    title: q.title,
    status: q.status,
    total,
    tooFew,
    questions: q.questions.map((question) => {
      const given = answers.map((x) => x[question.key]).filter((v): v is number => typeof v === 'number');
      const counts: Record<number, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
      for (const v of given) counts[v] = (counts[v] ?? 0) + 1;
      return {
        key: question.key,
        text: question.text,
        answered: tooFew ? 0 : given.length,
        counts: tooFew || given.length < MIN_GROUP ? null : counts,
      };
    }),
  };
}

async function resultsOf(db: Kysely<DB>, questionnaireIds: string[]) {
  if (!questionnaireIds.length) return [];
  const [qs, rs] = await Promise.all([
    db
      .selectFrom('child_impact_questionnaire')
      .selectAll()
      .where('id', 'in', questionnaireIds)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('child_impact_response')
      .select(['questionnaire_id', 'answers'])
      .where('questionnaire_id', 'in', questionnaireIds)
      .execute(),
  ]);
  return qs.map((q) =>
    summarise(
      q as typeof q & { title: FiSv },
      rs.filter((r) => r.questionnaire_id === q.id).map((r) => r.answers),
    ),
  );
}

/** The questionnaires of an assessment with their counts (what may be shown publicly once it is published). */
export async function assessmentResults(db: Kysely<DB>, assessmentId: string): Promise<Results[]> {
  const ids = await db
    .selectFrom('child_impact_questionnaire')
    .select('id')
    .where('assessment_id', '=', assessmentId)
    .execute();
  return resultsOf(
    db,
    ids.map((r) => r.id),
  );
}

/** The team's view of one questionnaire: counts and the free text (decrypted; the reading is audited). */
export async function teamResults(db: Kysely<DB>, ctx: AuditContext & { actor: Actor | null }, id: string) {
  const q = await questionnaireRow(db, id);
  authorizeTeam(ctx.actor, q.organization_id);
  const [results] = await resultsOf(db, [id]);
  const texts = await db
    .selectFrom('child_impact_response')
    .select(['free_text', 'answered_on', 'lang'])
    .where('questionnaire_id', '=', id)
    .where('free_text', 'is not', null)
    .orderBy('answered_on')
    .execute();
  await audit(db, ctx, {
    action: 'child_impact.free_text_read',
    objectType: 'child_impact_questionnaire',
    objectId: id,
    organizationId: q.organization_id,
    details: { texts: texts.length },
  });
  return {
    questionnaire: {
      ...(await publicQuestionnaire(db, id)),
      assessmentId: q.assessment_id,
      assessmentTitle: q.assessment_title,
    },
    results: results!,
    freeTexts: texts.map((t) => ({ text: decryptField(t.free_text!, FREE_TEXT), lang: t.lang })),
  };
}

export async function questionnairesOf(db: Kysely<DB>, assessmentId: string) {
  const rows = await db
    .selectFrom('child_impact_questionnaire as q')
    .leftJoin('child_impact_response as r', 'r.questionnaire_id', 'q.id')
    .select(['q.id', 'q.age_group', 'q.title', 'q.status'])
    .select((eb) => eb.fn.count<number>('r.id').as('answers'))
    .where('q.assessment_id', '=', assessmentId)
    .groupBy(['q.id', 'q.age_group', 'q.title', 'q.status', 'q.created_at'])
    .orderBy('q.created_at')
    .execute();
  return rows.map((r) => ({ ...r, answers: Number(r.answers) }));
}

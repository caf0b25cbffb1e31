/**
 * Reading assessments. The public reads only published ones; the municipality's team reads its own whole, with
 * versions and comments. A read that would show an unpublished assessment to anyone else is refused here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  AssessmentContent,
  AssessmentOutcome,
  AssessmentStatus,
  AssessmentTiming,
} from '../../db/schema.childImpact.js';
import type { Actor } from '../access/permissions.js';
import { ForbiddenError } from '../access/permissions.js';
import { notFound } from '../shared/errors.js';
import { helsinkiDay } from './dates.js';
import { isTeam } from './policy.js';
import { AREA } from './vocabulary.js';

export interface AssessmentView {
  id: string;
  organizationId: string;
  municipalityCode: string;
  body: string;
  reference: string;
  decisionDate: string | null;
  title: string;
  timing: AssessmentTiming;
  status: AssessmentStatus;
  outcome: AssessmentOutcome | null;
  content: AssessmentContent;
  version: number;
  followUpDue: string | null;
  followUpOwnerId: string | null;
  followUpOwnerName: string | null;
  followUpDone: boolean;
  /** The follow-up's day has passed and it is not done. */
  overdue: boolean;
  publishedAt: Date | null;
  demo: boolean;
  updatedAt: Date;
  updatedBy: string | null;
}

const base = (db: Kysely<DB>) =>
  db
    .selectFrom('child_impact_assessment as a')
    .leftJoin('person as owner', 'owner.id', 'a.follow_up_owner_id')
    .selectAll('a')
    .select('owner.name as owner_name');

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function view(r: Row, today: string): AssessmentView {
  return {
    id: r.id,
    organizationId: r.organization_id,
    municipalityCode: r.municipality_code,
    body: r.body,
    reference: r.decision_reference,
    decisionDate: r.decision_date,
    title: r.title,
    timing: r.timing,
    status: r.status,
    outcome: r.outcome,
    content: r.content,
    version: r.version,
    followUpDue: r.follow_up_due,
    followUpOwnerId: r.follow_up_owner_id,
    followUpOwnerName: r.owner_name,
    followUpDone: !!r.follow_up_done_at,
    overdue: !!r.follow_up_due && !r.follow_up_done_at && r.follow_up_due < today,
    publishedAt: r.published_at,
    demo: r.demo,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** An assessment for its team (403 for anyone else, whether it is published or not). */
export async function assessmentForTeam(db: Kysely<DB>, actor: Actor | null, id: string, now = new Date()) {
  const r = await base(db).where('a.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(AREA, 'assessment');
  if (!isTeam(actor, r.organization_id))
    throw new ForbiddenError('child_impact.edit', { organizationId: r.organization_id });
  return view(r, helsinkiDay(now));
}

/** A published assessment, or (for its team) an unpublished one; for anyone else an unpublished one does not exist. */
export async function publishedAssessment(db: Kysely<DB>, actor: Actor | null, id: string, now = new Date()) {
  const r = await base(db).where('a.id', '=', id).executeTakeFirst();
  if (!r || (!r.published_at && !isTeam(actor, r.organization_id))) throw notFound(AREA, 'assessment');
  return view(r, helsinkiDay(now));
}

export interface PublishedFilter {
  municipality?: string;
  body?: string;
}

export async function listPublished(db: Kysely<DB>, f: PublishedFilter = {}, now = new Date()) {
  let q = base(db).where('a.published_at', 'is not', null);
  if (f.municipality) q = q.where('a.municipality_code', '=', f.municipality);
  if (f.body) q = q.where('a.body', '=', f.body);
  const rows = await q.orderBy('a.decision_date', 'desc').orderBy('a.title').execute();
  const today = helsinkiDay(now);
  return rows.map((r) => view(r, today));
}

/** The bodies with published assessments (for the filter), by municipality. */
export async function publishedBodies(db: Kysely<DB>): Promise<{ municipalityCode: string; body: string }[]> {
  const rows = await db
    .selectFrom('child_impact_assessment')
    .select(['municipality_code', 'body'])
    .where('published_at', 'is not', null)
    .groupBy(['municipality_code', 'body'])
    .orderBy('municipality_code')
    .orderBy('body')
    .execute();
  return rows.map((r) => ({ municipalityCode: r.municipality_code, body: r.body }));
}

/** Every assessment of these organisations (the team's list): drafts first, overdue follow-ups marked. */
export async function listForTeam(db: Kysely<DB>, organizationIds: string[], now = new Date()) {
  if (!organizationIds.length) return [];
  const rows = await base(db)
    .where('a.organization_id', 'in', organizationIds)
    .orderBy('a.updated_at', 'desc')
    .execute();
  const today = helsinkiDay(now);
  return rows.map((r) => view(r, today));
}

export async function versionsOf(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('child_impact_version')
    .select(['version', 'step', 'status', 'saved_at', 'saved_by'])
    .where('assessment_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
}

export async function versionContent(db: Kysely<DB>, id: string, version: number) {
  const r = await db
    .selectFrom('child_impact_version')
    .selectAll()
    .where('assessment_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!r) throw notFound(AREA, 'version');
  return r;
}

export async function commentsOf(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('child_impact_comment')
    .select(['id', 'step', 'author_name', 'body', 'created_at'])
    .where('assessment_id', '=', id)
    .orderBy('created_at')
    .execute();
}

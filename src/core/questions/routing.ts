/**
 * Which teams answer which questions: rows of (team, municipality, topic or every topic, language). Coordinators
 * keep every team's rows; an organisation's admins keep the rows of their organisation's teams
 * (`question.routing`). A new row also picks up the open questions that had no team to go to.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, can, organizationsWhere, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { LIFE_SITUATIONS, isOneOf } from '../directory/vocabulary.js';
import { municipalityByCode } from '../places/municipalities.js';
import { notFound, Problems } from '../shared/errors.js';
import { newId, UUID_RE } from '../shared/ids.js';
import { isLang, type Lang, type Translated } from '../shared/lang.js';
import { AREA } from './ask.js';
import { nameIn } from './queries.js';
import type { QuestionLang } from './types.js';

export interface RouteRow {
  id: string;
  teamId: string;
  teamName: string;
  organizationId: string;
  municipality: string;
  topic: string | null;
  language: QuestionLang;
}

/** The teams whose routing the actor keeps. */
export async function routableTeams(db: Kysely<DB>, actor: Actor, lang: Lang) {
  authorize(actor, 'question.routing');
  const orgs = organizationsWhere(actor, 'question.routing');
  let q = db.selectFrom('team').select(['id', 'name', 'organization_id']);
  if (orgs !== 'all')
    q = q.where('organization_id', 'in', orgs.length ? orgs : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.execute();
  return rows
    .map((r) => ({ id: r.id, name: nameIn(r.name as Translated, lang), organizationId: r.organization_id }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

export async function listRoutes(db: Kysely<DB>, actor: Actor, lang: Lang): Promise<RouteRow[]> {
  const teams = await routableTeams(db, actor, lang);
  if (!teams.length) return [];
  const byId = new Map(teams.map((t) => [t.id, t]));
  const rows = await db
    .selectFrom('question_route')
    .selectAll()
    .where(
      'team_id',
      'in',
      teams.map((t) => t.id),
    )
    .orderBy('municipality_code')
    .orderBy('language')
    .orderBy('topic')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    teamName: byId.get(r.team_id)!.name,
    organizationId: byId.get(r.team_id)!.organizationId,
    municipality: r.municipality_code,
    topic: r.topic,
    language: r.language,
  }));
}

export interface RouteInput {
  team: string;
  municipality: string;
  topic: string; // '' = every topic
  language: string;
}

export async function addRoute(db: Kysely<DB>, ctx: AuditContext, input: RouteInput): Promise<string> {
  authorize(ctx.actor, 'question.routing');
  const p = new Problems(AREA);
  const team = UUID_RE.test(input.team)
    ? await db.selectFrom('team').select(['id', 'organization_id']).where('id', '=', input.team).executeTakeFirst()
    : undefined;
  if (!team) p.add('team_unknown', 'team');
  if (!municipalityByCode(input.municipality)) p.add('municipality_unknown', 'municipality');
  if (input.topic && !isOneOf(LIFE_SITUATIONS, input.topic)) p.add('topic_unknown', 'topic');
  if (!isLang(input.language)) p.add('language_unknown', 'language');
  p.throwIfAny();
  authorize(ctx.actor, 'question.routing', { organizationId: team!.organization_id });
  const topic = input.topic || null;
  const language = input.language as QuestionLang;
  const id = newId();
  await db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('question_route')
      .values({
        id,
        team_id: team!.id,
        municipality_code: input.municipality,
        topic,
        language,
        created_by: ctx.actor!.personId,
        created_at: new Date(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    // Open questions that had nowhere to go now have a team.
    let waiting = tx
      .updateTable('question')
      .set({ team_ids: [team!.id] })
      .where(sql<boolean>`cardinality(team_ids) = 0`)
      .where('claimed_team_id', 'is', null)
      .where('municipality_code', '=', input.municipality)
      .where('language', '=', language);
    if (topic) waiting = waiting.where('topic', '=', topic);
    const picked = await waiting.executeTakeFirst();
    await audit(tx, ctx, {
      action: 'question.route_added',
      objectType: 'question_route',
      objectId: id,
      organizationId: team!.organization_id,
      after: { team: team!.id, municipality: input.municipality, topic, language },
      details: { picked_up: Number(picked.numUpdatedRows) },
    });
  });
  return id;
}

export async function removeRoute(db: Kysely<DB>, ctx: AuditContext, id: string): Promise<void> {
  const row = UUID_RE.test(id)
    ? await db
        .selectFrom('question_route')
        .innerJoin('team', 'team.id', 'question_route.team_id')
        .select([
          'question_route.id',
          'question_route.team_id',
          'question_route.municipality_code',
          'question_route.topic',
          'question_route.language',
          'team.organization_id',
        ])
        .where('question_route.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound(AREA, 'route');
  authorize(ctx.actor, 'question.routing', { organizationId: row.organization_id });
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('question_route').where('id', '=', row.id).execute();
    await audit(tx, ctx, {
      action: 'question.route_removed',
      objectType: 'question_route',
      objectId: row.id,
      organizationId: row.organization_id,
      before: { team: row.team_id, municipality: row.municipality_code, topic: row.topic, language: row.language },
    });
  });
}

export const mayRoute = (actor: Actor | null) => can(actor, 'question.routing');

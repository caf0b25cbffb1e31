/**
 * The child-friendly municipality, read: each LAPE municipality's stage (public), one municipality's building
 * blocks, action plan, related LAPE experiments (read-only, from programme tracking) and published assessments.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { BlockStatus, ChildFriendlyStage } from '../../db/schema.childImpact.js';
import { helsinkiDay } from '../childImpact/dates.js';
import { listPublished } from '../childImpact/queries.js';
import { planIdForMunicipality } from '../programme/queries.js';
import { BLOCKS } from './vocabulary.js';

export interface RegionRow {
  code: string;
  name: { fi: string; sv: string };
  stage: ChildFriendlyStage;
  /** The date of the current stage, when known. */
  since: string | null;
  stageDates: Partial<Record<ChildFriendlyStage, string>>;
  blocksInPlace: number;
  actions: number;
  actionsDone: number;
  assessments: number;
}

/** Every LAPE municipality of the region with where it stands (not started when nothing is recorded). */
export async function regionStatus(db: Kysely<DB>): Promise<RegionRow[]> {
  const [munis, statuses, blocks, actions, assessments] = await Promise.all([
    db.selectFrom('municipality').select(['code', 'name']).where('lape', '=', true).execute(),
    db.selectFrom('child_friendly_status').selectAll().execute(),
    db
      .selectFrom('child_friendly_block')
      .select(['municipality_code'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'in_place')
      .groupBy('municipality_code')
      .execute(),
    db.selectFrom('child_friendly_action').select(['municipality_code', 'status']).execute(),
    db
      .selectFrom('child_impact_assessment')
      .select(['municipality_code'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('published_at', 'is not', null)
      .groupBy('municipality_code')
      .execute(),
  ]);
  return munis
    .map((m) => {
      const s = statuses.find((x) => x.municipality_code === m.code);
      const stage = s?.stage ?? 'not_started';
      const a = actions.filter((x) => x.municipality_code === m.code);
      return {
        code: m.code,
        name: m.name,
        stage,
        since: s?.stage_dates[stage] ?? null,
        stageDates: s?.stage_dates ?? {},
        blocksInPlace: Number(blocks.find((b) => b.municipality_code === m.code)?.n ?? 0),
        actions: a.length,
        actionsDone: a.filter((x) => x.status === 'done').length,
        assessments: Number(assessments.find((b) => b.municipality_code === m.code)?.n ?? 0),
      };
    })
    .sort((a, b) => a.name.fi.localeCompare(b.name.fi, 'fi'));
}

export async function municipalityStatus(db: Kysely<DB>, code: string, now = new Date()) {
  const s = await db
    .selectFrom('child_friendly_status')
    .selectAll()
    .where('municipality_code', '=', code)
    .executeTakeFirst();
  const blockRows = await db
    .selectFrom('child_friendly_block')
    .selectAll()
    .where('municipality_code', '=', code)
    .execute();
  const actions = await db
    .selectFrom('child_friendly_action')
    .selectAll()
    .where('municipality_code', '=', code)
    .orderBy('due')
    .orderBy('created_at')
    .execute();
  const planId = await planIdForMunicipality(db, code);
  const experiments = planId
    ? await db
        .selectFrom('programme_action')
        .select(['id', 'title', 'status', 'kind'])
        .where('plan_id', '=', planId)
        .orderBy('title')
        .execute()
    : [];
  const today = helsinkiDay(now);
  return {
    code,
    stage: s?.stage ?? ('not_started' as ChildFriendlyStage),
    stageDates: s?.stage_dates ?? {},
    notes: s?.notes ?? '',
    demo: s?.demo ?? false,
    updatedAt: s?.updated_at ?? null,
    blocks: BLOCKS.map((b) => {
      const r = blockRows.find((x) => x.block === b);
      return { block: b, status: (r?.status ?? 'not_started') as BlockStatus, evidence: r?.evidence ?? '' };
    }),
    actions: actions.map((a) => ({
      id: a.id,
      title: a.title,
      owner: a.owner,
      status: a.status,
      due: a.due,
      late: !!a.due && a.status !== 'done' && a.due < today,
    })),
    experiments,
    assessments: await listPublished(db, { municipality: code }, now),
  };
}
export type MunicipalityStatus = Awaited<ReturnType<typeof municipalityStatus>>;

/**
 * Reading the programme: the region overview (matrix, timeline, spread, counts), one municipality's plan, the
 * versions of a plan, and the programme's own description. Public: no actor needed.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  ActionStatus,
  LapeAreaCode,
  MemberRole,
  MilestoneStatus,
  StatusSource,
} from '../../db/schema.programme.js';
import { MUNICIPALITIES } from '../places/municipalities.js';
import { notFound } from '../shared/errors.js';
import type { Translated } from '../shared/lang.js';
import { pick } from '../shared/translated.js';
import {
  actionOverdue,
  milestoneOverdue,
  SHOWN_MILESTONE_STATUSES,
  shownActionStatus,
  shownMilestoneStatus,
  todayIso,
  type ShownMilestoneStatus,
} from './truth.js';
import { isNothingStatement } from './planDocument/nothing.js';
import type { ParsedPlan, ParsedProgramme } from './planDocument/types.js';
import { ACTION_STATUSES, LAPE_AREAS } from './vocabulary.js';

export interface UpdateView {
  id: string;
  subjectType: string;
  subjectId: string;
  entryDate: string;
  at: Date;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
}
export interface ActionView {
  id: string;
  planId: string;
  kind: 'experiment' | 'adopted';
  municipalityCodes: string[];
  title: string;
  original: string;
  importedStatus: string | null;
  status: ActionStatus;
  statusSource: StatusSource;
  area: LapeAreaCode | null;
  ownerTeam: string;
  /** The team that owns it, when it is one of the network's teams. */
  ownerTeamId: string | null;
  ownerTeamName: Translated | null;
  evidence: string;
  notes: string;
  progress: number | null;
  adoptedFrom: string | null;
  spreadTo: string[];
  current: boolean;
  firstVersion: number;
  lastVersion: number;
  updatedAt: Date;
  updatedBy: string | null;
  updates: UpdateView[];
  /** The status shown and counted: 'spread' once it has spread to other municipalities, else its status. */
  shownStatus: ActionStatus;
  /** The date of its last dated entry, else the plan's date: what "not updated since …" says. */
  lastUpdated: string | null;
  /** Still open (an idea or a trial) and not updated for a year. */
  overdue: boolean;
  /** Published working models that grew from it. */
  workingModels: { key: string; name: Translated }[];
}
export interface MilestoneView {
  id: string;
  planId: string;
  municipalityCodes: string[];
  year: number;
  text: string;
  status: MilestoneStatus;
  statusSource: StatusSource;
  notes: string;
  current: boolean;
  firstVersion: number;
  lastVersion: number;
  updatedAt: Date;
  updatedBy: string | null;
  updates: UpdateView[];
  lastUpdated: string | null;
  /** Its year has ended while it was still open (planned, in progress, delayed), and nobody has updated it since. */
  overdue: boolean;
}
export interface StructuralChangeView {
  id: string;
  planId: string;
  text: string;
  notes: string;
  current: boolean;
  updatedBy: string | null;
}
export interface MemberView {
  id: string;
  name: string;
  title: string;
  role: MemberRole;
  municipalityCode: string | null;
  source: StatusSource;
}
export interface VersionInfo {
  version: number;
  fileName: string;
  importedAt: Date;
  importedBy: string | null;
  planDate: string | null;
  contentHash: string;
}

export interface PlanSummary {
  id: string;
  key: string;
  municipalityCodes: string[];
  title: string | null;
  date: string | null;
  version: number;
  areas: LapeAreaCode[];
  /** The areas the plan's text was read to say; `areas` differ when a person corrected them. */
  importedAreas: LapeAreaCode[];
  areasEditedBy: string | null;
  updatedAt: Date;
}
export interface PlanDetail extends PlanSummary {
  parsed: ParsedPlan;
  actions: ActionView[];
  milestones: MilestoneView[];
  structuralChanges: StructuralChangeView[];
  members: MemberView[];
  versions: VersionInfo[];
  updates: UpdateView[];
}

const updateView = (r: {
  id: string;
  subject_type: string;
  subject_id: string;
  entry_date: string;
  at: Date;
  actor_name: string | null;
  from_status: string | null;
  to_status: string | null;
  note: string;
}): UpdateView => ({
  id: r.id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  entryDate: r.entry_date,
  at: r.at,
  actorName: r.actor_name,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  note: r.note,
});

async function plans(db: Kysely<DB>, ids?: string[]): Promise<PlanSummary[]> {
  let q = db.selectFrom('programme_plan').selectAll().where('kind', '=', 'municipal_plan');
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.orderBy('key').execute();
  if (!rows.length) return [];
  const areas = await db
    .selectFrom('programme_plan_area')
    .selectAll()
    .where(
      'plan_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => {
    const importedAreas = LAPE_AREAS.filter((a) =>
      areas.some((x) => x.plan_id === r.id && x.area === a && x.last_version === r.current_version),
    );
    return {
      id: r.id,
      key: r.key,
      municipalityCodes: r.municipality_codes,
      title: r.title,
      date: r.plan_date,
      version: r.current_version,
      updatedAt: r.updated_at,
      importedAreas,
      areas: r.tracked_areas ? LAPE_AREAS.filter((a) => r.tracked_areas!.includes(a)) : importedAreas,
      areasEditedBy: r.tracked_areas ? r.tracked_areas_by : null,
    };
  });
}

async function items(db: Kysely<DB>, list: PlanSummary[], today = todayIso()) {
  const ids = list.map((p) => p.id);
  if (!ids.length)
    return {
      actions: [] as ActionView[],
      milestones: [] as MilestoneView[],
      structural: [] as StructuralChangeView[],
      updates: [] as UpdateView[],
    };
  const byId = new Map(list.map((p) => [p.id, p]));
  const [a, m, s, u] = await Promise.all([
    db
      .selectFrom('programme_action')
      .selectAll()
      .where('plan_id', 'in', ids)
      .orderBy('plan_id')
      .orderBy('kind', 'desc')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('programme_milestone')
      .selectAll()
      .where('plan_id', 'in', ids)
      .orderBy('year')
      .orderBy('position')
      .execute(),
    db.selectFrom('programme_structural_change').selectAll().where('plan_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('programme_update')
      .selectAll()
      .where('plan_id', 'in', ids)
      .orderBy('at', 'desc')
      .orderBy('id')
      .execute(),
  ]);
  const updates = u.map(updateView);
  const bySubject = new Map<string, UpdateView[]>();
  for (const x of updates) bySubject.set(x.subjectId, [...(bySubject.get(x.subjectId) ?? []), x]);
  const of = (id: string) => bySubject.get(id) ?? [];
  const lastOf = (id: string, planId: string) =>
    of(id).reduce<string | null>((m, x) => (!m || x.entryDate > m ? x.entryDate : m), null) ?? byId.get(planId)!.date;
  const teamIds = [...new Set(a.map((r) => r.owner_team_id).filter((x): x is string => !!x))];
  const teams = teamIds.length
    ? await db.selectFrom('team').select(['id', 'name']).where('id', 'in', teamIds).execute()
    : [];
  const models = a.length
    ? await db
        .selectFrom('working_model')
        .select(['key', 'published', 'origin_action_id'])
        .where(
          'origin_action_id',
          'in',
          a.map((r) => r.id),
        )
        .where('published', 'is not', null)
        .orderBy('key')
        .execute()
    : [];
  // Imported before the parser knew better, a "there was nothing" sentence nobody has tracked is no item.
  const real = a.filter(
    (r) =>
      !(
        r.status_source === 'import' &&
        !r.notes &&
        !r.evidence &&
        !r.owner_team &&
        !r.spread_to.length &&
        isNothingStatement(r.original)
      ),
  );
  const actions: ActionView[] = real.map((r) => {
    const plan = byId.get(r.plan_id)!;
    return {
      id: r.id,
      planId: r.plan_id,
      kind: r.kind,
      municipalityCodes: r.municipality_code ? [r.municipality_code] : plan.municipalityCodes,
      title: r.title,
      original: r.original,
      importedStatus: r.imported_status,
      status: r.status,
      statusSource: r.status_source,
      area: r.area,
      ownerTeam: r.owner_team,
      ownerTeamId: r.owner_team_id,
      ownerTeamName: (teams.find((x) => x.id === r.owner_team_id)?.name as Translated | undefined) ?? null,
      evidence: r.evidence,
      notes: r.notes,
      progress: r.progress,
      adoptedFrom: r.adopted_from_code,
      spreadTo: r.spread_to,
      current: r.last_version === plan.version,
      firstVersion: r.first_version,
      lastVersion: r.last_version,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
      updates: of(r.id),
      shownStatus: shownActionStatus(r.status, r.spread_to),
      lastUpdated: lastOf(r.id, r.plan_id),
      overdue: actionOverdue(r.status, lastOf(r.id, r.plan_id), today),
      workingModels: models
        .filter((m) => m.origin_action_id === r.id)
        .map((m) => ({ key: m.key, name: (m.published as { name: Translated }).name })),
    };
  });
  const milestones: MilestoneView[] = m.map((r) => {
    const plan = byId.get(r.plan_id)!;
    return {
      id: r.id,
      planId: r.plan_id,
      municipalityCodes: r.municipality_code ? [r.municipality_code] : plan.municipalityCodes,
      year: r.year,
      text: r.text,
      status: r.status,
      statusSource: r.status_source,
      notes: r.notes,
      current: r.last_version === plan.version,
      firstVersion: r.first_version,
      lastVersion: r.last_version,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
      updates: of(r.id),
      lastUpdated: lastOf(r.id, r.plan_id),
      overdue: milestoneOverdue(r.status, r.year, lastOf(r.id, r.plan_id), today),
    };
  });
  const structural: StructuralChangeView[] = s.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    text: r.text,
    notes: r.notes,
    current: r.last_version === byId.get(r.plan_id)!.version,
    updatedBy: r.updated_by,
  }));
  return { actions, milestones, structural, updates };
}

/** The plan that covers a municipality (by official code), or null. */
export async function planIdForMunicipality(db: Kysely<DB>, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('programme_plan')
    .select('id')
    .where('kind', '=', 'municipal_plan')
    .where((eb) => eb(eb.val(code), '=', eb.fn.any('municipality_codes')))
    .orderBy('key')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function planDetail(db: Kysely<DB>, planId: string, today = todayIso()): Promise<PlanDetail> {
  const [plan] = await plans(db, [planId]);
  if (!plan) throw notFound('programme', 'plan');
  const [{ actions, milestones, structural, updates }, members, versions, latest] = await Promise.all([
    items(db, [plan], today),
    db
      .selectFrom('programme_member')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('source')
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('name')
      .execute(),
    planVersions(db, planId),
    db
      .selectFrom('programme_plan_version')
      .select('parsed')
      .where('plan_id', '=', planId)
      .where('version', '=', plan.version)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    ...plan,
    parsed: latest.parsed as ParsedPlan,
    actions,
    milestones,
    structuralChanges: structural,
    versions,
    updates: updates.filter((u) => u.subjectType === 'plan'),
    members: members
      .filter((m) => m.source === 'person' || m.last_version === plan.version)
      .map((m) => ({
        id: m.id,
        name: m.name,
        title: m.title,
        role: m.role,
        municipalityCode: m.municipality_code,
        source: m.source,
      })),
  };
}

export async function planVersions(db: Kysely<DB>, planId: string): Promise<VersionInfo[]> {
  const rows = await db
    .selectFrom('programme_plan_version')
    .select(['version', 'file_name', 'imported_at', 'imported_by', 'plan_date', 'content_hash'])
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    fileName: r.file_name,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    planDate: r.plan_date,
    contentHash: r.content_hash,
  }));
}

export async function planVersionText(
  db: Kysely<DB>,
  planId: string,
  version: number,
): Promise<{ text: string; parsed: unknown; info: VersionInfo }> {
  const r = await db
    .selectFrom('programme_plan_version')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!r) throw notFound('programme', 'version');
  return {
    text: r.source_text,
    parsed: r.parsed,
    info: {
      version: r.version,
      fileName: r.file_name,
      importedAt: r.imported_at,
      importedBy: r.imported_by,
      planDate: r.plan_date,
      contentHash: r.content_hash,
    },
  };
}

export interface ProgrammeDescription {
  parsed: ParsedProgramme;
  version: number;
  planId: string;
  updatedAt: Date;
}

/** The regional summary's latest version: the programme's own description; null before it is imported. */
export async function programmeDescription(db: Kysely<DB>): Promise<ProgrammeDescription | null> {
  const plan = await db.selectFrom('programme_plan').selectAll().where('key', '=', 'programme').executeTakeFirst();
  if (!plan) return null;
  const v = await db
    .selectFrom('programme_plan_version')
    .select('parsed')
    .where('plan_id', '=', plan.id)
    .where('version', '=', plan.current_version)
    .executeTakeFirstOrThrow();
  return {
    parsed: v.parsed as ParsedProgramme,
    version: plan.current_version,
    planId: plan.id,
    updatedAt: plan.updated_at,
  };
}

// ---- The region overview ----

export interface OverviewFilter {
  municipality?: string;
  year?: number;
  milestoneStatus?: ShownMilestoneStatus;
  actionStatus?: ActionStatus;
  area?: LapeAreaCode;
}

export interface SpreadLink {
  from: string;
  to: string;
  actionId: string;
  title: string;
  via: 'adopted' | 'spread';
}

export interface OverviewRow {
  code: string;
  plan: PlanSummary | null;
  /** Invited to the programme (Myrskylä, Pukkila), not one of its municipalities. */
  invited: boolean;
  /** Per LAPE area: does the plan work on it, and its experiments there. */
  cells: Record<LapeAreaCode, { works: boolean; actions: ActionView[] }>;
  /** Experiments without an area. */
  unplaced: ActionView[];
}

export interface Overview {
  rows: OverviewRow[];
  actions: ActionView[];
  milestones: MilestoneView[];
  /** Milestones before the filter: the timeline's totals per year and status. */
  milestoneTotal: number;
  spread: SpreadLink[];
  /** Experiments by the status shown (spread once spread). */
  statusCounts: Record<ActionStatus, number>;
  /** Open experiments not updated for a year. */
  overdueActions: number;
  /** Milestones by the status shown: overdue apart from planned. */
  milestoneStatusCounts: Record<ShownMilestoneStatus, number>;
  years: number[];
}

/** Every municipality of the programme, and those invited to it. */
const PROGRAMME_CODES = MUNICIPALITIES.map((m) => m.code);
export const isInvited = (code: string) => MUNICIPALITIES.some((m) => m.code === code && !m.lape);

export async function programmeOverview(db: Kysely<DB>, f: OverviewFilter = {}, today = todayIso()): Promise<Overview> {
  const list = await plans(db);
  const { actions: all, milestones: allMilestones } = await items(db, list, today);
  const current = all.filter((a) => a.current);
  const codes = [...new Set([...PROGRAMME_CODES, ...list.flatMap((p) => p.municipalityCodes)])];
  const inMunicipality = (x: { municipalityCodes: string[] }) =>
    !f.municipality || x.municipalityCodes.includes(f.municipality);
  const actions = current.filter(
    (a) => inMunicipality(a) && (!f.actionStatus || a.shownStatus === f.actionStatus) && (!f.area || a.area === f.area),
  );
  const rows: OverviewRow[] = codes
    .filter((c) => !f.municipality || c === f.municipality)
    .map((code) => {
      const plan = list.find((p) => p.municipalityCodes.includes(code)) ?? null;
      const mine = actions.filter((a) => a.kind === 'experiment' && a.municipalityCodes.includes(code));
      const cells = Object.fromEntries(
        LAPE_AREAS.map((area) => [
          area,
          { works: !!plan?.areas.includes(area), actions: mine.filter((a) => a.area === area) },
        ]),
      ) as OverviewRow['cells'];
      return { code, plan, invited: isInvited(code), cells, unplaced: mine.filter((a) => !a.area) };
    });
  const currentMilestones = allMilestones.filter((m) => m.current);
  const milestones = currentMilestones.filter(
    (m) =>
      inMunicipality(m) &&
      (!f.year || m.year === f.year) &&
      (!f.milestoneStatus || shownMilestoneStatus(m) === f.milestoneStatus),
  );
  const spread: SpreadLink[] = [];
  for (const a of current) {
    if (a.adoptedFrom)
      for (const to of a.municipalityCodes)
        spread.push({ from: a.adoptedFrom, to, actionId: a.id, title: a.title, via: 'adopted' });
    // Spread as counted: the links of experiments shown as spread (a stopped one did not spread).
    for (const to of a.shownStatus === 'spread' ? a.spreadTo : [])
      for (const from of a.municipalityCodes) spread.push({ from, to, actionId: a.id, title: a.title, via: 'spread' });
  }
  const statusCounts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  const counted = current.filter((x) => x.kind === 'experiment' && inMunicipality(x) && (!f.area || x.area === f.area));
  for (const a of counted) statusCounts[a.shownStatus]++;
  const milestoneStatusCounts = Object.fromEntries(SHOWN_MILESTONE_STATUSES.map((s) => [s, 0])) as Record<
    ShownMilestoneStatus,
    number
  >;
  for (const m of currentMilestones.filter((x) => inMunicipality(x) && (!f.year || x.year === f.year)))
    milestoneStatusCounts[shownMilestoneStatus(m)]++;
  const years = [...new Set(currentMilestones.map((m) => m.year))].sort((a, b) => a - b);
  return {
    rows,
    actions,
    milestones,
    milestoneTotal: currentMilestones.length,
    spread,
    statusCounts,
    overdueActions: counted.filter((a) => a.overdue).length,
    milestoneStatusCounts,
    years,
  };
}

/** Everything, for the JSON export: the programme's description and every plan with what is tracked. */
export async function programmeExport(db: Kysely<DB>) {
  const description = await programmeDescription(db);
  const list = await plans(db);
  const details = await Promise.all(list.map((p) => planDetail(db, p.id)));
  return { description, plans: details };
}

/** The plan holding an action, milestone or structural change, with the item; null when there is none. */
export async function itemWithPlan(
  db: Kysely<DB>,
  type: 'action' | 'milestone' | 'structural_change',
  id: string,
): Promise<{ plan: PlanDetail; action?: ActionView; milestone?: MilestoneView; change?: StructuralChangeView } | null> {
  const table =
    type === 'action'
      ? 'programme_action'
      : type === 'milestone'
        ? 'programme_milestone'
        : 'programme_structural_change';
  const row = await db.selectFrom(table).select('plan_id').where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const plan = await planDetail(db, row.plan_id);
  return {
    plan,
    action: plan.actions.find((a) => a.id === id),
    milestone: plan.milestones.find((m) => m.id === id),
    change: plan.structuralChanges.find((c) => c.id === id),
  };
}

/** The plan of a member of a working group (for the redirect after removing them). */
export async function memberPlan(db: Kysely<DB>, memberId: string): Promise<string[] | null> {
  const row = await db
    .selectFrom('programme_member')
    .innerJoin('programme_plan', 'programme_plan.id', 'programme_member.plan_id')
    .select('programme_plan.municipality_codes')
    .where('programme_member.id', '=', memberId)
    .executeTakeFirst();
  return row?.municipality_codes ?? null;
}

/** What names a plan in a heading: its kind and municipalities. */
export async function planSummary(
  db: Kysely<DB>,
  planId: string,
): Promise<{ id: string; kind: 'municipal_plan' | 'programme_summary'; municipalityCodes: string[] }> {
  const plan = await db
    .selectFrom('programme_plan')
    .select(['id', 'kind', 'municipality_codes'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw notFound('programme', 'plan');
  return { id: plan.id, kind: plan.kind, municipalityCodes: plan.municipality_codes };
}

/** The network's teams, for choosing the team that owns an experiment: names in the reader's language. */
export async function networkTeams(
  db: Kysely<DB>,
  lang: 'fi' | 'sv' | 'en',
): Promise<{ id: string; name: string; organization: string }[]> {
  const rows = await db
    .selectFrom('team')
    .innerJoin('organization', 'organization.id', 'team.organization_id')
    .select(['team.id', 'team.name', 'organization.name as org'])
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: pick(r.name as Translated, lang),
      organization: pick(r.org as Translated, lang),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, lang) || a.id.localeCompare(b.id));
}

/**
 * What leaves the server about the programme: JSON (snake_case, chosen fields) and CSV rows. Public open data:
 * who changed what (professionals' names) stays in the audit log and the signed-in pages, not here; the
 * working group is public, as the plan itself names it.
 */
import { municipalityByCode } from '../places/municipalities.js';
import type {
  ActionView,
  MilestoneView,
  PlanDetail,
  ProgrammeDescription,
  StructuralChangeView,
  UpdateView,
} from './queries.js';

const muni = (code: string) => ({ code, name: municipalityByCode(code)?.name ?? { fi: code, sv: code } });
const iso = (d: Date) => d.toISOString();

const update = (u: UpdateView) => ({
  date: u.entryDate,
  at: iso(u.at),
  from_status: u.fromStatus,
  to_status: u.toStatus,
  note: u.note,
});

export const presentAction = (a: ActionView) => ({
  id: a.id,
  kind: a.kind,
  title: a.title,
  original: a.original,
  municipalities: a.municipalityCodes,
  status: a.status,
  shown_status: a.shownStatus,
  overdue: a.overdue,
  last_updated: a.lastUpdated,
  status_set_by: a.statusSource,
  imported_status: a.importedStatus,
  area: a.area,
  owner_team: a.ownerTeam || null,
  owner_team_id: a.ownerTeamId,
  owner_team_name: a.ownerTeamName,
  working_models: a.workingModels.map((m) => ({ key: m.key, name: m.name })),
  progress: a.progress,
  evidence: a.evidence || null,
  notes: a.notes || null,
  adopted_from: a.adoptedFrom,
  spread_to: a.spreadTo,
  in_current_version: a.current,
  first_version: a.firstVersion,
  last_version: a.lastVersion,
  updated_at: iso(a.updatedAt),
  updates: a.updates.map(update),
});

export const presentMilestone = (m: MilestoneView) => ({
  id: m.id,
  year: m.year,
  text: m.text,
  municipalities: m.municipalityCodes,
  status: m.status,
  overdue: m.overdue,
  last_updated: m.lastUpdated,
  status_set_by: m.statusSource,
  notes: m.notes || null,
  in_current_version: m.current,
  first_version: m.firstVersion,
  last_version: m.lastVersion,
  updated_at: iso(m.updatedAt),
  updates: m.updates.map(update),
});

const presentStructural = (s: StructuralChangeView) => ({
  id: s.id,
  text: s.text,
  notes: s.notes || null,
  in_current_version: s.current,
});

export const presentPlan = (p: PlanDetail) => ({
  id: p.id,
  municipalities: p.municipalityCodes.map(muni),
  title: p.title,
  date: p.date,
  version: p.version,
  development_areas: p.areas,
  development_areas_in_text: p.importedAreas,
  introduction: p.parsed.introduction,
  sections: p.parsed.sections,
  experiments: p.actions.filter((a) => a.kind === 'experiment').map(presentAction),
  adopted_from_others: p.actions.filter((a) => a.kind === 'adopted').map(presentAction),
  roadmap: p.milestones.map(presentMilestone),
  structural_changes: p.structuralChanges.map(presentStructural),
  working_group: p.members.map((m) => ({
    name: m.name,
    title: m.title || null,
    role: m.role,
    municipality: m.municipalityCode,
    from_plan: m.source === 'import',
  })),
  versions: p.versions.map((v) => ({
    version: v.version,
    file: v.fileName,
    date: v.planDate,
    imported_at: iso(v.importedAt),
    sha256: v.contentHash,
  })),
  updated_at: iso(p.updatedAt),
});

export const presentProgramme = (d: ProgrammeDescription | null) =>
  d
    ? {
        title: d.parsed.title ?? null,
        goals: d.parsed.goals,
        sub_goals: d.parsed.sub_goals,
        challenges: d.parsed.challenges,
        strengths: d.parsed.strengths,
        partners: d.parsed.partners,
        changes: d.parsed.changes,
        contacts: d.parsed.people,
        sections: d.parsed.sections,
        version: d.version,
        updated_at: iso(d.updatedAt),
      }
    : null;

export const EXPERIMENT_CSV_COLUMNS = [
  'id',
  'plan_id',
  'municipality_codes',
  'municipalities',
  'kind',
  'title',
  'status',
  'status_set_by',
  'imported_status',
  'area',
  'owner_team',
  'progress',
  'adopted_from',
  'spread_to',
  'evidence',
  'notes',
  'original',
  'in_current_version',
  'updated_at',
  'overdue',
  'last_updated',
] as const;

export function experimentCsvRow(a: ActionView): Record<(typeof EXPERIMENT_CSV_COLUMNS)[number], string> {
  return {
    id: a.id,
    plan_id: a.planId,
    municipality_codes: a.municipalityCodes.join(' '),
    municipalities: a.municipalityCodes.map((c) => municipalityByCode(c)?.name.fi ?? c).join(', '),
    kind: a.kind,
    title: a.title,
    status: a.status,
    status_set_by: a.statusSource,
    imported_status: a.importedStatus ?? '',
    area: a.area ?? '',
    owner_team: a.ownerTeam,
    progress: a.progress === null ? '' : String(a.progress),
    adopted_from: a.adoptedFrom ?? '',
    spread_to: a.spreadTo.join(' '),
    evidence: a.evidence,
    notes: a.notes,
    original: a.original,
    in_current_version: a.current ? 'true' : 'false',
    updated_at: iso(a.updatedAt),
    overdue: a.overdue ? 'true' : 'false',
    last_updated: a.lastUpdated ?? '',
  };
}

export const MILESTONE_CSV_COLUMNS = [
  'id',
  'plan_id',
  'municipality_codes',
  'municipalities',
  'year',
  'text',
  'status',
  'status_set_by',
  'notes',
  'in_current_version',
  'updated_at',
  'overdue',
  'last_updated',
] as const;

export function milestoneCsvRow(m: MilestoneView): Record<(typeof MILESTONE_CSV_COLUMNS)[number], string> {
  return {
    id: m.id,
    plan_id: m.planId,
    municipality_codes: m.municipalityCodes.join(' '),
    municipalities: m.municipalityCodes.map((c) => municipalityByCode(c)?.name.fi ?? c).join(', '),
    year: String(m.year),
    text: m.text,
    status: m.status,
    status_set_by: m.statusSource,
    notes: m.notes,
    in_current_version: m.current ? 'true' : 'false',
    updated_at: iso(m.updatedAt),
    overdue: m.overdue ? 'true' : 'false',
    last_updated: m.lastUpdated ?? '',
  };
}

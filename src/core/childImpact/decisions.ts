/**
 * The decisions of a municipality's bodies, entered one at a time or imported as CSV (reference, date, body,
 * title), and the reports the team reads: the share of a body's decisions assessed per year, assessments by
 * timing and outcome, and what children said across assessments.
 */
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { DomainError, Problems, type Problem } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { parseDay } from './dates.js';
import { authorizeTeam } from './policy.js';
import { assessmentResults, type Results } from './questionnaires.js';
import { AREA, OUTCOMES, TIMINGS } from './vocabulary.js';

export interface DecisionInput {
  reference: string;
  date: string;
  body: string;
  title: string;
}

function checkDecision(d: DecisionInput, p: Problems, prefix = '') {
  const reference = d.reference.trim();
  const body = d.body.trim();
  const title = d.title.trim();
  const date = parseDay(d.date);
  if (!reference) p.add('reference_required', `${prefix}reference`);
  if (!body) p.add('body_required', `${prefix}body`);
  if (!title) p.add('title_required', `${prefix}title`);
  if (!date) p.add('date_invalid', `${prefix}decision_date`);
  if (reference.length > 100 || body.length > 200 || title.length > 300) p.add('too_long_short', `${prefix}title`);
  return { reference, body, title, date: date ?? '' };
}

async function orgCode(db: Kysely<DB>, organizationId: string) {
  const o = await db
    .selectFrom('organization')
    .select(['municipality_code', 'type'])
    .where('id', '=', organizationId)
    .executeTakeFirst();
  if (!o || o.type !== 'municipality' || !o.municipality_code)
    throw new DomainError('not_found', 'organization_not_found', { area: AREA });
  return o.municipality_code;
}

/** Adds (or updates, by body and reference) decisions; returns how many were stored. */
async function storeDecisions(
  db: Kysely<DB>,
  ctx: AuditContext,
  organizationId: string,
  rows: ReturnType<typeof checkDecision>[],
  how: string,
) {
  const code = await orgCode(db, organizationId);
  await db.transaction().execute(async (tx) => {
    for (const r of rows)
      await tx
        .insertInto('child_impact_decision')
        .values({
          id: newId(),
          organization_id: organizationId,
          municipality_code: code,
          body: r.body,
          reference: r.reference,
          decision_date: r.date,
          title: r.title,
        })
        .onConflict((oc) =>
          oc.columns(['organization_id', 'body', 'reference']).doUpdateSet({ decision_date: r.date, title: r.title }),
        )
        .execute();
    await audit(tx, ctx, {
      action: 'child_impact.decisions_saved',
      objectType: 'child_impact_decision',
      organizationId,
      after: rows.length === 1 ? rows[0] : undefined,
      details: { how, count: rows.length },
    });
  });
  return rows.length;
}

export async function addDecision(db: Kysely<DB>, ctx: AuditContext, organizationId: string, d: DecisionInput) {
  authorizeTeam(ctx.actor, organizationId);
  const p = new Problems(AREA);
  const row = checkDecision(d, p);
  p.throwIfAny();
  return storeDecisions(db, ctx, organizationId, [row], 'form');
}

const HEADER: Record<string, keyof DecisionInput> = {
  reference: 'reference',
  pykälä: 'reference',
  diaarinumero: 'reference',
  date: 'date',
  päivämäärä: 'date',
  datum: 'date',
  body: 'body',
  toimielin: 'body',
  organ: 'body',
  title: 'title',
  otsikko: 'title',
  rubrik: 'title',
  paragraf: 'reference',
};

/**
 * Imports decisions from CSV text (comma or semicolon separated, a header row naming reference, date, body and
 * title — in English, Finnish or Swedish). All or nothing: any row with a problem refuses the whole import and
 * says which rows.
 */
export async function importDecisionsCsv(db: Kysely<DB>, ctx: AuditContext, organizationId: string, text: string) {
  authorizeTeam(ctx.actor, organizationId);
  const clean = text.replace(/^\uFEFF/, '').trim();
  if (!clean)
    throw new DomainError('invalid', 'csv_empty', { area: AREA, problems: [{ field: 'csv', code: 'csv_empty' }] });
  if (clean.length > 1_000_000)
    throw new DomainError('invalid', 'csv_too_large', {
      area: AREA,
      problems: [{ field: 'csv', code: 'csv_too_large' }],
    });
  const firstLine = clean.split(/\r?\n/)[0]!;
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(clean, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch {
    throw new DomainError('invalid', 'csv_unreadable', {
      area: AREA,
      problems: [{ field: 'csv', code: 'csv_unreadable' }],
    });
  }
  const header = records[0]!.map((h) => HEADER[h.toLowerCase()]);
  const missing = (['reference', 'date', 'body', 'title'] as const).filter((k) => !header.includes(k));
  if (missing.length)
    throw new DomainError('invalid', 'csv_header', {
      area: AREA,
      problems: [{ field: 'csv', code: 'csv_header', params: { missing: missing.join(', ') } }],
    });
  const problems: Problem[] = [];
  const rows = records.slice(1).map((cells, i) => {
    const d: DecisionInput = { reference: '', date: '', body: '', title: '' };
    header.forEach((k, j) => {
      if (k) d[k] = cells[j] ?? '';
    });
    const p = new Problems(AREA);
    const row = checkDecision(d, p);
    if (p.any)
      problems.push({
        field: 'csv',
        code: 'csv_row',
        params: { row: i + 2, problem: p.list.map((x) => x.field.replace('decision_', '')).join(', ') },
      });
    return row;
  });
  if (!rows.length) problems.push({ field: 'csv', code: 'csv_empty' });
  if (problems.length)
    throw new DomainError('invalid', problems[0]!.code, { area: AREA, problems: problems.slice(0, 20) });
  return storeDecisions(db, ctx, organizationId, rows, 'csv');
}

export interface ShareRow {
  body: string;
  year: number;
  decisions: number;
  assessed: number;
  screenedOut: number;
  /** Percent of the decisions with an assessment (screening included), rounded. */
  share: number;
}

export interface Report {
  share: ShareRow[];
  byTiming: { year: number; counts: Record<string, number> }[];
  byOutcome: { year: number; counts: Record<string, number> }[];
  children: { assessmentId: string; title: string; results: Results[] }[];
}

const norm = (s: string) => s.trim().toLocaleLowerCase('fi');
const yearOf = (d: string | null, fallback: Date) => (d ? Number(d.slice(0, 4)) : fallback.getUTCFullYear());

/** The team's report over their organisations' decisions and assessments. */
export async function report(db: Kysely<DB>, ctx: AuditContext, organizationId: string): Promise<Report> {
  authorizeTeam(ctx.actor, organizationId);
  const [decisions, assessments] = await Promise.all([
    db.selectFrom('child_impact_decision').selectAll().where('organization_id', '=', organizationId).execute(),
    db
      .selectFrom('child_impact_assessment')
      .select([
        'id',
        'title',
        'body',
        'decision_reference',
        'decision_date',
        'timing',
        'status',
        'outcome',
        'created_at',
      ])
      .where('organization_id', '=', organizationId)
      .execute(),
  ]);
  const byKey = new Map(assessments.map((a) => [`${norm(a.body)}|${norm(a.decision_reference)}`, a]));
  const share = new Map<string, ShareRow>();
  for (const d of decisions) {
    const year = Number(d.decision_date.slice(0, 4));
    const key = `${d.body}|${year}`;
    const row = share.get(key) ?? { body: d.body, year, decisions: 0, assessed: 0, screenedOut: 0, share: 0 };
    row.decisions++;
    const a = byKey.get(`${norm(d.body)}|${norm(d.reference)}`);
    if (a) {
      row.assessed++;
      if (a.status === 'screened_out') row.screenedOut++;
    }
    share.set(key, row);
  }
  const shareRows = [...share.values()]
    .map((r) => ({ ...r, share: Math.round((100 * r.assessed) / r.decisions) }))
    .sort((a, b) => b.year - a.year || a.body.localeCompare(b.body, 'fi'));
  const count = (keys: readonly string[], of: (a: (typeof assessments)[number]) => string | null) => {
    const years = new Map<number, Record<string, number>>();
    for (const a of assessments) {
      const y = yearOf(a.decision_date, a.created_at);
      const c = years.get(y) ?? Object.fromEntries(keys.map((k) => [k, 0]));
      const k = of(a);
      if (k && k in c) c[k]!++;
      years.set(y, c);
    }
    return [...years].sort((a, b) => b[0] - a[0]).map(([year, counts]) => ({ year, counts }));
  };
  const children = [];
  for (const a of assessments) {
    const results = await assessmentResults(db, a.id);
    if (results.length) children.push({ assessmentId: a.id, title: a.title, results });
  }
  return {
    share: shareRows,
    byTiming: count(TIMINGS, (a) => a.timing),
    byOutcome: count([...OUTCOMES, 'screened_out', 'draft'], (a) =>
      a.status === 'screened_out' ? 'screened_out' : a.status === 'draft' ? 'draft' : a.outcome,
    ),
    children,
  };
}

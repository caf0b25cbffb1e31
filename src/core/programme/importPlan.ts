/**
 * Storing an imported plan document with its history. Each import of a text not seen before becomes a new
 * version (kept whole: the text and what the parser understood); the same text again changes nothing.
 *
 * Imported text and tracked state live side by side (see migrations/0007_programme.sql): an import rewrites the
 * plan's own words of each item (title, original wording, year, the parser's status) and which versions contain
 * it, and never what people keep in the browser (status once a person has set it, notes, evidence, owner team,
 * area once chosen, spread, members they added). An item is found again in the next version by its wording
 * (reworded items by word overlap), so its tracked state follows it; an item gone from the text stays, marked
 * as not in the current version, with everything tracked about it.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ActionStatus, LapeAreaCode } from '../../db/schema.programme.js';
import { authorize } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { MUNICIPALITIES } from '../places/municipalities.js';
import { idFromKey, newId } from '../shared/ids.js';
import { DomainError, invalid } from '../shared/errors.js';
import { matchItems, matchKey } from './matching.js';
import { isNothingStatement } from './planDocument/nothing.js';
import type { ParsedDocument, ParsedPlan, PlanPerson } from './planDocument/types.js';
import { guessArea, LAPE_AREAS, statusFromImport } from './vocabulary.js';

type Tx = Transaction<DB>;

export interface ImportResult {
  planId: string;
  version: number;
  changed: boolean;
}

/** The text as stored and hashed: line ends normalised, trailing spaces of lines and of the file dropped. */
export function normaliseSourceText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\s+$/, '');
}

export const contentHash = (text: string) => createHash('sha256').update(normaliseSourceText(text)).digest('hex');

/** A plan is identified by the municipalities it covers; the regional summary is the programme's own. */
export function planKey(doc: ParsedDocument): string {
  if (doc.kind === 'programme_summary') return 'programme';
  const codes = [...new Set(doc.municipalities.map((m) => m.code))].sort();
  if (!codes.length || codes.some((c) => !MUNICIPALITIES.some((m) => m.code === c)))
    throw invalid('programme', 'plan_without_municipality');
  return `plan:${codes.join('+')}`;
}

const KNOWN_NAMES = MUNICIPALITIES.flatMap((m) =>
  [m.name.fi, m.name.sv].map((n) => ({ code: m.code, name: n.toLowerCase() })),
);

/** A municipality given by code or by name (Finnish or Swedish, possibly inflected: "Inkoon"). */
export function municipalityCodeOf(s: string | undefined): string | null {
  if (!s) return null;
  const v = s.trim().toLowerCase();
  if (MUNICIPALITIES.some((m) => m.code === v)) return v;
  const hit = KNOWN_NAMES.find((n) => v === n.name || (v.startsWith(n.name) && v.length - n.name.length <= 3));
  return hit?.code ?? null;
}

/** Section 4 may name the municipality an experiment comes from ("Hangon mallin mukaan", "från Raseborg"). */
export function adoptedFromCode(text: string, own: string[]): string | null {
  const lower = text.toLowerCase();
  for (const m of MUNICIPALITIES) {
    if (own.includes(m.code)) continue;
    for (const n of [m.name.fi, m.name.sv]) {
      const stem = n.toLowerCase().replace(/[aeiouyäö]$/, '');
      if (new RegExp(`(^|[^\\p{L}])${stem}\\p{L}{0,5}([^\\p{L}]|$)`, 'u').test(lower)) return m.code;
    }
  }
  return null;
}

/**
 * The largest plan text taken (characters). The seed plans are about 10 000; a plan of the template, even with
 * long appendices pasted in, stays well under this. A larger text is refused whole (413) before anything is saved.
 */
export const MAX_PLAN_CHARS = 500_000;

/** Refuses a plan text over the cap: too_large, with the limit in the translated message. */
export function checkPlanSize(text: string): void {
  if (text.length > MAX_PLAN_CHARS)
    throw new DomainError('too_large', 'plan_too_large', {
      area: 'programme',
      params: { max: MAX_PLAN_CHARS.toLocaleString('fi-FI') },
      problems: [{ field: 'text', code: 'plan_too_large', params: { max: MAX_PLAN_CHARS.toLocaleString('fi-FI') } }],
    });
}

export async function importPlanDocument(
  db: Kysely<DB>,
  ctx: AuditContext,
  doc: ParsedDocument,
  source: { text: string; fileName: string },
): Promise<ImportResult> {
  checkPlanSize(source.text);
  // The command line imports as the system (no actor); a person needs the permission.
  if (ctx.actor) authorize(ctx.actor, 'programme.import');
  const key = planKey(doc);
  const planId = idFromKey('programme_plan', key);
  const hash = contentHash(source.text);
  const who = ctx.actor?.name ?? ctx.actorName ?? null;
  return db.transaction().execute(async (tx) => {
    const plan = await tx
      .selectFrom('programme_plan')
      .selectAll()
      .where('id', '=', planId)
      .forUpdate()
      .executeTakeFirst();
    if (plan) {
      const latest = await tx
        .selectFrom('programme_plan_version')
        .select('content_hash')
        .where('plan_id', '=', planId)
        .where('version', '=', plan.current_version)
        .executeTakeFirst();
      if (latest?.content_hash === hash) return { planId, version: plan.current_version, changed: false };
    }
    const version = (plan?.current_version ?? 0) + 1;
    const codes = doc.kind === 'municipal_plan' ? key.slice('plan:'.length).split('+') : [];
    const date = doc.kind === 'municipal_plan' && doc.date && /^\d{4}-\d{2}-\d{2}$/.test(doc.date) ? doc.date : null;
    const title = doc.title ?? null;
    if (plan) {
      await tx
        .updateTable('programme_plan')
        .set({
          current_version: version,
          title,
          plan_date: date ?? plan.plan_date,
          municipality_codes: codes,
          updated_at: new Date(),
        })
        .where('id', '=', planId)
        .execute();
    } else {
      await tx
        .insertInto('programme_plan')
        .values({
          id: planId,
          key,
          kind: doc.kind,
          municipality_codes: codes,
          title,
          plan_date: date,
          current_version: version,
        })
        .execute();
    }
    await tx
      .insertInto('programme_plan_version')
      .values({
        id: newId(),
        plan_id: planId,
        version,
        content_hash: hash,
        file_name: source.fileName,
        source_text: normaliseSourceText(source.text),
        parsed: JSON.stringify(doc),
        plan_date: date,
        imported_by: who,
      })
      .execute();
    const counts = doc.kind === 'municipal_plan' ? await syncPlanItems(tx, ctx, planId, version, codes, doc) : {};
    await tx
      .insertInto('programme_update')
      .values({
        id: newId(),
        plan_id: planId,
        subject_type: 'plan',
        subject_id: planId,
        actor_id: ctx.actor?.personId ?? null,
        actor_name: who,
        from_status: plan ? `v${plan.current_version}` : null,
        to_status: `v${version}`,
        note: source.fileName,
      })
      .execute();
    await audit(tx, ctx, {
      action: 'programme.plan_imported',
      objectType: 'programme_plan',
      objectId: planId,
      before: plan ? { version: plan.current_version } : null,
      after: { version, file: source.fileName, hash },
      details: { key, municipalities: codes, ...counts },
    });
    return { planId, version, changed: true };
  });
}

interface Counts {
  added: number;
  kept: number;
  removed: number;
}

async function syncPlanItems(
  tx: Tx,
  ctx: AuditContext,
  planId: string,
  version: number,
  codes: string[],
  doc: ParsedPlan,
): Promise<Record<string, Counts>> {
  const who = ctx.actor?.name ?? ctx.actorName ?? null;
  const now = new Date();
  const out: Record<string, Counts> = {};

  // Development areas: which versions name them.
  const areas = [...new Set(doc.development_areas)].filter((a): a is LapeAreaCode =>
    (LAPE_AREAS as readonly string[]).includes(a),
  );
  for (const area of areas) {
    await tx
      .insertInto('programme_plan_area')
      .values({ plan_id: planId, area, first_version: version, last_version: version })
      .onConflict((oc) => oc.columns(['plan_id', 'area']).doUpdateSet({ last_version: version }))
      .execute();
  }

  // Actions: section 3's experiments and section 4's adopted experiments.
  const incomingActions = [
    // A statement that there was nothing ("Ei ollut ketteriä kokeiluja") is never an item, whoever parsed it.
    ...doc.experiments
      .filter((e) => !isNothingStatement(e.original || e.title))
      .map((e, i) => ({
        kind: 'experiment' as const,
        title: e.title || e.original,
        original: e.original || e.title,
        importedStatus: e.status as string | null,
        status: statusFromImport(e.status),
        municipality: e.municipality && codes.includes(e.municipality) ? e.municipality : null,
        adoptedFrom: null as string | null,
        position: i,
      })),
    ...doc.adopted_from_others
      .filter((text) => !isNothingStatement(text))
      .map((text, i) => ({
        kind: 'adopted' as const,
        title: text,
        original: text,
        importedStatus: null,
        status: 'idea' as ActionStatus,
        municipality: null,
        adoptedFrom: adoptedFromCode(text, codes),
        position: i,
      })),
  ].map((a) => ({ ...a, matchKey: matchKey(a.original), group: a.kind }));
  const existingActions = await tx
    .selectFrom('programme_action')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  const actionMatch = matchItems(
    existingActions.map((e) => ({ matchKey: e.match_key, group: e.kind })),
    incomingActions,
  );
  out.actions = { added: 0, kept: 0, removed: 0 };
  for (const [i, a] of incomingActions.entries()) {
    const j = actionMatch[i]!;
    if (j < 0) {
      await tx
        .insertInto('programme_action')
        .values({
          id: newId(),
          plan_id: planId,
          kind: a.kind,
          match_key: a.matchKey,
          municipality_code: a.municipality,
          title: a.title,
          original: a.original,
          imported_status: a.importedStatus,
          position: a.position,
          first_version: version,
          last_version: version,
          status: a.status,
          area: guessArea(a.original),
          adopted_from_code: a.adoptedFrom,
          updated_at: now,
          updated_by: who,
        })
        .execute();
      out.actions.added++;
      continue;
    }
    const e = existingActions[j]!;
    const statusFollows = e.status_source === 'import' && e.status !== a.status;
    await tx
      .updateTable('programme_action')
      .set({
        match_key: a.matchKey,
        title: a.title,
        original: a.original,
        imported_status: a.importedStatus,
        position: a.position,
        last_version: version,
        municipality_code: a.municipality ?? e.municipality_code,
        adopted_from_code: e.adopted_from_code ?? a.adoptedFrom,
        ...(statusFollows ? { status: a.status, updated_at: now, updated_by: who } : {}),
      })
      .where('id', '=', e.id)
      .execute();
    if (statusFollows) {
      await tx
        .insertInto('programme_update')
        .values({
          id: newId(),
          plan_id: planId,
          subject_type: 'action',
          subject_id: e.id,
          actor_id: ctx.actor?.personId ?? null,
          actor_name: who,
          from_status: e.status,
          to_status: a.status,
          note: '',
        })
        .execute();
    }
    out.actions.kept++;
  }
  out.actions.removed = existingActions.filter(
    (e, k) => e.last_version === version - 1 && !actionMatch.includes(k),
  ).length;

  // Roadmap milestones: one per cell of the summary table, matched within its year.
  const incomingMilestones = doc.roadmap
    .filter((c) => c.text.trim())
    .map((c, i) => ({ year: c.year, text: c.text.trim(), position: i, matchKey: matchKey(c.text), group: c.year }));
  const existingMilestones = await tx
    .selectFrom('programme_milestone')
    .selectAll()
    .where('plan_id', '=', planId)
    .execute();
  const milestoneMatch = matchItems(
    existingMilestones.map((e) => ({ matchKey: e.match_key, group: e.year })),
    incomingMilestones,
  );
  out.milestones = { added: 0, kept: 0, removed: 0 };
  for (const [i, m] of incomingMilestones.entries()) {
    const j = milestoneMatch[i]!;
    if (j < 0) {
      await tx
        .insertInto('programme_milestone')
        .values({
          id: newId(),
          plan_id: planId,
          match_key: m.matchKey,
          year: m.year,
          text: m.text,
          position: m.position,
          first_version: version,
          last_version: version,
          updated_at: now,
          updated_by: who,
        })
        .execute();
      out.milestones.added++;
    } else {
      await tx
        .updateTable('programme_milestone')
        .set({ match_key: m.matchKey, text: m.text, position: m.position, last_version: version })
        .where('id', '=', existingMilestones[j]!.id)
        .execute();
      out.milestones.kept++;
    }
  }
  out.milestones.removed = existingMilestones.filter(
    (e, k) => e.last_version === version - 1 && !milestoneMatch.includes(k),
  ).length;

  // Structural changes: section 6.
  const structural = doc.sections
    .filter((s) => s.key === 'structural_changes')
    .flatMap((s) => s.items)
    .filter((t) => t.trim())
    .map((text, i) => ({ text: text.trim(), position: i, matchKey: matchKey(text), group: 'structural' }));
  const existingStructural = await tx
    .selectFrom('programme_structural_change')
    .selectAll()
    .where('plan_id', '=', planId)
    .execute();
  const structuralMatch = matchItems(
    existingStructural.map((e) => ({ matchKey: e.match_key, group: 'structural' })),
    structural,
  );
  out.structural_changes = { added: 0, kept: 0, removed: 0 };
  for (const [i, s] of structural.entries()) {
    const j = structuralMatch[i]!;
    if (j < 0) {
      await tx
        .insertInto('programme_structural_change')
        .values({
          id: newId(),
          plan_id: planId,
          match_key: s.matchKey,
          text: s.text,
          position: s.position,
          first_version: version,
          last_version: version,
          updated_at: now,
          updated_by: who,
        })
        .execute();
      out.structural_changes.added++;
    } else {
      await tx
        .updateTable('programme_structural_change')
        .set({ match_key: s.matchKey, text: s.text, position: s.position, last_version: version })
        .where('id', '=', existingStructural[j]!.id)
        .execute();
      out.structural_changes.kept++;
    }
  }
  out.structural_changes.removed = existingStructural.filter(
    (e, k) => e.last_version === version - 1 && !structuralMatch.includes(k),
  ).length;

  // The working group's imported members: the people who signed. Members added in the browser are not touched.
  out.members = await syncSignatories(tx, planId, version, codes, doc.people);
  return out;
}

async function syncSignatories(
  tx: Tx,
  planId: string,
  version: number,
  codes: string[],
  people: PlanPerson[],
): Promise<Counts> {
  const existing = await tx
    .selectFrom('programme_member')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('source', '=', 'import')
    .execute();
  const c: Counts = { added: 0, kept: 0, removed: 0 };
  const seen = new Set<string>();
  for (const [position, p] of people.entries()) {
    const k = matchKey(p.name);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    const code = municipalityCodeOf(p.municipality);
    const municipality = code && (codes.includes(code) || !codes.length) ? code : codes.length === 1 ? codes[0]! : code;
    const e = existing.find((x) => x.match_key === k);
    if (e) {
      await tx
        .updateTable('programme_member')
        .set({ name: p.name, title: p.title ?? '', municipality_code: municipality, last_version: version, position })
        .where('id', '=', e.id)
        .execute();
      c.kept++;
    } else {
      await tx
        .insertInto('programme_member')
        .values({
          id: newId(),
          plan_id: planId,
          match_key: k,
          name: p.name,
          title: p.title ?? '',
          role: 'signatory',
          municipality_code: municipality,
          source: 'import',
          last_version: version,
          position,
        })
        .execute();
      c.added++;
    }
  }
  c.removed = existing.filter((e) => e.last_version === version - 1 && !seen.has(e.match_key ?? '')).length;
  return c;
}

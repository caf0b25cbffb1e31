/**
 * Demo programme: the seed plans (src/demo/data/plans: Raasepori, Inkoo & Siuntio, Askola and the regional
 * summary) parsed and imported as any plan would be, so the region overview is filled in on first start. Only with
 * the demo organisations (the municipalities whose plans these are); a test's small fixture gets no plans.
 * Importing again changes nothing (same text, same version).
 *
 * One piece of tracking is added, marked as demo: the Incredible Years groups Raasepori made permanent spread to
 * Inkoo and Siuntio (whose own plan says they are looking into starting them), so the overview shows an
 * experiment spreading. It is set only while nobody has changed that experiment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { audit, type AuditContext } from '../core/audit/auditLog.js';
import { importPlanDocument, type ImportResult } from '../core/programme/importPlan.js';
import { decodePlanText } from '../core/programme/planDocument/decode.js';
import { parsePlanDocument } from '../core/programme/planDocument/parsePlanDocument.js';
import type { ParsedDocument } from '../core/programme/planDocument/types.js';
import { planIdForMunicipality } from '../core/programme/queries.js';
import { newId } from '../core/shared/ids.js';
import { DEMO_DIR } from './paths.js';

export const DEMO_PLANS_DIR = join(DEMO_DIR, 'plans');
const CTX: AuditContext = { actor: null, actorName: 'demo data' };
/** The demo organisations of the plans' municipalities: their presence means the full demo data is loaded. */
const DEMO_MUNICIPALITY_ORGS = ['raasepori-kaupunki', 'inkoo-kunta', 'siuntio-kunta', 'askola-kunta'];

/** A seed plan read and understood, ready to import. */
export interface DemoPlan {
  fileName: string;
  text: string;
  doc: ParsedDocument;
}

const planFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();

function readDemoPlan(dir: string, fileName: string): DemoPlan {
  const text = decodePlanText(readFileSync(join(dir, fileName)));
  return { fileName, text, doc: parsePlanDocument(text) };
}

/**
 * The seed plans read and understood (a quarter of a second of this thread's time): a first start does it while the
 * database is busy with the migrations, letting other work in between the files.
 */
export async function readDemoPlans(dir = DEMO_PLANS_DIR): Promise<DemoPlan[]> {
  const plans: DemoPlan[] = [];
  for (const fileName of planFiles(dir)) {
    await new Promise((resolve) => setImmediate(resolve));
    plans.push(readDemoPlan(dir, fileName));
  }
  return plans;
}

/** Imports the seed plans of `from` (a folder, or the plans readDemoPlans read from one). */
export async function loadDemoPlans(
  db: Kysely<DB>,
  from: string | DemoPlan[] = DEMO_PLANS_DIR,
): Promise<ImportResult[]> {
  const present = await db
    .selectFrom('organization')
    .select('key')
    .where('key', 'in', DEMO_MUNICIPALITY_ORGS)
    .execute();
  if (present.length < DEMO_MUNICIPALITY_ORGS.length) return [];
  const results: ImportResult[] = [];
  for (const plan of typeof from === 'string' ? planFiles(from).map((f) => readDemoPlan(from, f)) : from)
    results.push(await importPlanDocument(db, CTX, plan.doc, { text: plan.text, fileName: plan.fileName }));
  await demoSpread(db);
  return results;
}

async function demoSpread(db: Kysely<DB>): Promise<void> {
  const planId = await planIdForMunicipality(db, '710');
  if (!planId) return;
  const action = await db
    .selectFrom('programme_action')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('kind', '=', 'experiment')
    .where('match_key', 'like', 'ihmeelliset vuodet%')
    .executeTakeFirst();
  if (!action || action.status_source !== 'import' || action.spread_to.length || action.notes) return;
  const after = {
    spread_to: ['149', '755'],
    notes:
      'Demo: Inkoo ja Siuntio selvittävät Ihmeelliset vuodet -perheryhmän aloittamista (Inkoon ja Siuntion suunnitelma, kohta 1).',
  };
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('programme_action')
      .set({ ...after, updated_at: new Date(), updated_by: CTX.actorName })
      .where('id', '=', action.id)
      .execute();
    await tx
      .insertInto('programme_update')
      .values({
        id: newId(),
        plan_id: planId,
        subject_type: 'action',
        subject_id: action.id,
        entry_date: '2018-10-30',
        actor_name: CTX.actorName ?? null,
        actor_id: null,
        from_status: null,
        to_status: null,
        note: after.notes,
      })
      .execute();
    await audit(tx, CTX, {
      action: 'programme.action_updated',
      objectType: 'programme_action',
      objectId: action.id,
      before: { spread_to: [], notes: '' },
      after,
      details: { plan: planId, demo: true },
    });
  });
}

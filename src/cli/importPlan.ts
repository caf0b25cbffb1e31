/**
 * `yhdessa import plan <file> [--dry-run] [--json]` (issue 5): a municipal LAPE plan (or the regional summary) as
 * plain text → parsed (src/core/programme/planDocument/) → stored with history (src/core/programme/).
 */
import type { Database } from '../db/database.js';

export interface ImportPlanOptions { file: string; dryRun: boolean; json: boolean }

/** Parse only (--dry-run): needs no database. */
export async function parsePlanCommand(_o: ImportPlanOptions): Promise<void> {
  throw new Error('import plan is not implemented yet');
}

export async function importPlanCommand(_d: Database, _o: ImportPlanOptions): Promise<void> {
  throw new Error('import plan is not implemented yet');
}

/** `yhdessa export hsds <folder>` (issue 3): the whole directory as HSDS 3.0 JSON (and CSV). Calls src/core/hsds/. */
import type { Database } from '../db/database.js';

export interface ExportHsdsOptions { folder: string }

export async function exportHsdsCommand(_d: Database, _o: ExportHsdsOptions): Promise<void> {
  throw new Error('export hsds is not implemented yet');
}

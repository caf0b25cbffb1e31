/** `yhdessa import ptv <file-or-folder>` (issue 3): PTV Open API v11 JSON → the directory. Calls src/core/ptv/. */
import type { Database } from '../db/database.js';

export interface ImportPtvOptions { path: string }

export async function importPtvCommand(_d: Database, _o: ImportPtvOptions): Promise<void> {
  throw new Error('import ptv is not implemented yet');
}

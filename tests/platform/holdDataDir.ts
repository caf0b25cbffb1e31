/**
 * Test helper run as its own process (node bin/run-ts.js tests/platform/holdDataDir.ts): opens DATA_DIR's embedded
 * database the way a command does, says "open", and keeps it until a signal ends the process.
 */
import { openDatabase } from '../../src/db/database.js';
import { sql } from 'kysely';

const d = await openDatabase({ dataDir: process.env.DATA_DIR!, command: 'import ptv' });
await sql`select 1`.execute(d.db);
console.log('open');
setInterval(() => {}, 60_000);

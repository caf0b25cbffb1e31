import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the demo data files live (organisations, places, services; plans/ beneath). */
export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

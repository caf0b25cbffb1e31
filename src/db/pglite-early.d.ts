/** Types of pglite-early.js (plain JavaScript: bin/yhdessa.js loads it before any TypeScript can be). */
import type { Worker } from 'node:worker_threads';

export function startEarlyWorker(dataDirHint: string | undefined): void;
export function takeEarlyWorker(): Worker | null;

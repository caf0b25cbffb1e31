/** node bin/run-ts.js bench/writeSummary.ts — rewrites the targets table of docs/benchmarks.md (npm run bench runs it last). */
import { writeSummary } from './summary.js';

writeSummary();

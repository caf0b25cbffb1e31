/**
 * node bin/run-ts.js bench/writeSummary.ts — writes docs/benchmarks.md again from the last run's measurements
 * (.cache/bench/*.json): the report of bench/run.ts and the targets table (npm run bench runs it last).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport, withReading, type ReportMeta, type Row } from './report.js';
import { writeSummary } from './summary.js';

const results = join('.cache', 'bench', 'search.json');
if (existsSync(results)) {
  const { meta, rows } = JSON.parse(readFileSync(results, 'utf8')) as { meta: ReportMeta; rows: Row[] };
  const file = join('docs', 'benchmarks.md');
  writeFileSync(file, withReading(renderReport(meta, rows), existsSync(file) ? readFileSync(file, 'utf8') : null));
}
writeSummary();

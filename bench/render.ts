/** Re-renders docs/benchmarks.md from .cache/bench-results.json (after a change to the report's layout only). */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReport, type ReportMeta, type Row } from './report.js';

const { meta, rows } = JSON.parse(readFileSync(process.argv[2] ?? '.cache/bench-results.json', 'utf8')) as {
  meta: ReportMeta;
  rows: Row[];
};
writeFileSync(process.argv[3] ?? 'docs/benchmarks.md', renderReport(meta, rows));

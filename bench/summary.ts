/**
 * The table of issue 13's targets at the top of docs/benchmarks.md, from what the parts of `npm run bench` wrote into
 * .cache/bench/ (search.json by bench/run.ts, ptv.json by bench/ptvImport.ts, start.json by bench/start.ts). Run last;
 * a part not measured shows as such.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, SUMMARY_END, SUMMARY_START, type IndexRow, type Row } from './report.js';

const dir = join(process.cwd(), '.cache', 'bench');
const read = <T>(name: string): T | null =>
  existsSync(join(dir, name)) ? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as T) : null;

interface PtvRow {
  db: string;
  pass: string;
  recordsPerSecond: number;
}
interface StartRow {
  what: string;
  seconds: number;
}

export function writeSummary(): void {
  const search = read<{ meta: { index: IndexRow[]; date: string }; rows: Row[] }>('search.json');
  const ptv = read<{ rows: PtvRow[] }>('ptv.json');
  const start = read<{ rows: StartRow[] }>('start.json');
  const lines: string[] = [];
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  const row = (what: string, target: string, measured: string, ok: boolean | null) =>
    lines.push(`| ${what} | ${target} | ${measured} | ${ok === null ? 'not measured' : mark(ok)} |`);
  const rows = search?.rows ?? [];
  const sizes = [...new Set(rows.map((r) => r.n))];
  for (const n of sizes)
    for (const db of ['PGlite', 'PostgreSQL']) {
      const here = rows.filter((r) => r.n === n && r.db === db);
      if (!here.length) continue;
      const at = `${db}, ${n.toLocaleString('en')}`;
      for (const r of here)
        if (r.target) {
          const limit = Number(/≤\s*(\d+)/.exec(r.target)![1]);
          row(`${r.scenario} (${at})`, r.target, `p95 ${fmt(r.p95)} ms`, r.p95 <= limit);
        }
      const bare = here.find((r) => r.scenario === "the app's bare route");
      const plain = here.find((r) => r.scenario === 'plain Fastify route');
      // Remembered answers (src/core/directory/search/memo.ts), and each answer made again with nothing remembered.
      for (const cold of ['', ', nothing remembered']) {
        const typical = here.find((r) => r.scenario === `search API, typical queries${cold}`);
        if (bare && typical)
          row(
            `typical searches under ${10} connections${cold} (${at})`,
            "≥ ⅓ of the app's bare route",
            `${Math.round(typical.rps)} req/s = ${(typical.rps / bare.rps).toFixed(2)} × ${Math.round(bare.rps)}`,
            typical.rps * 3 >= bare.rps,
          );
      }
      if (bare && plain)
        row(
          `the app's bare route (${at})`,
          '≥ ½ of a plain Fastify route',
          `${Math.round(bare.rps)} req/s = ${(bare.rps / plain.rps).toFixed(2)} × ${Math.round(plain.rps)}`,
          bare.rps * 2 >= plain.rps,
        );
      const ix = search!.meta.index.find((r) => r.n === n && r.db === db);
      if (ix) {
        if (ix.heapMb >= 1)
          row(
            `search index memory (${at})`,
            '≤ 300 MB',
            `${fmt(ix.heapMb * 1.048576)} MB`,
            ix.heapMb * 1.048576 <= 300,
          );
        else row(`search index memory (${at})`, '≤ 300 MB', 'below what a full collection measures', true);
        row(
          `search index at start (${at})`,
          '≤ 5 s',
          `${fmt(ix.warmMs / 1000)} s from the stored snapshot (${fmt(ix.buildMs / 1000)} s from every document)`,
          ix.warmMs <= 5000,
        );
      }
    }
  for (const r of ptv?.rows ?? []) {
    if (!/first/.test(r.pass)) continue;
    const need = r.db === 'PostgreSQL' ? 2000 : 500;
    row(
      `first PTV import (${r.db}, 10 000 services)`,
      `≥ ${need} records/s`,
      `${Math.round(r.recordsPerSecond)}/s`,
      r.recordsPerSecond >= need,
    );
  }
  if (!ptv) row('first PTV import', '≥ 2 000/s PostgreSQL, ≥ 500/s PGlite', '', null);
  for (const r of start?.rows ?? []) {
    const need = /fresh/.test(r.what) ? 8 : 3;
    row(r.what, `≤ ${need} s`, `${fmt(r.seconds)} s`, r.seconds <= need);
  }
  if (!start) row('npm start to the first page', '≤ 3 s on existing data, ≤ 8 s fresh', '', null);

  const table = `${SUMMARY_START}
## Issue 13's targets

${search ? `Measured ${search.meta.date}; details below and in [benchmarks-ptv.md](benchmarks-ptv.md) and [benchmarks-start.md](benchmarks-start.md).` : ''}

| what | target | measured | met |
|---|---|---|---|
${lines.join('\n')}
${SUMMARY_END}`;
  const file = join(process.cwd(), 'docs', 'benchmarks.md');
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(SUMMARY_START);
  const b = doc.indexOf(SUMMARY_END);
  writeFileSync(
    file,
    a >= 0 && b > a ? doc.slice(0, a) + table + doc.slice(b + SUMMARY_END.length) : `${table}\n\n${doc}`,
  );
}

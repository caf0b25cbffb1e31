/** Renders docs/benchmarks.md from measured rows (bench/run.ts writes them to .cache/bench-results.json too). */
export interface Row {
  db: string;
  scenario: string;
  p50: number;
  p95: number;
  p99: number;
  loadP95: number;
  rps: number;
  errors: number;
  target?: string;
}
/** The search index as the app built it at start (issue 13). */
export interface IndexRow {
  db: string;
  services: number;
  buildMs: number;
  heapMb: number;
}
export interface ReportMeta {
  index?: IndexRow[];
  n: number;
  duration: number;
  connections: number;
  date: string;
  machine: string;
  node: string;
  pgVersion: string;
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 10) / 10) : '–');
const ratio = (x: number) => (Number.isFinite(x) ? (x >= 10 ? String(Math.round(x)) : x.toPrecision(2)) : '–');

export function targetMs(target: string): number {
  const m = target.match(/≤\s*(\d+)/);
  if (!m) throw new Error(`target without a limit: ${target}`);
  return Number(m[1]);
}

export function renderReport(meta: ReportMeta, rows: Row[]): string {
  const bare = new Map(rows.filter((r) => r.scenario.startsWith('bare')).map((r) => [r.db, r]));
  const lines = rows.map((r) => {
    const b = bare.get(r.db)!;
    const met = r.target ? (r.p95 <= targetMs(r.target) ? ` ✅ ${r.target}` : ` ❌ ${r.target}`) : '';
    return `| ${r.db} | ${r.scenario} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.loadP95)} | ${fmt(r.rps)} | ${ratio(r.rps / b.rps)} | ${ratio(r.p95 / Math.max(b.p95, 0.1))} | ${r.errors}${met} |`;
  });
  return `# Benchmarks

\`npm run bench\` writes three reports: this one (the search), [benchmarks-hsds.md](benchmarks-hsds.md) (the HSDS API at
the same size) and [benchmarks-ptv.md](benchmarks-ptv.md) (PTV import throughput).

Run with \`npm run bench\`: ${meta.n.toLocaleString('en')} synthetic services in Finnish and Swedish (one in ten a copy of a real demo
service, the rest of made-up kinds described with general family-service sentences, so that specific words such as
"neuvola" match a few per cent and general ones such as "perhe" or "barn" match almost everything), loaded through the
real indexer. autocannon, ${meta.duration} s per pass after a 2 s warm-up: first one client at a time (p50/p95/p99: the time a
person waits), then ${meta.connections} connections at once (p95 under load, requests per second). The app, the database and
autocannon share the machine's two cores.

- Date: ${meta.date}
- Machine: ${meta.machine}
- Node.js ${meta.node}; PGlite (embedded PostgreSQL 18, WebAssembly, in the app's process); PostgreSQL ${meta.pgVersion} on the same machine

Latencies in milliseconds. "× bare" compares with the bare Fastify route on the same database (requests per second
under load, and single-client p95). Facet counts are cached for 30 s per search (totals and results never are); the
"unique queries" row computes them on every request, and the first request of each other scenario's searches does too.

| database | scenario | p50 | p95 | p99 | p95 under load | req/s under load | req/s × bare | p95 × bare | errors / target (p95, one client) |
|---|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}
${
  meta.index?.length
    ? `
The searches above are answered by each instance's in-memory search index (issue 13), built when the app starts:

| database | services | index build at start (ms) | heap held (MiB, after a full collection) |
|---|---|---|---|
${meta.index.map((r) => `| ${r.db} | ${r.services} | ${fmt(r.buildMs)} | ${fmt(r.heapMb)} |`).join('\n')}
`
    : ''
}
Targets (issue 2, PostgreSQL at 100 000 services): typical queries p95 ≤ 20 ms, broad queries p95 ≤ 100 ms, results page p95 ≤ 60 ms.
PGlite runs queries on the server's own thread, so under concurrent load its latencies include waiting for the one connection; it is the embedded default for small installations, PostgreSQL is for production.
`;
}

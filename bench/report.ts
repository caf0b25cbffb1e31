/** Renders docs/benchmarks.md from measured rows (bench/run.ts writes them to .cache/bench/search.json too). */
export interface Row {
  db: string;
  n: number;
  scenario: string;
  p50: number;
  p95: number;
  p99: number;
  loadP95: number;
  rps: number;
  errors: number;
  target?: string;
}
/** The search index at one size on one database (issue 13). */
export interface IndexRow {
  db: string;
  n: number;
  services: number;
  /** Built from every document (MemoryIndex.build). */
  buildMs: number;
  /** Heap and array buffers it holds, after a full collection. */
  heapMb: number;
  saveMs: number;
  snapshotMb: number;
  /** The app's own start of its index from the stored snapshot (and the changes since). */
  warmMs: number;
}
export interface ReportMeta {
  sizes: number[];
  index: IndexRow[];
  duration: number;
  connections: number;
  date: string;
  machine: string;
  node: string;
  pgVersion: string;
  pgliteVersion: string;
  load: string;
}

export const fmt = (x: number) =>
  Number.isFinite(x) ? String(x >= 100 ? Math.round(x) : Math.round(x * 100) / 100) : '–';
const ratio = (x: number) => (Number.isFinite(x) ? x.toPrecision(2) : '–');

export function targetMs(target: string): number {
  const m = target.match(/≤\s*(\d+)/);
  if (!m) throw new Error(`target without a limit: ${target}`);
  return Number(m[1]);
}

export const SUMMARY_START = '<!-- summary: bench/summary.ts -->';
export const SUMMARY_END = '<!-- /summary -->';

function table(rows: Row[]): string {
  const bare = new Map(rows.filter((r) => r.scenario === "the app's bare route").map((r) => [r.db, r]));
  const lines = rows.map((r) => {
    const b = bare.get(r.db);
    const met = r.target ? (r.p95 <= targetMs(r.target) ? ` ✅ ${r.target}` : ` ❌ ${r.target}`) : '';
    return `| ${r.db} | ${r.scenario} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.loadP95)} | ${Number.isFinite(r.rps) ? Math.round(r.rps) : '–'} | ${b && Number.isFinite(r.rps) ? ratio(r.rps / b.rps) : '–'} | ${r.errors}${met} |`;
  });
  return `| database | scenario | p50 | p95 | p99 | p95 under load | req/s under load | req/s × the app's bare route | errors / target (p95, one client) |
|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}`;
}

export function renderReport(meta: ReportMeta, rows: Row[]): string {
  const sections = meta.sizes.map((n) => {
    const ix = meta.index.filter((r) => r.n === n);
    return `## ${n.toLocaleString('en')} services${n === 5000 ? " (a region's real size)" : n === 100_000 ? ' (about the whole national Service Catalogue)' : ''}

${table(rows.filter((r) => r.n === n))}

The search index at this size:

| database | services | built from every document (ms) | memory held (MiB) | snapshot (MiB, compressed) | snapshot stored in (ms) | the app's start read it in (ms) |
|---|---|---|---|---|---|---|
${ix.map((r) => `| ${r.db} | ${r.services} | ${fmt(r.buildMs)} | ${r.heapMb >= 1 ? fmt(r.heapMb) : 'below the noise'} | ${fmt(r.snapshotMb)} | ${fmt(r.saveMs)} | ${fmt(r.warmMs)} |`).join('\n')}
`;
  });
  return `# Benchmarks

${SUMMARY_START}
${SUMMARY_END}

## How this was measured

\`npm run bench\` (bench/run.ts, then bench/ptvImport.ts, bench/start.ts and bench/summary.ts) measures everything
in this file in one run. The directory: synthetic services in Finnish and Swedish (one in ten a copy of a real demo
service, the rest made-up kinds described with general family-service sentences, so that specific words such as
"neuvola" match a few per cent and general ones such as "perhe" or "barn" match almost everything), loaded through
the real indexer once and kept between runs. Each database at each size: a plain Fastify route and the app's bare
route (every plugin and hook) in the same process; these two and the typical searches, whose ratios are targets,
are measured in turns (each once, then each again, three times; each one's turn with its median requests a second
is shown, so that a moment of load on the machine does not fall on one of them alone). The app serves searches from
its in-memory index. autocannon, ${meta.duration} s a pass after a 2 s warm-up: one client at a time (p50/p95/p99 in ms: the
wait a person sees), then ${meta.connections} connections at once (p95 under load, requests a second). The app, the database and
autocannon share the machine's cores.

- Date: ${meta.date}
- Machine: ${meta.machine}; load average at the end of the run ${meta.load}
- Node.js ${meta.node}, React's production build (as \`npm start\` serves); PGlite (PostgreSQL ${meta.pgliteVersion} in WebAssembly,
  in the app's worker thread); PostgreSQL ${meta.pgVersion} on the same machine

Facet counts are kept for 30 s per search while the index is unchanged (totals and results never are): the "unique
queries" row computes them on every request. "Memory held" is the heap and array buffers the index holds after
full collections, read once the memory they free has been given back (array buffers' memory is freed some time after
the collection). Facet counts and the memos of what a search remembers come on top, bounded: some tens of megabytes at most
beside the index. The snapshot is what an instance stores after building from every document; a later start reads
it and applies only the changes since.

${sections.join('\n')}`;
}

/** The hand-written "Reading the numbers" section at the end of the old report is kept under the new one. */
export function withReading(report: string, old: string | null): string {
  const at = old?.indexOf('\n## Reading the numbers') ?? -1;
  return at >= 0 ? `${report.trimEnd()}\n${old!.slice(at)}` : report;
}

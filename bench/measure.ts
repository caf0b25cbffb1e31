/** One autocannon measurement, shared by the benchmarks (bench/run.ts, bench/hsds.ts). */
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export type Measured = Awaited<ReturnType<typeof measure>>;

/**
 * After a 2 s warm-up: one client at a time for `seconds` (p50/p95/p99: the wait a person or a consumer sees), then
 * `connections` at once (p95 under load, requests per second).
 */
export async function measure(url: string, paths: string[], seconds: number, connections: number) {
  const run = (c: number, duration: number, record: number[] | null) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const inst = autocannon(
        { url, connections: c, duration, requests: paths.map((path) => ({ method: 'GET', path })) },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      if (record) inst.on('response', (_c: unknown, _s: number, _b: number, ms: number) => record.push(ms));
    });
  await run(1, 2, null); // warm-up
  const single: number[] = [];
  const a = await run(1, seconds, single);
  single.sort((x, y) => x - y);
  const loaded: number[] = [];
  const b = await run(connections, seconds, loaded);
  loaded.sort((x, y) => x - y);
  return {
    p50: percentile(single, 50),
    p95: percentile(single, 95),
    p99: percentile(single, 99),
    loadP95: percentile(loaded, 95),
    rps: b.requests.average,
    errors: a.errors + a.non2xx + b.errors + b.non2xx,
  };
}

/** Listens on a free port of 127.0.0.1; the base URL to measure. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

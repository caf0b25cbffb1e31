/**
 * The app's bare route against a plain Fastify route, in the same process and run: a route answering {"ok":true}
 * registered in the whole app (buildApp: every plugin and hook) and in a Fastify instance with nothing else.
 * Used by bench/start.ts.
 */
import Fastify from 'fastify';
import { readConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { prepareDatabase } from '../src/core/setup.js';
import { buildApp } from '../src/http/app.js';
import { listen, measure } from './measure.js';

const SECONDS = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

export interface BareResult {
  seconds: number;
  connections: number;
  plain: Awaited<ReturnType<typeof measure>>;
  app: Awaited<ReturnType<typeof measure>>;
}

export async function measureBareRoute(): Promise<BareResult> {
  const d = await openDatabase({});
  await prepareDatabase(d.db);
  const app = await buildApp({ database: d, config: { ...readConfig({ PORT: '0' }), publicUrl: 'http://localhost' } });
  app.get('/bench/bare', async () => ({ ok: true }));
  const plain = Fastify();
  plain.get('/bench/bare', async () => ({ ok: true }));
  try {
    const [appUrl, plainUrl] = [await listen(app), await listen(plain)];
    // Two passes each, taken in turns, and the better of each kept: other work on the machine comes and goes.
    const best = (x: BareResult['app'], y: BareResult['app']) => (x.rps >= y.rps ? x : y);
    const p1 = await measure(plainUrl, ['/bench/bare'], SECONDS, CONNECTIONS);
    const a1 = await measure(appUrl, ['/bench/bare'], SECONDS, CONNECTIONS);
    const p = best(p1, await measure(plainUrl, ['/bench/bare'], SECONDS, CONNECTIONS));
    const a = best(a1, await measure(appUrl, ['/bench/bare'], SECONDS, CONNECTIONS));
    const line = (name: string, m: typeof p) =>
      console.log(`[bare] ${name}: p50 ${m.p50} ms, p95 ${m.p95} ms, ${m.rps.toFixed(0)} req/s under load`);
    line('plain Fastify route', p);
    line("the app's bare route", a);
    return { seconds: SECONDS, connections: CONNECTIONS, plain: p, app: a };
  } finally {
    await app.close();
    await plain.close();
    await d.close();
  }
}

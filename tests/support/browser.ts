/** Debian's Chromium driven by playwright-core (never a downloaded browser), the app served to it, and axe. */
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './databases.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI the browser must be there (the suite fails without it); elsewhere its absence skips the suite. */
export const browserAvailable = existsSync(CHROMIUM) || !!process.env.CI;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Listens on a free port of 127.0.0.1 and returns the base URL ("http://127.0.0.1:PORT"). */
export async function serveApp(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

export interface BrowserApp {
  d: TestDatabase;
  app: FastifyInstance;
  browser: Browser;
  base: string;
}

/**
 * For the describe block that calls it: before its tests a PGlite test database, the app that `start` fills it and
 * makes on it, served (`base` its URL), and Chromium; after them all closed. The fields are there once the tests run.
 */
export function browserApp(start: (d: TestDatabase) => Promise<FastifyInstance>, timeout?: number): BrowserApp {
  const s = {} as BrowserApp;
  beforeAll(async () => {
    s.d = await createTestDatabase('pglite');
    s.app = await start(s.d);
    s.base = await serveApp(s.app);
    s.browser = await launchBrowser();
  }, timeout);
  afterAll(async () => {
    await s.browser?.close();
    await s.app?.close();
    await s.d?.dispose();
  });
  return s;
}

/**
 * axe's violations of WCAG 2.1 A/AA and best practice on the page, one line each: "id: help (up to 3 targets)".
 * `violationsOnly` collects only violations (no passes or incompletes), which is much faster on pages of thousands of nodes.
 */
export async function axeViolations(
  page: Page,
  { violationsOnly = false }: { violationsOnly?: boolean } = {},
): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (violationsOnly) builder = builder.options({ resultTypes: ['violations'] });
  const r = await builder.analyze();
  return r.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')})`,
  );
}

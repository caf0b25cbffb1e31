/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), the app served to it, and axe.
 *
 * One Chromium and one app per test file (per describe block that asks for them), made once before its tests; each
 * test opens its own browser context (cookies, storage, permissions of its own) and closes it, so tests share no
 * session and can run in any order.
 */
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { TEST_PASSWORD } from './agent.js';
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

/** For the describe block that calls it: Chromium, launched before its tests and closed after them. */
export function useBrowser(): { browser: Browser } {
  const s = {} as { browser: Browser };
  beforeAll(async () => {
    s.browser = await launchBrowser();
  });
  afterAll(async () => {
    await s.browser?.close();
  });
  return s;
}

export interface BrowserApp {
  d: TestDatabase;
  app: FastifyInstance;
  browser: Browser;
  base: string;
}

/**
 * For the describe block that calls it: before its tests a PGlite test database (with the whole demo directory when
 * `opts.demo`), the app that `start` fills it and makes on it, served (`base` its URL), and Chromium; after them all closed. The fields are there once the tests run.
 */
export function browserApp(
  start: (d: TestDatabase) => Promise<FastifyInstance>,
  timeout?: number,
  opts: { demo?: boolean } = {},
): BrowserApp {
  const s = {} as BrowserApp;
  beforeAll(async () => {
    // Chromium starts while the database is filled.
    const browser = launchBrowser();
    try {
      s.d = await createTestDatabase('pglite', { demo: opts.demo });
      s.app = await start(s.d);
      s.base = await serveApp(s.app);
    } finally {
      s.browser = await browser;
    }
  }, timeout);
  afterAll(async () => {
    await s.browser?.close();
    await s.app?.close();
    await s.d?.dispose();
  });
  return s;
}

/**
 * Signs in through the sign-in form of `base` (Finnish) in this page, and waits until the form has been answered:
 * for the workspace, or for `next` when given.
 */
export async function signIn(
  page: Page,
  base: string,
  email: string,
  { password = TEST_PASSWORD, next }: { password?: string; next?: string } = {},
): Promise<void> {
  await page.goto(`${base}/fi/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === (next ?? '/fi/work')),
    page.click('form[action="/fi/sign-in"] button[type=submit]'),
  ]);
}

/** A fresh context whose pages run without the site's own scripts (as without JavaScript; axe still runs). */
export async function contextWithoutSiteScripts(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const ctx = await browser.newContext(options);
  await ctx.route('**/assets/*.js', (r) => r.abort());
  return ctx;
}

/**
 * axe's violations of WCAG 2.1 A/AA and best practice on the page, one line each: "id: help (up to 3 targets)".
 *
 * Only violations are collected in full (axe's `resultTypes`): passes and incompletes, which no test reads, would
 * be serialised node by node, which on pages of thousands of nodes takes longer than the checks themselves. A page
 * without frames is checked in one `axe.run` in the page (the builder's legacy mode); the default mode's runs per
 * frame and its finishing run in a second, blank page are only needed for frames, and it is used when there are any.
 * Either way every rule runs on every node (measured: about half the time of the default on this app's pages).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Colours are measured as a person sees them once the page is still: a map's markers fade in (CSS transitions),
  // and half-way through a fade their text is paler than it will be.
  await page.waitForLoadState('load');
  // A part still loading says so (the map's panel is aria-busy while it fetches its markers, which then fade in).
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"]') && document.getAnimations().every((a) => a.playState !== 'running'),
    null,
    { timeout: 5_000 },
  );
  const builder = new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(page.frames().length === 1);
  const r = await builder.analyze();
  return r.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')})`,
  );
}

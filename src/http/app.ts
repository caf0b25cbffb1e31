/**
 * The HTTP application: plugins (security headers, rate limits, forms, OpenAPI) and the routes of each
 * capability, registered explicitly. Routes are thin: parse, call the core, present.
 */
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import { constants as zlibConstants } from 'node:zlib';
import { metricsPlugin, requestId } from './metrics.js';
import { securityHeaders } from './securityHeaders.js';
import { RequestLog } from './logging.js';
import { lazySchemaCompilers } from './lazySchemas.js';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { assetRoutes } from './routes/assets.js';
import { searchRoutes } from './routes/directory/search.js';
import { searchIndexPlugin } from './searchIndex.js';
import { searchTuningRoutes } from './routes/directory/searchTuning.js';
import { serviceRoutes } from './routes/directory/services.js';
import { organizationRoutes } from './routes/directory/organizations.js';
import { healthRoutes } from './routes/health.js';
import { siteRoutes } from './routes/site.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { auditContext, authPlugin } from './auth.js';
import { audit } from '../core/audit/auditLog.js';
import { signInRoutes } from './routes/account/signIn.js';
import { passwordRoutes } from './routes/account/password.js';
import { accountSessionRoutes } from './routes/account/sessions.js';
import { sessionApiRoutes } from './routes/account/session.js';
import { workPageRoutes } from './routes/workPages.js';
import { ssoRoutes } from './routes/account/sso.js';
import { serviceEditingRoutes } from './routes/editing/services.js';
import { locationEditingRoutes } from './routes/editing/locations.js';
import { adminOrganizationRoutes } from './routes/admin/organizations.js';
import { adminTeamRoutes } from './routes/admin/teams.js';
import { adminPeopleRoutes } from './routes/admin/people.js';
import { auditRoutes } from './routes/admin/audit.js';
import { professionalRoutes } from './routes/admin/professionals.js';
import { hsdsApiRoutes } from './routes/hsds/hsds.js';
import { programmeOverviewRoutes } from './routes/programme/overview.js';
import { programmePlanRoutes } from './routes/programme/plans.js';
import { programmeItemRoutes } from './routes/programme/items.js';
import { programmeVersionRoutes } from './routes/programme/versions.js';
import { programmeOpenDataRoutes } from './routes/programme/openData.js';
import { programmeApiRoutes } from './routes/programme/api.js';
import { workingModelRoutes } from './routes/workingModels/models.js';
import { onboardingRoutes } from './routes/onboarding/paths.js';
import { coveragePageRoutes } from './routes/coverage/coverage.js';
import { childImpactPublicRoutes } from './routes/childImpact/public.js';
import { childImpactWorkRoutes } from './routes/childImpact/work.js';
import { childImpactOpenDataRoutes } from './routes/childImpact/openData.js';
import { childFriendlyRoutes } from './routes/childImpact/childFriendly.js';
import { eventApiRoutes } from './routes/events/api.js';
import { eventPageRoutes } from './routes/events/pages.js';
import { eventWorkRoutes } from './routes/events/work.js';
import { concernRoutes } from './routes/concerns/concerns.js';
import { caseRoutes } from './routes/concerns/cases.js';
import { referralRoutes } from './routes/referrals/referrals.js';
import { guideRoutes } from './routes/guides/guides.js';
import { guideWorkRoutes } from './routes/guides/guideWork.js';
import { helpRoutes } from './routes/guides/help.js';
import { feedbackRoutes } from './routes/guides/feedback.js';
import { questionAskRoutes } from './routes/questions/ask.js';
import { questionApiRoutes } from './routes/questions/api.js';
import { questionWorkRoutes } from './routes/questions/work.js';
import { invitationRoutes } from './routes/account/invitations.js';
import { createMailer, type Mailer } from '../core/mail/mailer.js';
import { DomainError } from '../core/shared/errors.js';
import { floodGuard, rateLimitStore } from './rateLimitStore.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    mailer: Mailer;
    /** Every route as registered: method, URL pattern and schema (the metrics' labels, the fuzz test's map). */
    routeList: RouteEntry[];
    /** Compiles the route schemas no request has needed yet (they compile on first use; the server warms them). */
    compilePendingSchemas(): Promise<void>;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  querystring: string[];
  public: boolean;
}

export interface AppOptions {
  database: Database;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  /** Outgoing mail; by default from the configuration (SMTP_URL, or the log). */
  mailer?: Mailer;
  /** Searches answered by an in-memory index built when the app is ready (default); false: by SQL. */
  searchIndex?: boolean;
}

/** Fastify's form of TRUST_PROXY: a hop count trusts the nearest hops only (proxy-addr's own rule for a number). */
function trustProxyOption(tp: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof tp === 'number' ? (_address, hop) => hop < tp : tp;
}

const BODYLESS = new Set(['GET', 'HEAD', 'TRACE']);

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The paths (a.b[0].c) of the strings and keys in a JSON value that PostgreSQL cannot store. */
function unstorablePaths(v: unknown, path = '', out: string[] = [], depth = 0): string[] {
  if (depth > 64 || out.length >= 20) return out;
  if (typeof v === 'string') {
    if (UNSTORABLE.test(v)) out.push(path);
  } else if (Array.isArray(v)) v.forEach((x, i) => unstorablePaths(x, `${path}[${i}]`, out, depth + 1));
  else if (v && typeof v === 'object')
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const p = path ? `${path}.${k}` : k;
      if (UNSTORABLE.test(k)) out.push(p);
      else unstorablePaths((v as Record<string, unknown>)[k], p, out, depth + 1);
    }
  return out;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const schemas = lazySchemaCompilers();
  const app = Fastify({
    schemaController: { compilersFactory: schemas.compilersFactory },
    logger: opts.logger ?? false,
    trustProxy: trustProxyOption(opts.config.trustProxy),
    // A request must arrive whole in time: a slowly trickled body gets 408 instead of holding a connection open.
    requestTimeout: opts.config.requestTimeoutMs,
    connectionTimeout: opts.config.requestTimeoutMs * 2,
    http: {
      headersTimeout: Math.min(opts.config.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(1_000, opts.config.requestTimeoutMs),
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    routerOptions: { ignoreTrailingSlash: true },
    // A request id on every log line and answer (X-Request-Id; a sensible one from a proxy is kept).
    genReqId: requestId,
    requestIdHeader: false,
    // One log line a request, written when it is answered (logging.ts).
    logController: new RequestLog(),
  });
  const routeList: RouteEntry[] = [];
  app.decorate('routeList', routeList);
  app.decorate('compilePendingSchemas', () =>
    schemas.compilePending((e) => app.log.error({ err: e }, 'a route schema does not compile')),
  );
  app.addHook('onRoute', (r) => {
    const qs = (r.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties;
    for (const method of [r.method].flat())
      routeList.push({
        method,
        url: r.url,
        querystring: qs ? Object.keys(qs) : [],
        public: Boolean((r.config as { public?: boolean } | undefined)?.public),
      });
  });
  app.decorate('database', opts.database);
  app.decorate('config', opts.config);
  const ownMailer = opts.mailer
    ? undefined
    : createMailer({
        smtpUrl: opts.config.smtpUrl,
        from: opts.config.mailFrom,
        log: (msg, data) => app.log.warn(data, msg),
      });
  app.decorate('mailer', opts.mailer ?? ownMailer!);
  if (ownMailer?.close) app.addHook('onClose', async () => ownMailer.close?.());

  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The map's tiles come from exactly one host (MAP_TILE_URL); nothing else from outside.
        imgSrc: ["'self'", 'data:', ...(opts.config.map ? [opts.config.map.imgSource] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only behind TLS (PUBLIC_URL https://…): over plain http it would be meaningless at best.
    hsts: opts.config.publicUrl.startsWith('https://') ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  // A body is read only for methods that have one (Fastify never parses a GET's): a route of only such methods gets
  // no request-decompression hook, which would run on every request for nothing.
  app.addHook('onRoute', (r) => {
    if (r.decompress === undefined && [r.method].flat().every((m) => BODYLESS.has(m))) r.decompress = false;
  });
  // HTML, JSON, CSS and JS compressed as the client accepts (static assets are compressed once, in assets.ts).
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(metricsPlugin);
  // The global flood guard counts in this instance's memory, in a hook of its own (floodGuard); the routes' own
  // limits (AUTH_RATE_LIMIT) count in the database, shared by every instance (rateLimitStore.ts).
  const flood = { max: 600, timeWindow: 60_000, allowList: ['127.0.0.1', '::1'] };
  await app.register(rateLimit, { ...flood, global: false, store: rateLimitStore(opts.database.db) });
  floodGuard(app, flood);
  await app.register(formbody);
  await app.register(authPlugin);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Yhdessä service directory API',
        version: '1.0.0',
        description:
          'Services for families with children in Uusimaa: public, NGO and parish services, in Finnish, Swedish and English.',
      },
      servers: [{ url: opts.config.publicUrl }],
      tags: [
        { name: 'services', description: 'Service directory' },
        { name: 'health', description: 'Operations' },
        { name: 'concerns', description: 'Concerns of residents and the cases of concern teams' },
        { name: 'referrals', description: 'Referrals between teams that close the loop' },
        { name: 'programme', description: 'LAPE programme tracking: plans, experiments, roadmap goals' },
        { name: 'working-models', description: "The network's working models (published ones are open data)" },
        { name: 'guides', description: 'Life-event guides' },
        { name: 'questions', description: 'E-advice: residents ask, the network answers' },
        { name: 'child-impact', description: 'Child impact assessments and child-friendly municipalities' },
        { name: 'events', description: 'Events and groups: finding, registering, calendar feeds' },
      ],
    },
  });

  // JSON bodies: text no database can hold (a NUL, a lone surrogate) is refused before any route sees it, with the
  // field's path (forms are checked by readForm, which shows the form again with what was typed).
  // (A callback hook: requests without a JSON body, most of them, pass without a promise.)
  app.addHook('preValidation', (req, _reply, done) => {
    // A query or path parameter PostgreSQL cannot take (a NUL, half a surrogate pair) is refused for every route alike.
    const query = req.query as Record<string, unknown> | undefined;
    const params = req.params as Record<string, unknown> | undefined;
    const inQuery: string[] = [];
    if (query && typeof query === 'object') unstorablePaths(query, '', inQuery);
    if (params && typeof params === 'object') unstorablePaths(params, '', inQuery);
    if (inQuery.length)
      return done(
        new DomainError('invalid', 'invalid_text', {
          problems: inQuery.map((field) => ({ field, code: 'invalid_text' })),
        }),
      );
    if (!(req.body && typeof req.body === 'object' && req.headers['content-type']?.includes('json'))) return done();
    const bad = unstorablePaths(req.body);
    if (!bad.length) return done();
    const refusal = new DomainError('invalid', 'invalid_text', {
      problems: bad.slice(0, 20).map((field) => ({ field, code: 'invalid_text' })),
    });
    if (req.routeOptions.url !== '/api/v1/session') return done(refusal);
    audit(req.server.database.db, auditContext(req), {
      action: 'auth.sign_in',
      outcome: 'failed',
      details: { reason: 'unstorable_text', method: 'password' },
    }).then(() => done(refusal), done);
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  await app.register(healthRoutes);
  await app.register(assetRoutes);
  await app.register(sessionApiRoutes);
  await app.register(serviceEditingRoutes);
  await app.register(locationEditingRoutes);
  await app.register(programmeOpenDataRoutes);
  await app.register(programmeApiRoutes);
  await app.register(hsdsApiRoutes, { prefix: '/hsds' });
  await app.register(siteRoutes);
  await app.register(signInRoutes);
  await app.register(passwordRoutes);
  await app.register(accountSessionRoutes);
  await app.register(workPageRoutes);
  await app.register(ssoRoutes);
  await app.register(adminOrganizationRoutes);
  await app.register(adminTeamRoutes);
  await app.register(adminPeopleRoutes);
  await app.register(auditRoutes);
  await app.register(professionalRoutes);
  await app.register(programmeOverviewRoutes);
  await app.register(programmePlanRoutes);
  await app.register(programmeItemRoutes);
  await app.register(programmeVersionRoutes);
  await app.register(workingModelRoutes);
  await app.register(onboardingRoutes);
  await app.register(coveragePageRoutes);
  await app.register(questionAskRoutes);
  await app.register(questionApiRoutes);
  await app.register(questionWorkRoutes);
  await app.register(childImpactOpenDataRoutes);
  await app.register(childImpactPublicRoutes);
  await app.register(childImpactWorkRoutes);
  await app.register(childFriendlyRoutes);
  if (opts.searchIndex !== false) await app.register(searchIndexPlugin);
  await app.register(searchRoutes);
  await app.register(searchTuningRoutes);
  await app.register(serviceRoutes);
  await app.register(organizationRoutes);
  await app.register(concernRoutes);
  await app.register(caseRoutes);
  await app.register(referralRoutes);
  await app.register(guideRoutes);
  await app.register(guideWorkRoutes);
  await app.register(helpRoutes);
  await app.register(feedbackRoutes);
  await app.register(eventApiRoutes);
  await app.register(eventPageRoutes);
  await app.register(eventWorkRoutes);
  await app.register(invitationRoutes);
  return app;
}

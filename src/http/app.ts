/**
 * The HTTP application: plugins (security headers, rate limits, forms, OpenAPI) and the routes of each
 * capability, registered explicitly. Routes are thin: parse, call the core, present.
 */
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { assetRoutes } from './routes/assets.js';
import { searchRoutes } from './routes/directory/search.js';
import { searchTuningRoutes } from './routes/directory/searchTuning.js';
import { serviceRoutes } from './routes/directory/services.js';
import { organizationRoutes } from './routes/directory/organizations.js';
import { healthRoutes } from './routes/health.js';
import { siteRoutes } from './routes/site.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { authPlugin } from './auth.js';
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
import { coveragePageRoutes } from './routes/coverage/coverage.js';
import { createMailer, type Mailer } from '../core/mail/mailer.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    mailer: Mailer;
  }
}

export interface AppOptions {
  database: Database;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  /** Outgoing mail; by default from the configuration (SMTP_URL, or the log). */
  mailer?: Mailer;
}

/** Fastify's form of TRUST_PROXY: a hop count trusts the nearest hops only (proxy-addr's own rule for a number). */
function trustProxyOption(tp: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof tp === 'number' ? (_address, hop) => hop < tp : tp;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
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
  });
  app.decorate('database', opts.database);
  app.decorate('config', opts.config);
  app.decorate(
    'mailer',
    opts.mailer ??
      createMailer({
        smtpUrl: opts.config.smtpUrl,
        from: opts.config.mailFrom,
        log: (msg, data) => app.log.warn(data, msg),
      }),
  );

  await app.register(helmet, {
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
  await app.register(rateLimit, { max: 600, timeWindow: '1 minute', allowList: ['127.0.0.1', '::1'] });
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
      ],
    },
  });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  await app.register(healthRoutes);
  await app.register(assetRoutes);
  await app.register(sessionApiRoutes);
  await app.register(serviceEditingRoutes);
  await app.register(locationEditingRoutes);
  await app.register(programmeOpenDataRoutes);
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
  await app.register(coveragePageRoutes);
  await app.register(searchRoutes);
  await app.register(searchTuningRoutes);
  await app.register(serviceRoutes);
  await app.register(organizationRoutes);
  return app;
}

/**
 * The one mapping from a refusal to a response. The domain throws DomainError (core/shared/errors.ts); Fastify's
 * own refusals (schema validation, CSRF, rate limit, body too large) are turned into one here too. The JSON API
 * answers `{ error, message, problems? }` — a stable code, a translated message, and each field at fault with
 * its own code and message; pages get the form again with an error summary (the route catches `invalid` with
 * `attemptForm`) or an error page in the reader's language that keeps the signed-in person's header.
 * A stack trace never reaches a person.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { createElement } from 'react';
import { negotiateLang, tFor } from '../i18n/index.js';
import { isLang, type Lang } from '../core/shared/lang.js';
import { DomainError, messageKeyOf, type ErrorKind, type Params, type Problem } from '../core/shared/errors.js';
import { ForbiddenError } from '../core/access/permissions.js';
import { audit } from '../core/audit/auditLog.js';
import { domId, type FormError } from '../web/components/forms.js';

/** Refusals of the HTTP layer itself (a parameter, a page that does not exist, a missing session). */
export const badRequest = (code: string, params?: Params) => new DomainError('invalid', code, { params });
export const notFound = (code = 'not_found') => new DomainError('not_found', code);
export const signInRequired = () => new DomainError('unauthenticated', 'sign_in_required');

export const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
};

export function requestLang(req: FastifyRequest): Lang {
  const q = (req.query ?? {}) as Record<string, unknown>;
  if (isLang(q.lang)) return q.lang;
  const seg = req.url.split('/')[1];
  if (isLang(seg)) return seg;
  return negotiateLang(req.headers['accept-language']);
}

export const isApi = (req: FastifyRequest) => req.url.startsWith('/api/') || req.url.startsWith('/hsds');

export interface ProblemBody {
  field: string;
  code: string;
  message: string;
}
export interface ErrorBody {
  error: string;
  message: string;
  problems?: ProblemBody[];
  [extra: string]: unknown;
}

const problemMessage = (t: TFunction, e: DomainError, p: Problem) =>
  t(p.messageKey ?? messageKeyOf(e.area, p.code), p.params ?? {});

/** The problems of a refusal, translated. */
export function problemsOf(e: DomainError, lang: Lang): ProblemBody[] {
  const t = tFor(lang);
  return e.problems.map((p) => ({ field: p.field, code: p.code, message: problemMessage(t, e, p) }));
}

/** The message of a refusal: its own, or else every problem's, or else the one its code names. */
export function messageOf(e: DomainError, lang: Lang): string {
  const t = tFor(lang);
  if (e.messageKey) return t(e.messageKey, e.params);
  if (e.problems.length)
    return problemsOf(e, lang)
      .map((p) => p.message)
      .join(' ');
  return t(messageKeyOf(e.area, e.code), e.params);
}

/** What the JSON API answers for a refusal. */
export function errorBody(e: DomainError, lang: Lang): ErrorBody {
  const problems = problemsOf(e, lang);
  return { error: e.code, message: messageOf(e, lang), ...(problems.length ? { problems } : {}), ...e.extra };
}

/** The problems of an invalid form, for its error summary and the messages beside its fields. */
export function formErrors(e: DomainError, lang: Lang): FormError[] {
  if (e.problems.length)
    return problemsOf(e, lang).map((p) => ({ field: p.field && domId(p.field), message: p.message }));
  return [{ field: '', message: messageOf(e, lang) }];
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: DomainError; errors: FormError[] };

/**
 * Runs what a form asked for. A refusal the person can fix (invalid, or a conflict such as an e-mail already
 * taken) comes back with its problems, so the route shows the form again; every other error goes on to the
 * error handler (403 and 404 pages, 500).
 */
export async function attemptForm<T>(lang: Lang, run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (e instanceof DomainError && (e.kind === 'invalid' || e.kind === 'conflict'))
      return { ok: false, error: e, errors: formErrors(e, lang) };
    throw e;
  }
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A request that did not match its route's schema, as a refusal with one problem per parameter. */
export function validationError(issues: AjvIssue[], context: string | undefined): DomainError {
  const problems = issues.map((i): Problem => {
    const field =
      i.keyword === 'additionalProperties'
        ? String(i.params.additionalProperty)
        : i.keyword === 'required'
          ? String(i.params.missingProperty)
          : i.instancePath.replace(/^\//, '').split('/')[0] || context || '';
    switch (i.keyword) {
      case 'additionalProperties':
        return { field, code: 'unknown_parameter', params: { name: field } };
      case 'required':
        return { field, code: 'missing_parameter', params: { name: field } };
      case 'enum':
        return {
          field,
          code: 'invalid_choice',
          params: { name: field, allowed: ((i.params.allowedValues as unknown[]) ?? []).join(', ') },
        };
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        return { field, code: 'out_of_range', params: { name: field, limit: String(i.params.limit) } };
      default:
        return { field, code: 'invalid_value', params: { name: field } };
    }
  });
  return new DomainError('invalid', 'invalid_parameter', { problems });
}

/** Fastify's own refusals, as DomainErrors; undefined for anything else (a bug: 500). */
function fromFastify(error: FastifyError): DomainError | undefined {
  if (error.validation) return validationError(error.validation as unknown as AjvIssue[], error.validationContext);
  if (error.code?.startsWith('FST_CSRF_')) return new DomainError('forbidden', 'csrf_invalid');
  const status = error.statusCode ?? 500;
  if (status === 429) return new DomainError('invalid', 'rate_limited');
  if (status === 413) return new DomainError('too_large', 'too_large');
  if (status >= 400 && status < 500) return new DomainError('invalid', 'bad_request');
  return undefined;
}

// Errors of a database that cannot be reached (connection refused or lost, server shutting down or starting).
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE']);
const isDatabaseUnreachable = (e: Error & { code?: unknown }) =>
  (typeof e.code === 'string' && (UNREACHABLE.has(e.code) || /^(08|57P0)/.test(e.code))) ||
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    e.message,
  );

export async function errorHandler(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(req);
  if (!(error instanceof DomainError) && isDatabaseUnreachable(error)) {
    // An outage: 503 with a translated message; the detail (addresses) goes to the log only.
    req.log.error({ err: error }, 'database unreachable');
    error = new DomainError('unavailable', 'database_unavailable');
  }
  const domain = error instanceof DomainError ? error : fromFastify(error as FastifyError);
  if (!domain) {
    req.log.error({ err: error }, 'request failed');
    const status =
      (error as FastifyError).statusCode && (error as FastifyError).statusCode! >= 500
        ? (error as FastifyError).statusCode!
        : 500;
    const internal = new DomainError('unavailable', 'internal');
    if (isApi(req)) return reply.code(status).send(errorBody(internal, lang));
    return sendErrorPage(req, reply, lang, status, internal);
  }
  // A permission denial and a forged or stale form are security events; other refusals of kind forbidden (a flow
  // rule such as "a second person must publish") are recorded by the core that made them.
  if (error instanceof ForbiddenError || domain.code === 'csrf_invalid') await auditDenial(req, error);
  const status = domain.code === 'rate_limited' ? 429 : STATUS[domain.kind];
  if (isApi(req)) return reply.code(status).send(errorBody(domain, lang));
  return sendErrorPage(req, reply, lang, status, domain);
}

export async function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(req);
  const e = notFound();
  if (isApi(req)) return reply.code(404).send(errorBody(e, lang));
  return sendErrorPage(req, reply, lang, 404, e);
}

/** A permission denial (or a forged or stale form) is a security event: written to the audit log. */
async function auditDenial(req: FastifyRequest, error: Error): Promise<void> {
  const forbidden = error instanceof ForbiddenError;
  await audit(
    req.server.database.db,
    { actor: req.actor, ip: req.ip, requestId: String(req.id) },
    {
      action: forbidden ? 'access.denied' : 'access.csrf_failed',
      outcome: 'denied',
      organizationId: forbidden ? (error.scope.organizationId ?? null) : null,
      details: {
        method: req.method,
        url: req.url.split('?')[0],
        ...(forbidden ? { permission: error.permission, team: error.scope.teamId ?? undefined } : {}),
      },
    },
  ).catch((e: Error) => req.log.error({ err: e }, 'audit write failed'));
}

/**
 * An error page in the reader's language, in the site's layout with the signed-in person's header, saying what
 * happened ("you do not have the right to …"), with a way to sign in when that is what is missing.
 */
async function sendErrorPage(req: FastifyRequest, reply: FastifyReply, lang: Lang, status: number, e: DomainError) {
  const [{ sendPage }, { ErrorPage }] = await Promise.all([import('./pages.js'), import('../web/pages/ErrorPage.js')]);
  const t = tFor(lang);
  const message = messageOf(e, lang);
  const signInHref =
    e.kind === 'unauthenticated' ? `/${lang}/sign-in?next=${encodeURIComponent(req.url.split('#')[0]!)}` : undefined;
  return sendPage(req, reply, {
    lang,
    status,
    title: t(status === 404 ? 'error.title_not_found' : status === 403 ? 'error.title_forbidden' : 'error.title'),
    body: createElement(ErrorPage, { status, message, signInHref }),
    noindex: true,
  });
}

/**
 * Errors with stable codes and translated messages. The JSON API answers {error, message, details}; pages get
 * a page in the reader's language. A stack trace never reaches a person.
 */
import { isLang, type Lang } from '../core/shared/lang.js';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { createElement } from 'react';
import { negotiateLang, tFor } from '../i18n/index.js';
import { ForbiddenError } from '../core/access/permissions.js';
import { audit } from '../core/audit/auditLog.js';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}
export const badRequest = (code: string, params?: Record<string, string | number>) => new HttpError(400, code, params);
export const notFound = (code = 'not_found') => new HttpError(404, code);

export function requestLang(req: FastifyRequest): Lang {
  const q = (req.query ?? {}) as Record<string, unknown>;
  if (isLang(q.lang)) return q.lang;
  const seg = req.url.split('/')[1];
  if (isLang(seg)) return seg;
  return negotiateLang(req.headers['accept-language']);
}

export const isApi = (req: FastifyRequest) => req.url.startsWith('/api/') || req.url.startsWith('/hsds');

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export function validationMessage(
  lang: Lang,
  issues: AjvIssue[],
  context: string | undefined,
): { code: string; message: string; details: { parameter: string; message: string }[] } {
  const t = tFor(lang);
  const details = issues.map((i) => {
    const name =
      i.keyword === 'additionalProperties'
        ? String(i.params.additionalProperty)
        : i.keyword === 'required'
          ? String(i.params.missingProperty)
          : i.instancePath.replace(/^\//, '').split('/')[0] || context || '';
    let message: string;
    switch (i.keyword) {
      case 'additionalProperties':
        message = t('error.unknown_parameter', { name });
        break;
      case 'required':
        message = t('error.missing_parameter', { name });
        break;
      case 'enum':
        message = t('error.invalid_choice', { name, allowed: (i.params.allowedValues as unknown[]).join(', ') });
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        message = t('error.out_of_range', { name, limit: String(i.params.limit) });
        break;
      default:
        message = t('error.invalid_value', { name });
    }
    return { parameter: name, message };
  });
  return { code: 'invalid_parameter', message: details.map((d) => d.message).join(' '), details };
}

export async function errorHandler(
  this: unknown,
  error: FastifyError | HttpError,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const lang = requestLang(req);
  const t = tFor(lang);
  if ((error as FastifyError).validation) {
    const v = validationMessage(
      lang,
      (error as FastifyError).validation as unknown as AjvIssue[],
      (error as FastifyError).validationContext,
    );
    if (isApi(req)) return reply.code(400).send({ error: v.code, message: v.message, details: v.details });
    return reply
      .code(400)
      .type('text/html')
      .send(await renderErrorPage(lang, 400, v.message));
  }
  if (error instanceof ForbiddenError || (error as FastifyError).code?.startsWith('FST_CSRF_')) {
    // A permission denial (or a forged or stale form) is a security event: logged, then a translated 403.
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
    const code = forbidden ? 'forbidden' : 'csrf_invalid';
    const message = t(`error.${code}`);
    if (isApi(req)) return reply.code(403).send({ error: code, message });
    return reply
      .code(403)
      .type('text/html')
      .send(await renderErrorPage(lang, 403, message));
  }
  if (error instanceof HttpError && error.statusCode === 401 && !isApi(req)) {
    return reply
      .code(401)
      .type('text/html')
      .send(await renderErrorPage(lang, 401, t('error.sign_in_required'), `/${lang}/sign-in`));
  }
  if (error instanceof HttpError) {
    const message = t(`error.${error.code}`, error.params);
    if (isApi(req)) return reply.code(error.statusCode).send({ error: error.code, message });
    return reply
      .code(error.statusCode)
      .type('text/html')
      .send(await renderErrorPage(lang, error.statusCode, message));
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 429) {
    const message = t('error.rate_limited');
    if (isApi(req)) return reply.code(429).send({ error: 'rate_limited', message });
    return reply
      .code(429)
      .type('text/html')
      .send(await renderErrorPage(lang, 429, message));
  }
  if (status >= 500) req.log.error({ err: error }, 'request failed');
  const code = status >= 500 ? 'internal' : 'bad_request';
  const message = t(`error.${code}`);
  if (isApi(req)) return reply.code(status).send({ error: code, message });
  return reply
    .code(status)
    .type('text/html')
    .send(await renderErrorPage(lang, status, message));
}

export async function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(req);
  const message = tFor(lang)('error.not_found');
  if (isApi(req)) return reply.code(404).send({ error: 'not_found', message });
  return reply
    .code(404)
    .type('text/html')
    .send(await renderErrorPage(lang, 404, message));
}

async function renderErrorPage(lang: Lang, status: number, message: string, signInHref?: string): Promise<string> {
  const { renderPage } = await import('../web/render.js');
  const { ErrorPage } = await import('../web/pages/ErrorPage.js');
  return renderPage({
    lang,
    path: `/${lang}/`,
    title: tFor(lang)(status === 404 ? 'error.title_not_found' : 'error.title'),
    body: createElement(ErrorPage, { status, message, signInHref }),
    noindex: true,
  });
}

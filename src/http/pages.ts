/** Sending a server-rendered page: language from the path, the signed-in person, and a CSRF token for forms. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { renderPage } from '../web/render.js';
import { langParam } from './routes/langParam.js';
import type { Lang } from '../core/shared/lang.js';

export interface PageOptions {
  title: string;
  body: ReactNode;
  status?: number;
  description?: string;
  noindex?: boolean;
  /** The page has a state-changing form (needs a CSRF token even without a session). */
  forms?: boolean;
  /** The page's language when the URL has none of its own (error pages). */
  lang?: Lang;
}

export function sendPage(req: FastifyRequest, reply: FastifyReply, o: PageOptions): FastifyReply {
  const lang = o.lang ?? langParam(req);
  const [path, search] = req.url.split('?');
  const signedIn = Boolean(req.actor);
  const html = renderPage({
    lang,
    path: path!,
    search: search ? `?${search}` : '',
    title: o.title,
    body: o.body,
    description: o.description,
    publicUrl: req.server.config.publicUrl,
    noindex: o.noindex ?? signedIn,
    user: req.actor ? { name: req.actor.name } : null,
    csrfToken: o.forms || signedIn ? reply.csrfToken() : '',
  });
  if (signedIn || o.forms) reply.header('cache-control', 'no-store');
  return reply
    .code(o.status ?? 200)
    .type('text/html')
    .send(html);
}

/** A same-site path to return to after signing in; anything else becomes the workspace. */
export function safeNext(next: unknown, lang: string): string {
  return typeof next === 'string' && /^\/(fi|sv|en)(\/[\w\-/.%?=&]*)?$/.test(next) && !next.startsWith('//')
    ? next
    : `/${lang}/work`;
}

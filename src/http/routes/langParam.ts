import { isLang, type Lang } from '../../core/shared/lang.js';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../core/shared/errors.js';

/** The language segment of a page URL; anything else is a page that does not exist. */
export function langParam(req: FastifyRequest): Lang {
  const lang = (req.params as { lang?: string }).lang;
  if (!isLang(lang)) throw new DomainError('not_found', 'not_found');
  return lang;
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../../core/audit/auditLog.js';
import { isDomainError } from '../../../core/shared/errors.js';
import { auditContext } from '../../auth.js';
import { readForm, type FormReader } from '../../forms.js';

/** Rate limit for the forms that anyone can send (per client address): sign-in, passwords, single sign-on. */
export const publicFormLimit = (app: FastifyInstance) => ({
  max: app.config.authRateLimit,
  timeWindow: '1 minute',
  allowList: [] as string[],
});

/**
 * Reads a public account form; text that cannot be stored (a NUL, a lone surrogate) is refused as readForm
 * refuses it, and the attempt is written to the audit log (with such characters shown as U+FFFD).
 */
export async function readAccountForm(req: FastifyRequest, action: string): Promise<FormReader> {
  try {
    return readForm(req.body);
  } catch (e) {
    if (isDomainError(e) && e.code === 'invalid_text') {
      const raw = (req.body ?? {}) as Record<string, unknown>;
      const email = [raw.email].flat().find((x): x is string => typeof x === 'string') ?? '';
      await audit(
        req.server.database.db,
        { ...auditContext(req), actorName: email.replace(/[\u0000\uD800-\uDFFF]/g, '\uFFFD').slice(0, 254) },
        { action, outcome: 'failed', details: { reason: 'unstorable_text' } },
      );
    }
    throw e;
  }
}

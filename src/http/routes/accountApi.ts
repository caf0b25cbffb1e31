/** The session in the JSON API: who am I (with a CSRF token for write requests), sign in, sign out. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { signInWithPassword } from '../../core/accounts/signIn.js';
import { endSession } from '../../core/accounts/sessions.js';
import { audit } from '../../core/audit/auditLog.js';
import { tFor } from '../../i18n/index.js';
import { auditContext, clearSessionCookie, startSession } from '../auth.js';
import { requestLang } from '../errors.js';
import { publicFormLimit } from './accountPages.js';

const SessionReply = Type.Object({
  signed_in: Type.Boolean(),
  csrf_token: Type.String({ description: 'Send as the x-csrf-token header with every write request.' }),
  person: Type.Union([
    Type.Null(),
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      email: Type.String(),
      system_role: Type.Union([Type.Null(), Type.String()]),
      memberships: Type.Array(Type.Object({ organization_id: Type.String(), role: Type.String() })),
      teams: Type.Array(Type.Object({ team_id: Type.String(), organization_id: Type.String(), role: Type.String() })),
    }),
  ]),
});

export async function accountApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get(
    '/session',
    { schema: { tags: ['session'], summary: 'The current session and a CSRF token', response: { 200: SessionReply } } },
    async (req, reply) => {
      const a = req.actor;
      reply.header('cache-control', 'no-store');
      return {
        signed_in: Boolean(a),
        csrf_token: reply.csrfToken(),
        person: a
          ? {
              id: a.personId,
              name: a.name,
              email: a.email,
              system_role: a.systemRole,
              memberships: a.memberships.map((m) => ({ organization_id: m.organizationId, role: m.role })),
              teams: a.teams.map((t) => ({ team_id: t.teamId, organization_id: t.organizationId, role: t.role })),
            }
          : null,
      };
    },
  );

  app.post(
    '/session',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: {
        tags: ['session'],
        summary: 'Sign in with e-mail and password (needs the CSRF token from GET /session)',
        body: Type.Object(
          { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 256 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { email, password } = req.body as { email: string; password: string };
      const r = await signInWithPassword(db, auditContext(req), email, password);
      const t = tFor(requestLang(req));
      if (!r.ok) {
        return reply
          .code(401)
          .send(
            r.reason === 'locked'
              ? { error: 'locked', message: t('account.error.locked', { minutes: r.retryAfterMinutes ?? 1 }) }
              : { error: 'sign_in_failed', message: t('account.error.sign_in_failed') },
          );
      }
      await startSession(req, reply, r.personId, 'password');
      return reply.code(204).send();
    },
  );

  app.delete('/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (req, reply) => {
    await endSession(db, req.session!.id);
    await audit(db, auditContext(req), {
      action: 'auth.sign_out',
      objectType: 'person',
      objectId: req.actor!.personId,
    });
    clearSessionCookie(req, reply);
    return reply.code(204).send();
  });
}

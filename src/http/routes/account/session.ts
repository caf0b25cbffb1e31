/** The session in the JSON API: who am I (with a CSRF token for write requests), sign in, sign out. */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { presentSession } from '../../../core/accounts/presenters.js';
import { endSession } from '../../../core/accounts/sessions.js';
import { signInRefusal, signInWithPassword } from '../../../core/accounts/signIn.js';
import { audit } from '../../../core/audit/auditLog.js';
import { auditContext, clearSessionCookie, startSession } from '../../auth.js';
import { publicFormLimit } from './shared.js';

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

const SignInBody = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 256 }) },
  { additionalProperties: false },
);
type SignInBody = Static<typeof SignInBody>;

export async function sessionApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get(
    '/api/v1/session',
    { schema: { tags: ['session'], summary: 'The current session and a CSRF token', response: { 200: SessionReply } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return presentSession(req.actor, reply.csrfToken());
    },
  );

  app.post<{ Body: SignInBody }>(
    '/api/v1/session',
    {
      config: { public: true, rateLimit: publicFormLimit(app) },
      schema: {
        tags: ['session'],
        summary: 'Sign in with e-mail and password (needs the CSRF token from GET /session)',
        body: SignInBody,
      },
    },
    async (req, reply) => {
      const r = await signInWithPassword(db, auditContext(req), req.body.email, req.body.password);
      if (!r.ok) throw signInRefusal(r);
      await startSession(req, reply, r.personId, 'password');
      return reply.code(204).send();
    },
  );

  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (req, reply) => {
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

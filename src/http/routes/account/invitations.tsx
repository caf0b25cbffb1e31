/**
 * Invitations into organisations for the signed-in person: the page (/:lang/work/invitations) with accept and
 * decline buttons, and the JSON API (/api/v1/invitations). The core checks that the invitation is theirs.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { answerInvitation, myInvitations } from '../../../core/accounts/invitations.js';
import { tFor } from '../../../i18n/index.js';
import { InvitationsPage } from '../../../web/pages/account/InvitationsPage.js';
import { auditContext, requireActor } from '../../auth.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { errorResponses, FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';

const Invitation = Type.Object({
  id: Type.String(),
  organization_id: Type.String(),
  organization_name: Type.Object({
    fi: Type.Optional(Type.String()),
    sv: Type.Optional(Type.String()),
    en: Type.Optional(Type.String()),
  }),
  role: Type.String(),
  invited_by: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});
const IdParams = Type.Object({ id: Type.String() });

export async function invitationRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get(
    '/:lang/work/invitations',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ notice: Type.Optional(Type.String()) }) } },
    async (req, reply) => {
      const lang = langParam(req);
      if (!req.actor) return reply.redirect(`/${lang}/sign-in?next=${encodeURIComponent(req.url)}`, 303);
      const n = readForm(req.query).text('notice');
      reply.header('cache-control', 'no-store');
      return sendPage(req, reply, {
        title: tFor(lang)('accounts.invitation.title'),
        body: (
          <InvitationsPage
            invitations={await myInvitations(db, req.actor)}
            notice={n === 'accepted' || n === 'declined' ? n : null}
          />
        ),
      });
    },
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post<{ Params: LangIdParams; Body: FormBody }>(
      `/:lang/work/invitations/:id/${answer}`,
      { schema: { hide: true, params: LangIdParams, body: FormBody } },
      async (req, reply) => {
        const lang = langParam(req);
        await answerInvitation(db, auditContext(req), req.params.id, answer === 'accept');
        return reply.redirect(`/${lang}/work/invitations?notice=${answer}ed`, 303);
      },
    );
    app.post<{ Params: { id: string } }>(
      `/api/v1/invitations/:id/${answer}`,
      {
        schema: {
          tags: ['session'],
          summary: answer === 'accept' ? 'Accept an invitation into an organisation' : 'Decline an invitation',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await answerInvitation(db, auditContext(req), req.params.id, answer === 'accept');
        return reply.code(204).send();
      },
    );
  }

  app.get(
    '/api/v1/invitations',
    {
      schema: {
        tags: ['session'],
        summary: 'Invitations into organisations waiting for the signed-in person',
        response: { 200: Type.Object({ items: Type.Array(Invitation) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const items = await myInvitations(db, requireActor(req));
      return {
        items: items.map((i) => ({
          id: i.id,
          organization_id: i.organizationId,
          organization_name: i.organizationName,
          role: i.role,
          invited_by: i.invitedByName,
          created_at: i.createdAt.toISOString(),
        })),
      };
    },
  );
}

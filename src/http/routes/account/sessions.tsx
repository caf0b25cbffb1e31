/** The account page (who is signed in, and where) and signing out everywhere. */
import type { FastifyInstance } from 'fastify';
import { endAllSessions, listSessions } from '../../../core/accounts/sessions.js';
import { audit } from '../../../core/audit/auditLog.js';
import { tFor } from '../../../i18n/index.js';
import { AccountPage } from '../../../web/pages/account/AccountPage.js';
import { auditContext, clearSessionCookie } from '../../auth.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';

export async function accountSessionRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/:lang/work/account', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const lang = langParam(req);
    if (!req.actor) return reply.redirect(`/${lang}/sign-in?next=${encodeURIComponent(req.url)}`, 303);
    const rows = await listSessions(db, req.actor.personId);
    const t = tFor(lang);
    return sendPage(req, reply, {
      title: t('account.title'),
      body: (
        <AccountPage
          name={req.actor.name}
          email={req.actor.email}
          sessions={rows.map((s) => ({
            current: s.id === req.session!.id,
            method: s.method,
            createdAt: s.created_at,
            lastSeenAt: s.last_seen_at,
            userAgent: s.user_agent,
            ip: s.ip,
          }))}
        />
      ),
    });
  });

  app.post(
    '/:lang/work/account/sign-out-everywhere',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const ended = await endAllSessions(db, req.actor!.personId);
      await audit(db, auditContext(req), {
        action: 'auth.sign_out_everywhere',
        objectType: 'person',
        objectId: req.actor!.personId,
        details: { sessions: ended },
      });
      clearSessionCookie(req, reply);
      return reply.redirect(`/${lang}/sign-in?notice=signed_out_everywhere`, 303);
    },
  );
}

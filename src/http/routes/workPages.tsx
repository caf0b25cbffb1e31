/** The professionals' workspace front page. Capabilities add their own pages under /:lang/work/…. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Actor } from '../../core/access/permissions.js';
import { actorProfile } from '../../core/access/whoAmI.js';
import { canEditAnyPlan } from '../../core/programme/policy.js';
import { tFor } from '../../i18n/index.js';
import { WorkPage } from '../../web/pages/work/WorkPage.js';
import { sendPage } from '../pages.js';
import { langParam } from './langParam.js';

/**
 * For workspace pages (GET): the signed-in actor, or null after sending the reader to the sign-in page
 * (they come back here after signing in).
 */
export function signedInOrRedirect(req: FastifyRequest, reply: FastifyReply): Actor | null {
  if (req.actor) return req.actor;
  void reply.redirect(`/${langParam(req)}/sign-in?next=${encodeURIComponent(req.url)}`, 303);
  return null;
}

export async function workPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/:lang/work', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const profile = await actorProfile(app.database.db, actor);
    const links = {
      services: can(actor, 'service.edit'),
      review: can(actor, 'freshness.read'),
      people: can(actor, 'network.read'),
      admin: can(actor, 'organization.manage') || can(actor, 'organization.create'),
      audit: can(actor, 'audit.read'),
      search: can(actor, 'search.tune'),
      events: can(actor, 'service.edit'),
      childImpact: can(actor, 'child_impact.edit'),
      programme: await canEditAnyPlan(app.database.db, actor),
      concerns: can(actor, 'concern.handle') || can(actor, 'referral.receive') || can(actor, 'concern.stats'),
      guides: can(actor, 'guide.edit'),
      feedback: can(actor, 'service.edit'),
    };
    return sendPage(req, reply, {
      title: tFor(lang)('work.title'),
      body: <WorkPage name={actor.name} systemRole={actor.systemRole} profile={profile} links={links} />,
    });
  });
}

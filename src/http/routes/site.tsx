import type { FastifyInstance } from 'fastify';
import { negotiateLang, tFor } from '../../i18n/index.js';
import { sendPage } from '../pages.js';
import { AccessibilityPage } from '../../web/pages/AccessibilityPage.js';
import { langParam } from './langParam.js';

export async function siteRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (req, reply) =>
    reply.redirect(`/${negotiateLang(req.headers['accept-language'])}/`),
  );

  app.get('/:lang/accessibility', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    return sendPage(req, reply, { title: t('a11y.title'), body: <AccessibilityPage /> });
  });
}

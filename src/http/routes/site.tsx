import type { FastifyInstance } from 'fastify';
import { negotiateLang, tFor } from '../../i18n/index.js';
import { renderPage } from '../../web/render.js';
import { AccessibilityPage } from '../../web/pages/AccessibilityPage.js';
import { langParam } from './langParam.js';

export async function siteRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (req, reply) => reply.redirect(`/${negotiateLang(req.headers['accept-language'])}/`));

  app.get('/:lang/accessibility', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    return reply.type('text/html').send(renderPage({ lang, path: req.url.split('?')[0]!, title: t('a11y.title'), body: <AccessibilityPage />, publicUrl: app.config.publicUrl }));
  });
}

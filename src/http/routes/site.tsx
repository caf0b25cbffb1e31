/** The site as a whole: the root, each language's front page, the accessibility statement, the OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import { negotiateLang, tFor } from '../../i18n/index.js';
import { sendPage } from '../pages.js';
import { AccessibilityPage } from '../../web/pages/AccessibilityPage.js';
import { FrontPage } from '../../web/pages/FrontPage.js';
import { langParam } from './langParam.js';
import { countyEmergencies } from '../../core/guides/helpLines.js';
import { cachedForDirectory } from '../../core/directory/directoryCache.js';

export async function siteRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/', { schema: { hide: true } }, async (req, reply) =>
    reply.redirect(`/${negotiateLang(req.headers['accept-language'])}/`),
  );

  app.get('/:lang/accessibility', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    return sendPage(req, reply, { title: t('a11y.title'), body: <AccessibilityPage /> });
  });

  app.get('/:lang', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    // Read from the whole directory (hundreds of ms at 100 000 services): kept until the directory changes.
    const { count, counties } = await cachedForDirectory(db, 'front-page', async () => ({
      count: (
        await db
          .selectFrom('service_search')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('active', '=', true)
          .executeTakeFirstOrThrow()
      ).count,
      counties: await countyEmergencies(db),
    }));
    return sendPage(req, reply, {
      title: t('front.title'),
      body: <FrontPage serviceCount={Number(count)} counties={counties} />,
      description: t('front.lead', { count: Number(count) }),
    });
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/** An organisation's public page: who it is and its services (/:lang/organizations/:id). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { getOrganization, organizationServiceIds, serviceCards } from '../../../core/directory/queries.js';
import { pick } from '../../../core/shared/translated.js';
import { OrganizationPage } from '../../../web/pages/OrganizationPage.js';
import { notFound } from '../../errors.js';
import { sendPage } from '../../pages.js';
import { LangIdParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';

const ORG_PAGE_SERVICES = 20;

export async function organizationRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;

  app.get('/:lang/organizations/:id', { schema: { hide: true, params: LangIdParams } }, async (req, reply) => {
    const lang = langParam(req);
    const o = await getOrganization(db, req.params.id);
    if (!o) throw notFound('organization_not_found');
    const ids = await organizationServiceIds(db, o.id);
    const cards = await serviceCards(db, ids.slice(0, ORG_PAGE_SERVICES));
    return sendPage(req, reply, {
      title: pick(o.name, lang),
      body: <OrganizationPage o={o} services={cards} total={ids.length} />,
      description: pick(o.description, lang),
    });
  });
}

/** "Need help now?" in full (/:lang/help, by wellbeing services county) and the privacy statement (/:lang/privacy). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { countyEmergencies, HELP_LINES_CHECKED } from '../../../core/guides/helpLines.js';
import { tFor } from '../../../i18n/index.js';
import { HelpPage } from '../../../web/pages/guides/HelpNow.js';
import { PrivacyPage } from '../../../web/pages/guides/PrivacyPage.js';
import { sendPage } from '../../pages.js';
import { LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { chosenMunicipality } from './guides.js';

export async function helpRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;

  app.get(
    '/:lang/help',
    {
      schema: {
        hide: true,
        params: LangParams,
        querystring: Type.Object({ municipality: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
    },
    async (req, reply) => {
      const lang = langParam(req);
      const t = tFor(lang);
      return sendPage(req, reply, {
        title: t('help.page_title'),
        description: t('help.page_description'),
        body: (
          <HelpPage
            counties={await countyEmergencies(db)}
            checked={HELP_LINES_CHECKED}
            chosen={chosenMunicipality(req.query.municipality)}
          />
        ),
      });
    },
  );

  app.get('/:lang/privacy', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const lang = langParam(req);
    return sendPage(req, reply, { title: tFor(lang)('privacy.title'), body: <PrivacyPage /> });
  });
}

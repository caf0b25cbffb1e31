/** A plan's versions, the text of one, and what changed between two: public pages. */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { planSummary, planVersions, planVersionText } from '../../../core/programme/queries.js';
import { versionChanges } from '../../../core/programme/versions.js';
import type { Lang } from '../../../core/shared/lang.js';
import { tFor } from '../../../i18n/index.js';
import { municipalityName } from '../../../web/format.js';
import { joinNames } from '../../../web/pages/programme/parts.js';
import {
  DiffPage,
  VersionsPage,
  VersionTextPage,
  type PlanHeading,
} from '../../../web/pages/programme/VersionsPages.js';
import { notFound } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { LangIdParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { planHref } from './shared.js';

const VersionParams = Type.Object({ lang: Type.String(), id: Type.String(), version: Type.String() });
type VersionParams = Static<typeof VersionParams>;

export async function programmeVersionRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const heading = async (lang: Lang, planId: string): Promise<PlanHeading> => {
    const plan = await planSummary(db, planId);
    const t = tFor(lang);
    if (plan.kind === 'programme_summary')
      return { planId, name: t('programme.about.title'), href: `/${lang}/programme/about` };
    return {
      planId,
      name: joinNames(
        plan.municipalityCodes.map((c) => municipalityName(c, lang)),
        t('programme.and'),
      ),
      href: planHref(lang, plan.municipalityCodes),
    };
  };

  app.get<{ Params: LangIdParams }>(
    '/:lang/programme/plans/:id/versions',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const h = await heading(lang, id);
      return sendPage(req, reply, {
        title: tFor(lang)('programme.versions.heading', { name: h.name }),
        body: <VersionsPage plan={h} versions={await planVersions(db, id)} />,
      });
    },
  );

  app.get<{ Params: VersionParams }>(
    '/:lang/programme/plans/:id/versions/:version',
    { schema: { hide: true, params: VersionParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const version = Number(req.params.version);
      if (!Number.isInteger(version)) throw notFound();
      const h = await heading(lang, id);
      const v = await planVersionText(db, id, version);
      return sendPage(req, reply, {
        title: tFor(lang)('programme.versions.text_heading', { name: h.name, version }),
        body: <VersionTextPage plan={h} info={v.info} text={v.text} />,
      });
    },
  );

  app.get<{ Params: LangIdParams }>(
    '/:lang/programme/plans/:id/diff',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const q = readForm(req.query);
      const h = await heading(lang, id);
      const versions = await planVersions(db, id);
      const to = Number.parseInt(q.text('to'), 10) || versions[0]?.version || 0;
      const from = Number.parseInt(q.text('from'), 10) || to - 1;
      // A version compared with itself is not a page.
      if (from === to) throw notFound();
      const changes = await versionChanges(db, id, from, to);
      return sendPage(req, reply, {
        title: tFor(lang)('programme.diff.heading', { name: h.name, from, to }),
        body: <DiffPage plan={h} from={from} to={to} changes={changes} />,
      });
    },
  );
}

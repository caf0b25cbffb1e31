/** The region overview (with its filters) and the programme's description: public pages. */
import type { FastifyInstance } from 'fastify';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { editableMunicipalities } from '../../../core/programme/policy.js';
import { programmeDescription, programmeOverview, type OverviewFilter } from '../../../core/programme/queries.js';
import { SHOWN_MILESTONE_STATUSES, type ShownMilestoneStatus } from '../../../core/programme/truth.js';
import { isActionStatus, isArea } from '../../../core/programme/vocabulary.js';
import { tFor } from '../../../i18n/index.js';
import { OverviewPage } from '../../../web/pages/programme/OverviewPage.js';
import { ProgrammePage } from '../../../web/pages/programme/ProgrammePage.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';

/** Reads the overview's GET filters; what is not a known value is ignored (the form offers only known values). */
export function readOverviewFilter(query: unknown): OverviewFilter {
  const q = readForm(query);
  const f: OverviewFilter = {};
  const m = q.text('municipality');
  if (municipalityByCode(m)) f.municipality = m;
  const y = Number.parseInt(q.text('year'), 10);
  if (y >= 2016 && y <= 2040) f.year = y;
  const s = q.text('status');
  if (isActionStatus(s)) f.actionStatus = s;
  const ms = q.text('milestone_status');
  if ((SHOWN_MILESTONE_STATUSES as readonly string[]).includes(ms)) f.milestoneStatus = ms as ShownMilestoneStatus;
  const a = q.text('area');
  if (isArea(a)) f.area = a;
  return f;
}

export async function programmeOverviewRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const schema = { hide: true, params: LangParams };

  app.get('/:lang/programme', { schema }, async (req, reply) => {
    const lang = langParam(req);
    const filter = readOverviewFilter(req.query);
    const overview = await programmeOverview(db, filter);
    const t = tFor(lang);
    return sendPage(req, reply, {
      title: t('programme.overview.title'),
      description: t('programme.overview.lead'),
      body: <OverviewPage overview={overview} filter={filter} editable={await editableMunicipalities(db, req.actor)} />,
    });
  });

  app.get('/:lang/programme/about', { schema }, async (req, reply) => {
    const lang = langParam(req);
    return sendPage(req, reply, {
      title: tFor(lang)('programme.about.title'),
      body: <ProgrammePage description={await programmeDescription(db)} />,
    });
  });
}

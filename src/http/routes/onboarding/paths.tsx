/**
 * Onboarding paths (signed-in professionals; the core decides who sees and changes what): the overview, a team's
 * members for its lead, one path; forms to start a path, add and remove items (lead) and tick items (member).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import {
  addItem,
  createPath,
  itemChoices,
  markItem,
  onboardingOverview,
  pathDetail,
  removeItem,
  teamOnboarding,
} from '../../../core/onboarding/onboarding.js';
import { pick } from '../../../core/shared/translated.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { OnboardingPage, PathPage, TeamOnboardingPage } from '../../../web/pages/workingModels/OnboardingPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

const NOTICES = new Set(['path_created', 'item_added', 'item_removed', 'item_done', 'item_undone']);
const TeamParams = Type.Object({ lang: Type.String(), team: Type.String() });
type TeamParams = Static<typeof TeamParams>;
type ItemForm = { kind: string; model: string; person: string; service: string; note: string };
const emptyItem: ItemForm = { kind: '', model: '', person: '', service: '', note: '' };

export async function onboardingRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/:lang/work/onboarding', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const o = await onboardingOverview(db, actor);
    reply.header('cache-control', 'no-store');
    return sendPage(req, reply, {
      title: tFor(langParam(req))('workingModels.onboarding.title'),
      noindex: true,
      body: <OnboardingPage mine={o.mine} teams={o.teams} />,
    });
  });

  const teamPage = async (req: FastifyRequest, reply: FastifyReply, teamId: string, errors: FormError[]) => {
    const lang = langParam(req);
    const team = await teamOnboarding(db, req.actor ?? null, uuidParam(teamId));
    reply.header('cache-control', 'no-store');
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: tFor(lang)('workingModels.onboarding.team_title', { name: pick(team.team.name, lang) }),
      noindex: true,
      body: <TeamOnboardingPage team={team} errors={errors} />,
    });
  };

  app.get<{ Params: TeamParams }>(
    '/:lang/work/onboarding/teams/:team',
    { schema: { hide: true, params: TeamParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      return teamPage(req, reply, req.params.team, []);
    },
  );

  app.post<{ Params: TeamParams; Body: FormBody }>(
    '/:lang/work/onboarding/teams/:team/paths',
    { schema: { hide: true, params: TeamParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const team = uuidParam(req.params.team);
      const person = readForm(req.body).text('person');
      const done = await attemptForm(lang, () => createPath(db, auditContext(req), team, person));
      if (!done.ok) return teamPage(req, reply, team, done.errors);
      return reply.redirect(`/${lang}/work/onboarding/${done.value}?notice=path_created#wm-notice`, 303);
    },
  );

  const pathPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    pathId: string,
    errors: FormError[],
    form: ItemForm = emptyItem,
  ) => {
    const lang = langParam(req);
    const path = await pathDetail(db, auditContext(req), uuidParam(pathId));
    const notice = readForm(req.query).text('notice');
    reply.header('cache-control', 'no-store');
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: tFor(lang)('workingModels.onboarding.path_title', {
        name: path.person.name,
        team: pick(path.team.name, lang),
      }),
      noindex: true,
      body: (
        <PathPage
          path={path}
          choices={path.lead ? await itemChoices(db, req.actor!) : null}
          errors={errors}
          form={form}
          notice={!errors.length && NOTICES.has(notice) ? notice : null}
        />
      ),
    });
  };

  app.get<{ Params: LangIdParams }>(
    '/:lang/work/onboarding/:id',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      return pathPage(req, reply, req.params.id, []);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/work/onboarding/:id/items',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const f = readForm(req.body);
      const form: ItemForm = {
        kind: f.text('kind'),
        model: f.text('working_model'),
        person: f.text('person'),
        service: f.text('service'),
        note: f.text('note'),
      };
      const ref = form.kind === 'working_model' ? form.model : form.kind === 'person' ? form.person : form.service;
      const done = await attemptForm(lang, () =>
        addItem(db, auditContext(req), id, { kind: form.kind, ref: form.kind === 'task' ? '' : ref, note: form.note }),
      );
      if (!done.ok) return pathPage(req, reply, id, done.errors, form);
      return reply.redirect(`/${lang}/work/onboarding/${id}?notice=item_added#wm-notice`, 303);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/work/onboarding/items/:id/remove',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const pathId = await removeItem(db, auditContext(req), uuidParam(req.params.id));
      return reply.redirect(`/${lang}/work/onboarding/${pathId}?notice=item_removed#wm-notice`, 303);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/work/onboarding/items/:id/done',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const done = readForm(req.body).text('done') !== '0';
      const pathId = await markItem(db, auditContext(req), uuidParam(req.params.id), done);
      return reply.redirect(
        `/${lang}/work/onboarding/${pathId}?notice=${done ? 'item_done' : 'item_undone'}#wm-notice`,
        303,
      );
    },
  );
}

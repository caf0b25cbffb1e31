/**
 * A municipality's plan (public; its editors see the forms) and its working group: adding a member and removing
 * one (signed in; the core authorises). A refused form comes back on the plan's page with status 400.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { canEditPlan } from '../../../core/programme/policy.js';
import {
  isInvited,
  memberPlan,
  planDetail,
  planIdForMunicipality,
  planSummary,
} from '../../../core/programme/queries.js';
import { addMember, removeMember, updatePlanAreas } from '../../../core/programme/tracking.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { municipalityName } from '../../../web/format.js';
import { NoPlanPage } from '../../../web/pages/programme/NoPlanPage.js';
import { joinNames } from '../../../web/pages/programme/parts.js';
import { PlanPage, type MemberForm } from '../../../web/pages/programme/PlanPage.js';
import { auditContext } from '../../auth.js';
import { attemptForm, notFound } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { errorTitle } from './shared.js';

const NOTICES = new Set([
  'action_saved',
  'milestone_saved',
  'change_saved',
  'member_added',
  'member_removed',
  'no_changes',
  'areas_saved',
]);

const LangCodeParams = Type.Object({ lang: Type.String(), code: Type.String() });
type LangCodeParams = Static<typeof LangCodeParams>;

export async function programmePlanRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const planPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    o: { memberForm?: MemberForm; memberErrors?: FormError[]; areaErrors?: FormError[] } = {},
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    if (!municipalityByCode(code)) throw notFound();
    const planId = await planIdForMunicipality(db, code);
    if (!planId)
      return sendPage(req, reply, {
        title: t('programme.plan.title', { names: municipalityName(code, lang) }),
        body: <NoPlanPage code={code} invited={isInvited(code)} />,
      });
    const plan = await planDetail(db, planId);
    const canEdit = await canEditPlan(db, req.actor, plan.municipalityCodes);
    const title = t('programme.plan.title', {
      names: joinNames(
        plan.municipalityCodes.map((c) => municipalityName(c, lang)),
        t('programme.and'),
      ),
    });
    const q = readForm(req.query);
    const notice = q.text('notice');
    const errors = [...(o.memberErrors ?? []), ...(o.areaErrors ?? [])];
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(t, title, errors),
      body: (
        <PlanPage
          plan={plan}
          code={code}
          canEdit={canEdit}
          notice={NOTICES.has(notice) ? notice : null}
          savedItem={/^[0-9a-f-]{36}$/i.test(q.text('item')) ? q.text('item') : null}
          memberForm={o.memberForm}
          memberErrors={o.memberErrors}
          areaErrors={o.areaErrors}
        />
      ),
    });
  };

  app.get<{ Params: LangCodeParams }>(
    '/:lang/programme/municipalities/:code',
    { schema: { hide: true, params: LangCodeParams } },
    async (req, reply) => planPage(req, reply, req.params.code),
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/programme/plans/:id/members',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const f = readForm(req.body);
      const form: MemberForm = {
        name: f.text('name'),
        title: f.text('title'),
        role: f.text('role'),
        municipality: f.text('municipality'),
      };
      const code = f.text('code');
      const plan = await planSummary(db, id);
      const back = plan.municipalityCodes.includes(code) ? code : plan.municipalityCodes[0]!;
      const done = await attemptForm(lang, () =>
        addMember(db, auditContext(req), id, {
          name: form.name,
          title: form.title,
          role: form.role,
          municipalityCode: form.municipality,
        }),
      );
      if (!done.ok) return planPage(req, reply, back, { memberForm: form, memberErrors: done.errors });
      return reply.redirect(`/${lang}/programme/municipalities/${back}?notice=member_added#pg-notice`, 303);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/programme/plans/:id/areas',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const f = readForm(req.body);
      const plan = await planSummary(db, id);
      const code = f.text('code');
      const back = plan.municipalityCodes.includes(code) ? code : plan.municipalityCodes[0]!;
      const done = await attemptForm(lang, () => updatePlanAreas(db, auditContext(req), id, f.list('areas')));
      if (!done.ok) return planPage(req, reply, back, { areaErrors: done.errors });
      return reply.redirect(`/${lang}/programme/municipalities/${back}?notice=areas_saved#pg-notice`, 303);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/programme/members/:id/remove',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const codes = await memberPlan(db, id);
      if (!codes) throw notFound();
      const done = await attemptForm(lang, () => removeMember(db, auditContext(req), id));
      if (!done.ok) return planPage(req, reply, codes[0]!, { memberErrors: done.errors });
      return reply.redirect(`/${lang}/programme/municipalities/${codes[0]}?notice=member_removed#pg-notice`, 303);
    },
  );
}

/**
 * Keeping a plan's items up to date (signed in; the core authorises: a representative of another municipality
 * gets 403 and nothing changes): an experiment, a milestone, a structural change. Forms post and redirect (303);
 * a form with problems comes back with status 400, every problem listed, the input kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { itemWithPlan, networkTeams } from '../../../core/programme/queries.js';
import { updateAction, updateMilestone, updateStructuralChange } from '../../../core/programme/tracking.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import {
  ActionEditPage,
  MilestoneEditPage,
  StructuralChangeEditPage,
  type ActionForm,
  type MilestoneForm,
} from '../../../web/pages/programme/EditPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm, notFound } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { errorTitle, planEditor, planHref } from './shared.js';

type Found = NonNullable<Awaited<ReturnType<typeof itemWithPlan>>>;
type Item = { Params: LangIdParams };
type Post = { Params: LangIdParams; Body: FormBody };
const get = { schema: { hide: true, params: LangIdParams } };
const post = { schema: { hide: true, params: LangIdParams, body: FormBody } };

const readActionForm = (body: unknown): ActionForm => {
  const f = readForm(body);
  return {
    status: f.text('status'),
    area: f.text('area'),
    ownerTeam: f.text('owner_team'),
    ownerTeamId: f.text('owner_team_id'),
    evidence: f.text('evidence'),
    notes: f.text('notes'),
    progress: f.text('progress'),
    spreadTo: f.list('spread_to'),
    adoptedFrom: f.text('adopted_from'),
    entry: f.text('entry'),
    entryDate: f.text('entry_date'),
  };
};

const readMilestoneForm = (body: unknown): MilestoneForm => {
  const f = readForm(body);
  return { status: f.text('status'), notes: f.text('notes'), entry: f.text('entry'), entryDate: f.text('entry_date') };
};

export async function programmeItemRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const findItem = async (type: 'action' | 'milestone' | 'structural_change', id: string) => {
    const found = await itemWithPlan(db, type, id);
    if (!found || !(found.action ?? found.milestone ?? found.change)) throw notFound();
    return found;
  };

  // ---- An experiment (action) ----

  const actionPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    found: Found,
    form: ActionForm,
    errors: FormError[],
  ) => {
    const t = tFor(langParam(req));
    const a = found.action!;
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(t, t('programme.action.edit_title', { title: a.title }), errors),
      body: (
        <ActionEditPage
          action={a}
          code={a.municipalityCodes[0]!}
          ownCodes={found.plan.municipalityCodes}
          form={form}
          errors={errors}
          teams={await networkTeams(db, langParam(req))}
        />
      ),
    });
  };

  app.get<Item>('/:lang/programme/actions/:id/edit', get, async (req, reply) => {
    const found = await findItem('action', uuidParam(req.params.id));
    if (!(await planEditor(db, req, reply, found.plan.municipalityCodes))) return reply;
    const a = found.action!;
    const form: ActionForm = {
      status: a.status,
      area: a.area ?? '',
      ownerTeam: a.ownerTeam,
      ownerTeamId: a.ownerTeamId ?? '',
      evidence: a.evidence,
      notes: a.notes,
      progress: a.progress === null ? '' : String(a.progress),
      spreadTo: a.spreadTo,
      adoptedFrom: a.adoptedFrom ?? '',
      entry: '',
      entryDate: '',
    };
    return actionPage(req, reply, found, form, []);
  });

  app.post<Post>('/:lang/programme/actions/:id/edit', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const form = readActionForm(req.body);
    const done = await attemptForm(lang, () => updateAction(db, auditContext(req), id, form));
    const found = await findItem('action', id);
    if (!done.ok) return actionPage(req, reply, found, form, done.errors);
    return reply.redirect(
      `${planHref(lang, found.action!.municipalityCodes)}?notice=action_saved&item=${id}#pg-notice`,
      303,
    );
  });

  // ---- A milestone ----

  const milestonePage = (
    req: FastifyRequest,
    reply: FastifyReply,
    found: Found,
    form: MilestoneForm,
    errors: FormError[],
  ) => {
    const t = tFor(langParam(req));
    const m = found.milestone!;
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(t, t('programme.milestone.edit_title', { year: m.year }), errors),
      body: <MilestoneEditPage milestone={m} code={m.municipalityCodes[0]!} form={form} errors={errors} />,
    });
  };

  app.get<Item>('/:lang/programme/milestones/:id/edit', get, async (req, reply) => {
    const found = await findItem('milestone', uuidParam(req.params.id));
    if (!(await planEditor(db, req, reply, found.plan.municipalityCodes))) return reply;
    const m = found.milestone!;
    return milestonePage(req, reply, found, { status: m.status, notes: m.notes, entry: '', entryDate: '' }, []);
  });

  app.post<Post>('/:lang/programme/milestones/:id/edit', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const form = readMilestoneForm(req.body);
    const done = await attemptForm(lang, () => updateMilestone(db, auditContext(req), id, form));
    const found = await findItem('milestone', id);
    if (!done.ok) return milestonePage(req, reply, found, form, done.errors);
    return reply.redirect(
      `${planHref(lang, found.milestone!.municipalityCodes)}?notice=milestone_saved&item=${id}#pg-notice`,
      303,
    );
  });

  // ---- A structural change ----

  const changePage = (req: FastifyRequest, reply: FastifyReply, found: Found, notes: string, errors: FormError[]) => {
    const t = tFor(langParam(req));
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(t, t('programme.structural.edit_title'), errors),
      body: (
        <StructuralChangeEditPage
          change={found.change!}
          code={found.plan.municipalityCodes[0]!}
          notes={notes}
          errors={errors}
        />
      ),
    });
  };

  app.get<Item>('/:lang/programme/structural-changes/:id/edit', get, async (req, reply) => {
    const found = await findItem('structural_change', uuidParam(req.params.id));
    if (!(await planEditor(db, req, reply, found.plan.municipalityCodes))) return reply;
    return changePage(req, reply, found, found.change!.notes, []);
  });

  app.post<Post>('/:lang/programme/structural-changes/:id/edit', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const notes = readForm(req.body).text('notes');
    const done = await attemptForm(lang, () => updateStructuralChange(db, auditContext(req), id, { notes }));
    const found = await findItem('structural_change', id);
    if (!done.ok) return changePage(req, reply, found, notes, done.errors);
    return reply.redirect(`${planHref(lang, found.plan.municipalityCodes)}?notice=change_saved#pg-notice`, 303);
  });
}

/**
 * Programme tracking pages (issue 5): the region overview, the programme's description, a municipality's plan,
 * a plan's versions and their differences (all public), and the forms that keep a plan up to date (signed in;
 * the core authorises: a representative of another municipality gets 403 and nothing changes). Forms post and
 * redirect (303); a form with problems comes back with status 400, every problem listed, the input kept.
 */
import type { FormError } from '../../web/components/forms.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { ForbiddenError } from '../../core/access/permissions.js';
import { municipalityByCode } from '../../core/places/municipalities.js';
import { ProgrammeError, ProgrammeErrors } from '../../core/programme/errors.js';
import { canEditPlan, representativeOrganizations } from '../../core/programme/policy.js';
import {
  itemWithPlan,
  memberPlan,
  planDetail,
  planIdForMunicipality,
  planVersions,
  planVersionText,
  programmeDescription,
  programmeOverview,
  type OverviewFilter,
} from '../../core/programme/queries.js';
import {
  addMember,
  removeMember,
  updateAction,
  updateMilestone,
  updateStructuralChange,
} from '../../core/programme/tracking.js';
import { versionChanges } from '../../core/programme/versions.js';
import { isActionStatus, isArea, isMilestoneStatus } from '../../core/programme/vocabulary.js';
import { UUID_RE } from '../../core/shared/ids.js';
import { tFor } from '../../i18n/index.js';
import { municipalityName } from '../../web/format.js';
import {
  ActionEditPage,
  MilestoneEditPage,
  StructuralChangeEditPage,
  type ActionForm,
  type MilestoneForm,
} from '../../web/pages/programme/EditPages.js';
import { OverviewPage } from '../../web/pages/programme/OverviewPage.js';
import { NoPlanPage } from '../../web/pages/programme/NoPlanPage.js';
import { joinNames } from '../../web/pages/programme/parts.js';
import { PlanPage, type MemberForm } from '../../web/pages/programme/PlanPage.js';
import { ProgrammePage } from '../../web/pages/programme/ProgrammePage.js';
import { DiffPage, VersionsPage, VersionTextPage, type PlanHeading } from '../../web/pages/programme/VersionsPages.js';
import { auditContext } from '../auth.js';
import { notFound } from '../errors.js';
import { sendPage } from '../pages.js';
import { langParam } from './langParam.js';
import { signedInOrRedirect } from './workPages.js';

const NOTICES = new Set([
  'action_saved',
  'milestone_saved',
  'change_saved',
  'member_added',
  'member_removed',
  'no_changes',
]);
const str = (o: unknown, k: string): string => {
  const v = (o as Record<string, unknown> | undefined)?.[k];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v.at(-1) === 'string' ? String(v.at(-1)) : '';
};
const strs = (o: unknown, k: string): string[] => {
  const v = (o as Record<string, unknown> | undefined)?.[k];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];
};
const idParam = (req: FastifyRequest) => {
  const id = (req.params as { id: string }).id;
  if (!UUID_RE.test(id)) throw notFound();
  return id.toLowerCase();
};
const formErrors = (e: ProgrammeError, t: TFunction): FormError[] =>
  (e instanceof ProgrammeErrors ? e.all : [e]).map((x) => ({
    field: x.field ?? 'general',
    message: t(`programme.error.${x.code}`),
  }));
const errorTitle = (t: TFunction, title: string, errors: FormError[]) =>
  errors.length ? `${t('form.error_prefix')} ${title}` : title;

/** Reads the overview's GET filters; what is not a known value is ignored (the form offers only known values). */
export function readOverviewFilter(q: unknown): OverviewFilter {
  const f: OverviewFilter = {};
  const m = str(q, 'municipality');
  if (municipalityByCode(m)) f.municipality = m;
  const y = Number.parseInt(str(q, 'year'), 10);
  if (y >= 2016 && y <= 2040) f.year = y;
  const s = str(q, 'status');
  if (isActionStatus(s)) f.actionStatus = s;
  const ms = str(q, 'milestone_status');
  if (isMilestoneStatus(ms)) f.milestoneStatus = ms;
  const a = str(q, 'area');
  if (isArea(a)) f.area = a;
  return f;
}

export async function programmePageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const hide = { schema: { hide: true } };

  const planHref = (lang: string, codes: string[]) => `/${lang}/programme/municipalities/${codes[0] ?? ''}`;
  const heading = async (lang: 'fi' | 'sv' | 'en', planId: string): Promise<PlanHeading> => {
    const plan = await db
      .selectFrom('programme_plan')
      .select(['id', 'kind', 'municipality_codes'])
      .where('id', '=', planId)
      .executeTakeFirst();
    if (!plan) throw notFound();
    const t = tFor(lang);
    if (plan.kind === 'programme_summary')
      return { planId, name: t('programme.about.title'), href: `/${lang}/programme/about` };
    return {
      planId,
      name: joinNames(
        plan.municipality_codes.map((c) => municipalityName(c, lang)),
        t('programme.and'),
      ),
      href: planHref(lang, plan.municipality_codes),
    };
  };
  /** For the edit forms: signed in (or sent to sign in), and allowed to change this plan (or 403). */
  const editor = async (req: FastifyRequest, reply: FastifyReply, codes: string[]) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return null;
    if (!(await canEditPlan(db, actor, codes))) {
      const reps = await representativeOrganizations(db, codes);
      throw new ForbiddenError('programme.edit', { organizationId: reps[0]?.id ?? null });
    }
    return actor;
  };
  const attempt = async (
    fn: () => Promise<unknown>,
    onError: (e: ProgrammeError) => Promise<FastifyReply> | FastifyReply,
  ): Promise<FastifyReply | null> => {
    try {
      await fn();
      return null;
    } catch (e) {
      if (!(e instanceof ProgrammeError)) throw e;
      if (e.status === 404) throw notFound();
      return onError(e);
    }
  };

  // ---- Reading (public) ----

  app.get('/:lang/programme', hide, async (req, reply) => {
    const lang = langParam(req);
    const filter = readOverviewFilter(req.query);
    const overview = await programmeOverview(db, filter);
    const t = tFor(lang);
    return sendPage(req, reply, {
      title: t('programme.overview.title'),
      description: t('programme.overview.lead'),
      body: <OverviewPage overview={overview} filter={filter} />,
    });
  });

  app.get('/:lang/programme/about', hide, async (req, reply) => {
    const lang = langParam(req);
    return sendPage(req, reply, {
      title: tFor(lang)('programme.about.title'),
      body: <ProgrammePage description={await programmeDescription(db)} />,
    });
  });

  const planPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    o: { memberForm?: MemberForm; memberErrors?: FormError[] } = {},
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    if (!municipalityByCode(code)) throw notFound();
    const planId = await planIdForMunicipality(db, code);
    if (!planId)
      return sendPage(req, reply, {
        title: t('programme.plan.title', { names: municipalityName(code, lang) }),
        body: <NoPlanPage code={code} />,
      });
    const plan = await planDetail(db, planId);
    const canEdit = await canEditPlan(db, req.actor, plan.municipalityCodes);
    const title = t('programme.plan.title', {
      names: joinNames(
        plan.municipalityCodes.map((c) => municipalityName(c, lang)),
        t('programme.and'),
      ),
    });
    const notice = str(req.query, 'notice');
    return sendPage(req, reply, {
      status: o.memberErrors?.length ? 400 : 200,
      title: errorTitle(t, title, o.memberErrors ?? []),
      body: (
        <PlanPage
          plan={plan}
          code={code}
          canEdit={canEdit}
          notice={NOTICES.has(notice) ? notice : null}
          memberForm={o.memberForm}
          memberErrors={o.memberErrors}
        />
      ),
    });
  };

  app.get('/:lang/programme/municipalities/:code', hide, async (req, reply) =>
    planPage(req, reply, (req.params as { code: string }).code),
  );

  app.get('/:lang/programme/plans/:id/versions', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = idParam(req);
    const h = await heading(lang, id);
    return sendPage(req, reply, {
      title: tFor(lang)('programme.versions.heading', { name: h.name }),
      body: <VersionsPage plan={h} versions={await planVersions(db, id)} />,
    });
  });

  app.get('/:lang/programme/plans/:id/versions/:version', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = idParam(req);
    const version = Number.parseInt((req.params as { version: string }).version, 10);
    const h = await heading(lang, id);
    let v: Awaited<ReturnType<typeof planVersionText>>;
    try {
      v = await planVersionText(db, id, version);
    } catch (e) {
      if (e instanceof ProgrammeError) throw notFound();
      throw e;
    }
    return sendPage(req, reply, {
      title: tFor(lang)('programme.versions.text_heading', { name: h.name, version }),
      body: <VersionTextPage plan={h} info={v.info} text={v.text} />,
    });
  });

  app.get('/:lang/programme/plans/:id/diff', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = idParam(req);
    const h = await heading(lang, id);
    const versions = await planVersions(db, id);
    const to = Number.parseInt(str(req.query, 'to'), 10) || versions[0]?.version || 0;
    const from = Number.parseInt(str(req.query, 'from'), 10) || to - 1;
    let changes: Awaited<ReturnType<typeof versionChanges>>;
    try {
      changes = await versionChanges(db, id, from, to);
    } catch (e) {
      if (e instanceof ProgrammeError) throw notFound();
      throw e;
    }
    return sendPage(req, reply, {
      title: tFor(lang)('programme.diff.heading', { name: h.name, from, to }),
      body: <DiffPage plan={h} from={from} to={to} changes={changes} />,
    });
  });

  // ---- Keeping a plan up to date (signed in) ----

  const readActionForm = (b: unknown): ActionForm => ({
    status: str(b, 'status'),
    area: str(b, 'area'),
    ownerTeam: str(b, 'owner_team'),
    evidence: str(b, 'evidence'),
    notes: str(b, 'notes'),
    progress: str(b, 'progress'),
    spreadTo: strs(b, 'spread_to'),
    adoptedFrom: str(b, 'adopted_from'),
    entry: str(b, 'entry'),
    entryDate: str(b, 'entry_date'),
  });
  const actionPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof itemWithPlan>>>,
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
        />
      ),
    });
  };
  const findItem = async (type: 'action' | 'milestone' | 'structural_change', id: string) => {
    const found = await itemWithPlan(db, type, id);
    if (!found || !(found.action ?? found.milestone ?? found.change)) throw notFound();
    return found;
  };

  app.get('/:lang/programme/actions/:id/edit', hide, async (req, reply) => {
    const found = await findItem('action', idParam(req));
    if (!(await editor(req, reply, found.plan.municipalityCodes))) return reply;
    const a = found.action!;
    return actionPage(
      req,
      reply,
      found,
      {
        status: a.status,
        area: a.area ?? '',
        ownerTeam: a.ownerTeam,
        evidence: a.evidence,
        notes: a.notes,
        progress: a.progress === null ? '' : String(a.progress),
        spreadTo: a.spreadTo,
        adoptedFrom: a.adoptedFrom ?? '',
        entry: '',
        entryDate: '',
      },
      [],
    );
  });

  app.post('/:lang/programme/actions/:id/edit', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = idParam(req);
    const form = readActionForm(req.body);
    const failed = await attempt(
      () => updateAction(db, auditContext(req), id, form),
      async (e) => actionPage(req, reply, await findItem('action', id), form, formErrors(e, tFor(lang))),
    );
    if (failed) return failed;
    const found = await findItem('action', id);
    return reply.redirect(`${planHref(lang, found.action!.municipalityCodes)}?notice=action_saved#action-${id}`, 303);
  });

  const readMilestoneForm = (b: unknown): MilestoneForm => ({
    status: str(b, 'status'),
    notes: str(b, 'notes'),
    entry: str(b, 'entry'),
    entryDate: str(b, 'entry_date'),
  });
  const milestonePage = (
    req: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof itemWithPlan>>>,
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

  app.get('/:lang/programme/milestones/:id/edit', hide, async (req, reply) => {
    const found = await findItem('milestone', idParam(req));
    if (!(await editor(req, reply, found.plan.municipalityCodes))) return reply;
    const m = found.milestone!;
    return milestonePage(req, reply, found, { status: m.status, notes: m.notes, entry: '', entryDate: '' }, []);
  });

  app.post('/:lang/programme/milestones/:id/edit', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = idParam(req);
    const form = readMilestoneForm(req.body);
    const failed = await attempt(
      () => updateMilestone(db, auditContext(req), id, form),
      async (e) => milestonePage(req, reply, await findItem('milestone', id), form, formErrors(e, tFor(lang))),
    );
    if (failed) return failed;
    const found = await findItem('milestone', id);
    return reply.redirect(`${planHref(lang, found.milestone!.municipalityCodes)}?notice=milestone_saved`, 303);
  });

  const changePage = (
    req: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof itemWithPlan>>>,
    notes: string,
    errors: FormError[],
  ) => {
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

  app.get('/:lang/programme/structural-changes/:id/edit', hide, async (req, reply) => {
    const found = await findItem('structural_change', idParam(req));
    if (!(await editor(req, reply, found.plan.municipalityCodes))) return reply;
    return changePage(req, reply, found, found.change!.notes, []);
  });

  app.post('/:lang/programme/structural-changes/:id/edit', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = idParam(req);
    const notes = str(req.body, 'notes');
    const failed = await attempt(
      () => updateStructuralChange(db, auditContext(req), id, { notes }),
      async (e) => changePage(req, reply, await findItem('structural_change', id), notes, formErrors(e, tFor(lang))),
    );
    if (failed) return failed;
    const found = await findItem('structural_change', id);
    return reply.redirect(`${planHref(lang, found.plan.municipalityCodes)}?notice=change_saved`, 303);
  });

  app.post('/:lang/programme/plans/:id/members', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = idParam(req);
    const form: MemberForm = {
      name: str(req.body, 'name'),
      title: str(req.body, 'title'),
      role: str(req.body, 'role'),
      municipality: str(req.body, 'municipality'),
    };
    const code = str(req.body, 'code');
    const plan = await db
      .selectFrom('programme_plan')
      .select('municipality_codes')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!plan) throw notFound();
    const back = plan.municipality_codes.includes(code) ? code : plan.municipality_codes[0]!;
    const failed = await attempt(
      () =>
        addMember(db, auditContext(req), id, {
          name: form.name,
          title: form.title,
          role: form.role,
          municipalityCode: form.municipality,
        }),
      (e) => planPage(req, reply, back, { memberForm: form, memberErrors: formErrors(e, tFor(lang)) }),
    );
    if (failed) return failed;
    return reply.redirect(`/${lang}/programme/municipalities/${back}?notice=member_added#pg-group`, 303);
  });

  app.post('/:lang/programme/members/:id/remove', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = idParam(req);
    const codes = await memberPlan(db, id);
    if (!codes) throw notFound();
    const failed = await attempt(
      () => removeMember(db, auditContext(req), id),
      (e) => planPage(req, reply, codes[0]!, { memberErrors: formErrors(e, tFor(lang)) }),
    );
    if (failed) return failed;
    return reply.redirect(`/${lang}/programme/municipalities/${codes[0]}?notice=member_removed#pg-group`, 303);
  });
}

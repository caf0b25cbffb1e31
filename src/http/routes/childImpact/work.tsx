/**
 * The team's pages: their assessments, a new one, one assessment's steps (a form each), comments, versions,
 * publishing, the follow-up, questionnaires and their results, the decisions register and the report. Signed in;
 * the core authorises (another municipality's official gets 403 and nothing changes). Forms post and redirect;
 * a refused form comes back with every problem and what was typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import {
  addComment,
  completeFollowUp,
  createAssessment,
  publishAssessment,
  saveStep,
  teamPeople,
} from '../../../core/childImpact/assessments.js';
import '../../../core/childImpact/followUpJob.js'; // the daily reminders of follow-ups falling due
import { addDecision, importDecisionsCsv, report } from '../../../core/childImpact/decisions.js';
import { authorizeTeam, teamOrganizations, type MunicipalityOrg } from '../../../core/childImpact/policy.js';
import {
  assessmentForTeam,
  commentsOf,
  listForTeam,
  versionContent,
  versionsOf,
  type AssessmentView,
} from '../../../core/childImpact/queries.js';
import {
  createQuestionnaire,
  questionnairesOf,
  setQuestionnaireOpen,
  teamResults,
} from '../../../core/childImpact/questionnaires.js';
import { MAX_QUESTIONS, stepByKey, type StepDef } from '../../../core/childImpact/vocabulary.js';
import { ForbiddenError } from '../../../core/access/permissions.js';
import type { DomainError } from '../../../core/shared/errors.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import {
  AssessmentWorkPage,
  DecisionsPage,
  NewAssessmentPage,
  NewQuestionnairePage,
  ReportPage,
  StepPage,
  TeamListPage,
  TeamResultsPage,
  VersionPage,
  type DecisionForm,
  type NewForm,
  type QuestionnaireForm,
  type StepForm,
} from '../../../web/pages/childImpact/WorkPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm, notFound } from '../../errors.js';
import { readForm, uuidParam, type FormReader } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { municipalityName } from '../../../web/format.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

const StepParams = Type.Object({ lang: Type.String(), id: Type.String(), step: Type.String() });
type StepParams = Static<typeof StepParams>;
const VersionParams = Type.Object({ lang: Type.String(), id: Type.String(), version: Type.String() });
type VersionParams = Static<typeof VersionParams>;
type Item = { Params: LangIdParams };
type Post = { Params: LangIdParams; Body: FormBody };
const get = { schema: { hide: true, params: LangIdParams } };
const post = { schema: { hide: true, params: LangIdParams, body: FormBody } };

const NOTICES = new Set([
  'created',
  'saved',
  'published',
  'unpublished',
  'commented',
  'follow_up_done',
  'questionnaire_opened',
  'decision_added',
  'decisions_imported',
]);
const noticeOf = (req: FastifyRequest) => {
  const n = readForm(req.query).text('notice');
  return NOTICES.has(n) ? n : '';
};
const errorTitle = (req: FastifyRequest, title: string, errors: FormError[]) =>
  errors.length ? `${tFor(langParam(req))('form.error_prefix')} ${title}` : title;

function readStep(step: StepDef, f: FormReader): StepForm {
  return Object.fromEntries(
    step.fields.map((x) => [x.name, x.kind === 'checkboxes' ? f.list(x.name) : f.text(x.name)]),
  );
}

function contentForm(step: StepDef, a: AssessmentView): StepForm {
  return Object.fromEntries(step.fields.map((x) => [x.name, a.content[x.name] ?? (x.kind === 'checkboxes' ? [] : '')]));
}

function readQuestionnaire(f: FormReader): QuestionnaireForm {
  const fisv = (n: string) => ({ fi: f.text(`${n}.fi`), sv: f.text(`${n}.sv`) });
  return {
    ageGroup: f.text('age_group'),
    title: fisv('title'),
    intro: fisv('intro'),
    questions: Array.from({ length: MAX_QUESTIONS }, (_, i) => fisv(`q${i + 1}`)),
    freeText: fisv('free_text'),
  };
}

export async function childImpactWorkRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/:lang/work/child-impact', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const orgs = await teamOrganizations(db, actor);
    if (!orgs.length) throw new ForbiddenError('child_impact.edit');
    const items = await listForTeam(
      db,
      orgs.map((o) => o.id),
    );
    return sendPage(req, reply, {
      title: tFor(langParam(req))('childImpact.work.title'),
      body: <TeamListPage orgs={orgs} items={items} notice={noticeOf(req)} />,
    });
  });

  // ---- A new assessment ----

  const newPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    orgs: MunicipalityOrg[],
    form: NewForm,
    errors: FormError[],
  ) =>
    sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(req, tFor(langParam(req))('childImpact.work.new'), errors),
      body: <NewAssessmentPage orgs={orgs} form={form} errors={errors} />,
    });

  app.get('/:lang/work/child-impact/new', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const orgs = await teamOrganizations(db, actor);
    if (!orgs.length) throw new ForbiddenError('child_impact.edit');
    const empty = {
      organizationId: orgs[0]!.id,
      body: '',
      reference: '',
      decisionDate: '',
      title: '',
      timing: 'before',
    };
    return newPage(req, reply, orgs, empty, []);
  });

  app.post<{ Body: FormBody }>(
    '/:lang/work/child-impact/new',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const f = readForm(req.body);
      const form: NewForm = {
        organizationId: f.text('organization'),
        body: f.text('body'),
        reference: f.text('reference'),
        decisionDate: f.text('decision_date'),
        title: f.text('title'),
        timing: f.text('timing'),
      };
      const done = await attemptForm(lang, () => createAssessment(db, auditContext(req), form));
      if (!done.ok) return newPage(req, reply, await teamOrganizations(db, req.actor), form, done.errors);
      return reply.redirect(`/${lang}/work/child-impact/${done.value}?notice=created`, 303);
    },
  );

  // ---- One assessment ----

  const workPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FormError[],
    refused?: DomainError,
  ) => {
    const a = await assessmentForTeam(db, req.actor, id);
    const [comments, versions, questionnaires] = await Promise.all([
      commentsOf(db, id),
      versionsOf(db, id),
      questionnairesOf(db, id),
    ]);
    return sendPage(req, reply, {
      status: refused?.kind === 'conflict' ? 409 : errors.length ? 400 : 200,
      title: errorTitle(req, a.title, errors),
      body: (
        <AssessmentWorkPage
          a={a}
          comments={comments}
          versions={versions}
          questionnaires={questionnaires}
          notice={noticeOf(req)}
          errors={errors}
        />
      ),
    });
  };

  app.get<Item>('/:lang/work/child-impact/:id', get, async (req, reply) => {
    if (!signedInOrRedirect(req, reply)) return reply;
    return workPage(req, reply, uuidParam(req.params.id), []);
  });

  const stepPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: AssessmentView,
    step: StepDef,
    form: StepForm,
    version: number,
    errors: FormError[],
    status?: number,
  ) => {
    const [owners, comments] = await Promise.all([teamPeople(db, a.organizationId), commentsOf(db, a.id)]);
    return sendPage(req, reply, {
      status: status ?? (errors.length ? 400 : 200),
      title: errorTitle(req, `${tFor(langParam(req))(`childImpact.step.${step.key}`)} – ${a.title}`, errors),
      body: (
        <StepPage
          a={a}
          step={step}
          form={form}
          version={version}
          owners={owners}
          comments={comments.filter((c) => c.step === step.key)}
          errors={errors}
        />
      ),
    });
  };

  app.get<{ Params: StepParams }>(
    '/:lang/work/child-impact/:id/steps/:step',
    { schema: { hide: true, params: StepParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      const step = stepByKey(req.params.step);
      if (!step) throw notFound();
      const a = await assessmentForTeam(db, req.actor, uuidParam(req.params.id));
      return stepPage(req, reply, a, step, contentForm(step, a), a.version, []);
    },
  );

  app.post<{ Params: StepParams; Body: FormBody }>(
    '/:lang/work/child-impact/:id/steps/:step',
    { schema: { hide: true, params: StepParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const step = stepByKey(req.params.step);
      if (!step) throw notFound();
      const f = readForm(req.body);
      const form = readStep(step, f);
      const expected = f.int('version', { min: 1, max: 1_000_000, fallback: 0 }) || null;
      const done = await attemptForm(lang, () => saveStep(db, auditContext(req), id, step.key, form, expected));
      if (!done.ok) {
        const a = await assessmentForTeam(db, req.actor, id);
        // After a conflict the form keeps what was typed and carries the newest version: saving again overwrites.
        return stepPage(req, reply, a, step, form, a.version, done.errors, done.error.kind === 'conflict' ? 409 : 400);
      }
      return reply.redirect(`/${lang}/work/child-impact/${id}?notice=saved`, 303);
    },
  );

  app.get<{ Params: VersionParams }>(
    '/:lang/work/child-impact/:id/versions/:version',
    { schema: { hide: true, params: VersionParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      const a = await assessmentForTeam(db, req.actor, uuidParam(req.params.id));
      const n = Number(req.params.version);
      if (!Number.isInteger(n) || n < 1) throw notFound();
      const v = await versionContent(db, a.id, n);
      return sendPage(req, reply, {
        title: `${a.title} – ${tFor(langParam(req))('childImpact.work.version_n', { n })}`,
        body: <VersionPage a={a} version={v} />,
      });
    },
  );

  app.post<Post>('/:lang/work/child-impact/:id/comments', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const f = readForm(req.body);
    const step = f.text('step') || 'general';
    const done = await attemptForm(lang, () => addComment(db, auditContext(req), id, step, f.text('comment')));
    if (!done.ok) return workPage(req, reply, id, done.errors);
    const back =
      step === 'general' ? `/${lang}/work/child-impact/${id}` : `/${lang}/work/child-impact/${id}/steps/${step}`;
    return reply.redirect(`${back}?notice=commented`, 303);
  });

  for (const [path, publish] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post<Post>(`/:lang/work/child-impact/:id/${path}`, post, async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const done = await attemptForm(lang, () => publishAssessment(db, auditContext(req), id, publish));
      if (!done.ok) return workPage(req, reply, id, done.errors, done.error);
      return reply.redirect(`/${lang}/work/child-impact/${id}?notice=${path}ed`, 303);
    });
  }

  app.post<Post>('/:lang/work/child-impact/:id/follow-up-done', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const done = await attemptForm(lang, () => completeFollowUp(db, auditContext(req), id));
    if (!done.ok) return workPage(req, reply, id, done.errors, done.error);
    return reply.redirect(`/${lang}/work/child-impact/${id}?notice=follow_up_done`, 303);
  });

  // ---- Questionnaires ----

  const questionnairePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: QuestionnaireForm,
    errors: FormError[],
  ) => {
    const a = await assessmentForTeam(db, req.actor, id);
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(req, tFor(langParam(req))('childImpact.work.new_questionnaire'), errors),
      body: <NewQuestionnairePage a={a} form={form} errors={errors} />,
    });
  };

  app.get<Item>('/:lang/work/child-impact/:id/questionnaires/new', get, async (req, reply) => {
    if (!signedInOrRedirect(req, reply)) return reply;
    const tfi = tFor('fi');
    const tsv = tFor('sv');
    const empty = { fi: '', sv: '' };
    const form: QuestionnaireForm = {
      ageGroup: '7-12',
      title: { fi: tfi('childImpact.questionnaire.default_title'), sv: tsv('childImpact.questionnaire.default_title') },
      intro: empty,
      questions: [
        { fi: tfi('childImpact.questionnaire.default_q1'), sv: tsv('childImpact.questionnaire.default_q1') },
        ...Array.from({ length: MAX_QUESTIONS - 1 }, () => empty),
      ],
      freeText: empty,
    };
    return questionnairePage(req, reply, uuidParam(req.params.id), form, []);
  });

  app.post<Post>('/:lang/work/child-impact/:id/questionnaires/new', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const form = readQuestionnaire(readForm(req.body));
    const done = await attemptForm(lang, () => createQuestionnaire(db, auditContext(req), id, form));
    if (!done.ok) return questionnairePage(req, reply, id, form, done.errors);
    return reply.redirect(`/${lang}/work/child-impact/questionnaires/${done.value}?notice=questionnaire_opened`, 303);
  });

  app.get<Item>('/:lang/work/child-impact/questionnaires/:id', get, async (req, reply) => {
    if (!signedInOrRedirect(req, reply)) return reply;
    const r = await teamResults(db, auditContext(req), uuidParam(req.params.id));
    const l = langParam(req) === 'sv' ? 'sv' : 'fi';
    return sendPage(req, reply, {
      title: r.results.title[l],
      body: <TeamResultsPage q={r.questionnaire} results={r.results} freeTexts={r.freeTexts} />,
    });
  });

  for (const [path, open] of [
    ['open', true],
    ['close', false],
  ] as const) {
    app.post<Post>(`/:lang/work/child-impact/questionnaires/:id/${path}`, post, async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      await setQuestionnaireOpen(db, auditContext(req), id, open);
      return reply.redirect(`/${lang}/work/child-impact/questionnaires/${id}`, 303);
    });
  }

  // ---- Decisions and the report ----

  const teamOrg = async (req: FastifyRequest, orgId: string) => {
    const orgs = await teamOrganizations(db, req.actor);
    const org = orgs.find((o) => o.id === orgId);
    if (!org) {
      authorizeTeam(req.actor, orgId); // throws for anyone outside the municipality
      throw notFound(); // an organisation that is not a municipality
    }
    return org;
  };

  const decisionsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    org: MunicipalityOrg,
    form: DecisionForm,
    errors: FormError[],
  ) => {
    const decisions = await db
      .selectFrom('child_impact_decision')
      .select(['id', 'body', 'reference', 'decision_date', 'title'])
      .where('organization_id', '=', org.id)
      .orderBy('decision_date', 'desc')
      .orderBy('reference')
      .limit(500)
      .execute();
    const t = tFor(langParam(req));
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errorTitle(
        req,
        t('childImpact.work.decisions_of', { name: municipalityName(org.municipalityCode, langParam(req)) }),
        errors,
      ),
      body: <DecisionsPage org={org} decisions={decisions} form={form} errors={errors} notice={noticeOf(req)} />,
    });
  };
  const emptyDecision: DecisionForm = { reference: '', date: '', body: '', title: '', csv: '' };

  app.get<Item>('/:lang/work/child-impact/organizations/:id/decisions', get, async (req, reply) => {
    if (!signedInOrRedirect(req, reply)) return reply;
    const org = await teamOrg(req, uuidParam(req.params.id));
    return decisionsPage(req, reply, org, emptyDecision, []);
  });

  app.post<Post>('/:lang/work/child-impact/organizations/:id/decisions', post, async (req, reply) => {
    const lang = langParam(req);
    const orgId = uuidParam(req.params.id);
    const f = readForm(req.body);
    const form = {
      ...emptyDecision,
      reference: f.text('reference'),
      date: f.text('decision_date'),
      body: f.text('body'),
      title: f.text('title'),
    };
    const done = await attemptForm(lang, () => addDecision(db, auditContext(req), orgId, form));
    if (!done.ok) return decisionsPage(req, reply, await teamOrg(req, orgId), form, done.errors);
    return reply.redirect(`/${lang}/work/child-impact/organizations/${orgId}/decisions?notice=decision_added`, 303);
  });

  app.post<Post>('/:lang/work/child-impact/organizations/:id/decisions/import', post, async (req, reply) => {
    const lang = langParam(req);
    const orgId = uuidParam(req.params.id);
    const csv = readForm(req.body).text('csv');
    const done = await attemptForm(lang, () => importDecisionsCsv(db, auditContext(req), orgId, csv));
    if (!done.ok) return decisionsPage(req, reply, await teamOrg(req, orgId), { ...emptyDecision, csv }, done.errors);
    return reply.redirect(`/${lang}/work/child-impact/organizations/${orgId}/decisions?notice=decisions_imported`, 303);
  });

  app.get<Item>('/:lang/work/child-impact/organizations/:id/report', get, async (req, reply) => {
    if (!signedInOrRedirect(req, reply)) return reply;
    const org = await teamOrg(req, uuidParam(req.params.id));
    const r = await report(db, auditContext(req), org.id);
    return sendPage(req, reply, {
      title: tFor(langParam(req))('childImpact.work.report_of', {
        name: municipalityName(org.municipalityCode, langParam(req)),
      }),
      body: <ReportPage org={org} report={r} />,
    });
  });
}

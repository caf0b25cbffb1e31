/**
 * The coordinators' workspace for the guides (/:lang/work/guides…): list, new, edit (saves the draft), preview,
 * publish, discard the draft, mark reviewed. Signed in; the core authorises (`guide.edit`), so anyone else gets
 * 403 and nothing changes. Forms post and redirect; a refused form comes back with status 400/409.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  discardGuideDraft,
  markGuideReviewed,
  publishGuide,
  saveGuideDraft,
  aYearAfter,
} from '../../../core/guides/editGuides.js';
import { countyEmergencies } from '../../../core/guides/helpLines.js';
import { authorizeGuideEdit } from '../../../core/guides/policy.js';
import { getGuideForWork, guideServices, listGuidesForWork } from '../../../core/guides/queries.js';
import type { GuideContent, GuideForWork, GuideInput } from '../../../core/guides/types.js';
import { MAX_STEPS } from '../../../core/guides/validateGuide.js';
import type { LifeSituation } from '../../../core/directory/vocabulary.js';
import { helsinkiToday } from '../../../core/editing/dates.js';
import { pick } from '../../../core/shared/translated.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { GuidePage } from '../../../web/pages/guides/GuidePages.js';
import {
  emptyStep,
  GuideEditPage,
  GuideListPage,
  type GuideForm,
  type StepForm,
} from '../../../web/pages/guides/GuideWorkPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm, notFound } from '../../errors.js';
import { readForm, uuidParam, type FormReader } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';
import { chosenMunicipality } from './guides.js';

type WithId = { Params: LangIdParams; Querystring: { notice?: string; municipality?: string } };
type Post = { Params: LangIdParams; Body: FormBody };
const NOTICES = new Set(['saved', 'published', 'discarded', 'reviewed', 'created']);
const notice = (v: unknown) => (typeof v === 'string' && NOTICES.has(v) ? v : null);

const splitList = (v: string) =>
  v
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function readGuideForm(f: FormReader): GuideForm {
  const steps: StepForm[] = [];
  for (let i = 0; i < MAX_STEPS + 2; i++) {
    const p = `steps[${i}]`;
    if (!f.has(`${p}.title.fi`) && !f.has(`${p}.title.sv`)) continue;
    const step: StepForm = {
      title: f.translated(`${p}.title`),
      body: f.translated(`${p}.body`),
      lifeSituations: f.list(`${p}.life_situations`),
      serviceClasses: f.text(`${p}.service_classes`),
      keywords: f.text(`${p}.keywords`),
    };
    const blank =
      !Object.values(step.title).some(Boolean) &&
      !Object.values(step.body).some(Boolean) &&
      !step.lifeSituations.length &&
      !step.serviceClasses &&
      !step.keywords;
    if (f.list(`${p}.remove`).includes('yes') || blank) continue;
    steps.push(step);
  }
  return {
    slug: f.text('slug'),
    sort: f.text('sort'),
    reviewBy: f.text('review_by'),
    title: f.translated('title'),
    summary: f.translated('summary'),
    steps,
  };
}

function toInput(form: GuideForm): GuideInput {
  const sort = Number.parseInt(form.sort || '100', 10);
  return {
    slug: form.slug,
    sort: Number.isFinite(sort) && String(sort) === (form.sort || '100').trim() ? sort : -1,
    reviewBy: form.reviewBy,
    content: {
      title: form.title,
      summary: form.summary,
      steps: form.steps.map((s) => ({
        title: s.title,
        body: s.body,
        lifeSituations: s.lifeSituations as LifeSituation[],
        serviceClasses: splitList(s.serviceClasses),
        keywords: splitList(s.keywords),
      })),
    },
  };
}

function toForm(g: GuideForWork): GuideForm {
  const c: GuideContent = (g.draft ?? g.published)!;
  return {
    slug: g.slug,
    sort: String(g.sort),
    reviewBy: g.reviewBy ?? '',
    title: c.title,
    summary: c.summary,
    steps: c.steps.map((s) => ({
      title: s.title,
      body: s.body,
      lifeSituations: s.lifeSituations,
      serviceClasses: s.serviceClasses.join(', '),
      keywords: s.keywords.join(', '),
    })),
  };
}

export async function guideWorkRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const editPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    guide: GuideForWork | null,
    form: GuideForm,
    errors: FormError[],
    status = errors.length ? 400 : 200,
  ) => {
    const t = tFor(langParam(req));
    const title = guide
      ? t('guides.edit_title', { title: pick((guide.draft ?? guide.published)!.title, langParam(req)) })
      : t('guides.new_guide');
    return sendPage(req, reply, {
      status,
      title: errors.length ? `${t('form.error_prefix')} ${title}` : title,
      body: (
        <GuideEditPage
          guide={guide}
          form={{ ...form, steps: [...form.steps, emptyStep()] }}
          errors={errors}
          notice={notice((req.query as { notice?: string }).notice)}
        />
      ),
    });
  };

  const found = async (req: FastifyRequest, id: string) => {
    const g = await getGuideForWork(db, req.actor, uuidParam(id));
    if (!g) throw notFound();
    return g;
  };

  app.get<{ Params: { lang: string }; Querystring: { notice?: string } }>(
    '/:lang/work/guides',
    { schema: { hide: true, params: LangParams } },
    async (req, reply) => {
      const lang = langParam(req);
      if (!signedInOrRedirect(req, reply)) return reply;
      const guides = await listGuidesForWork(db, req.actor);
      return sendPage(req, reply, {
        title: tFor(lang)('guides.work_title'),
        body: <GuideListPage guides={guides} notice={notice(req.query.notice)} />,
      });
    },
  );

  app.get('/:lang/work/guides/new', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    if (!signedInOrRedirect(req, reply)) return reply;
    authorizeGuideEdit(req.actor);
    const form: GuideForm = {
      slug: '',
      sort: '100',
      reviewBy: aYearAfter(helsinkiToday()),
      title: {},
      summary: {},
      steps: [],
    };
    return editPage(req, reply, null, form, []);
  });

  app.post<{ Params: { lang: string }; Body: FormBody }>(
    '/:lang/work/guides/new',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const form = readGuideForm(readForm(req.body));
      const done = await attemptForm(lang, () => saveGuideDraft(db, auditContext(req), null, toInput(form)));
      if (!done.ok) return editPage(req, reply, null, form, done.errors, done.error.kind === 'conflict' ? 409 : 400);
      return reply.redirect(`/${lang}/work/guides/${done.value}/edit?notice=created`, 303);
    },
  );

  app.get<WithId>(
    '/:lang/work/guides/:id/edit',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      const g = await found(req, req.params.id);
      return editPage(req, reply, g, toForm(g), []);
    },
  );

  app.post<Post>(
    '/:lang/work/guides/:id/edit',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const form = readGuideForm(readForm(req.body));
      const done = await attemptForm(lang, () => saveGuideDraft(db, auditContext(req), id, toInput(form)));
      if (!done.ok) {
        const g = await found(req, id);
        return editPage(req, reply, g, form, done.errors, done.error.kind === 'conflict' ? 409 : 400);
      }
      return reply.redirect(`/${lang}/work/guides/${id}/edit?notice=saved`, 303);
    },
  );

  app.get<WithId>(
    '/:lang/work/guides/:id/preview',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      const lang = langParam(req);
      if (!signedInOrRedirect(req, reply)) return reply;
      const g = await found(req, req.params.id);
      const content = (g.draft ?? g.published)!;
      const municipality = chosenMunicipality(req.query.municipality);
      const [services, counties] = await Promise.all([
        guideServices(db, content.steps, municipality, lang),
        countyEmergencies(db),
      ]);
      return sendPage(req, reply, {
        title: `${tFor(lang)('guides.preview')}: ${pick(content.title, lang)}`,
        body: (
          <GuidePage
            slug={g.slug}
            content={content}
            services={services}
            municipality={municipality}
            lastReviewed={g.lastReviewed}
            counties={counties}
            preview={{ guideId: g.id }}
          />
        ),
      });
    },
  );

  const action = (path: string, run: (req: FastifyRequest, id: string) => Promise<void>, done: string) =>
    app.post<Post>(
      `/:lang/work/guides/:id/${path}`,
      { schema: { hide: true, params: LangIdParams, body: FormBody } },
      async (req, reply) => {
        const lang = langParam(req);
        const id = uuidParam(req.params.id);
        await run(req, id);
        return reply.redirect(`/${lang}/work/guides/${id}/edit?notice=${done}`, 303);
      },
    );
  action('publish', (req, id) => publishGuide(db, auditContext(req), id), 'published');
  action('discard', (req, id) => discardGuideDraft(db, auditContext(req), id), 'discarded');
  action('reviewed', (req, id) => markGuideReviewed(db, auditContext(req), id), 'reviewed');
}

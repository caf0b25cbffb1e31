/**
 * The child-friendly municipality: the public region view and municipality pages, and the team's forms for the
 * stage, the building blocks and the action plan (the core authorises: only the municipality's own team).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { isTeam, municipalityOrganization } from '../../../core/childImpact/policy.js';
import { municipalityStatus, regionStatus, type MunicipalityStatus } from '../../../core/childFriendly/queries.js';
import { saveAction, updateBlocks, updateStage } from '../../../core/childFriendly/status.js';
import { BLOCKS, STAGES } from '../../../core/childFriendly/vocabulary.js';
import { ForbiddenError } from '../../../core/access/permissions.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import {
  EditPage,
  MunicipalityPage,
  RegionPage,
  type StatusForm,
} from '../../../web/pages/childImpact/ChildFriendlyPages.js';
import { municipalityName } from '../../../web/format.js';
import { auditContext } from '../../auth.js';
import { attemptForm, notFound } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

const CodeParams = Type.Object({ lang: Type.String(), code: Type.String() });
type CodeParams = Static<typeof CodeParams>;
const ActionParams = Type.Object({ lang: Type.String(), code: Type.String(), id: Type.String() });
type ActionParams = Static<typeof ActionParams>;

const codeParam = (code: string) => {
  if (!municipalityByCode(code)) throw notFound();
  return code;
};

function formOf(s: MunicipalityStatus): StatusForm {
  return {
    stage: s.stage,
    dates: { ...s.stageDates } as Record<string, string>,
    notes: s.notes,
    blocks: Object.fromEntries(s.blocks.map((b) => [b.block, { status: b.status, evidence: b.evidence }])),
    action: { title: '', owner: '', status: 'planned', due: '' },
  };
}

export async function childFriendlyRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/:lang/child-friendly', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const t = tFor(langParam(req));
    return sendPage(req, reply, {
      title: t('childFriendly.region.title'),
      description: t('childFriendly.region.lead'),
      body: <RegionPage rows={await regionStatus(db)} />,
    });
  });

  app.get<{ Params: CodeParams }>(
    '/:lang/child-friendly/:code',
    { schema: { hide: true, params: CodeParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const code = codeParam(req.params.code);
      const s = await municipalityStatus(db, code);
      const org = await municipalityOrganization(db, code);
      return sendPage(req, reply, {
        title: tFor(lang)('childFriendly.municipality_title', { name: municipalityName(code, lang) }),
        body: <MunicipalityPage s={s} canEdit={!!org && isTeam(req.actor, org.id)} />,
      });
    },
  );

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    form: StatusForm | null,
    errors: FormError[],
  ) => {
    const lang = langParam(req);
    const s = await municipalityStatus(db, code);
    const notice = readForm(req.query).text('notice') === 'saved' ? 'saved' : '';
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: `${errors.length ? `${tFor(lang)('form.error_prefix')} ` : ''}${tFor(lang)('childFriendly.edit_title', { name: municipalityName(code, lang) })}`,
      body: <EditPage s={s} form={form ?? formOf(s)} errors={errors} notice={notice} />,
    });
  };

  app.get<{ Params: CodeParams }>(
    '/:lang/work/child-friendly/:code',
    { schema: { hide: true, params: CodeParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      const code = codeParam(req.params.code);
      const org = await municipalityOrganization(db, code);
      if (!org || !isTeam(req.actor, org.id))
        throw new ForbiddenError('child_impact.edit', { organizationId: org?.id ?? null });
      return editPage(req, reply, code, null, []);
    },
  );

  type Post = { Params: CodeParams; Body: FormBody };
  const post = { schema: { hide: true, params: CodeParams, body: FormBody } };

  app.post<Post>('/:lang/work/child-friendly/:code/stage', post, async (req, reply) => {
    const lang = langParam(req);
    const code = codeParam(req.params.code);
    const f = readForm(req.body);
    const input = {
      stage: f.text('stage'),
      dates: Object.fromEntries(STAGES.map((s) => [s, f.text(`date_${s}`)])),
      notes: f.text('notes'),
    };
    const done = await attemptForm(lang, () => updateStage(db, auditContext(req), code, input));
    if (!done.ok) {
      const s = await municipalityStatus(db, code);
      return editPage(req, reply, code, { ...formOf(s), ...input }, done.errors);
    }
    return reply.redirect(`/${lang}/work/child-friendly/${code}?notice=saved`, 303);
  });

  app.post<Post>('/:lang/work/child-friendly/:code/blocks', post, async (req, reply) => {
    const lang = langParam(req);
    const code = codeParam(req.params.code);
    const f = readForm(req.body);
    const blocks = Object.fromEntries(
      BLOCKS.filter((b) => f.has(`block_${b}_status`)).map((b) => [
        b,
        { status: f.text(`block_${b}_status`), evidence: f.text(`block_${b}_evidence`) },
      ]),
    );
    const done = await attemptForm(lang, () => updateBlocks(db, auditContext(req), code, blocks));
    if (!done.ok) {
      const s = await municipalityStatus(db, code);
      return editPage(req, reply, code, { ...formOf(s), blocks: { ...formOf(s).blocks, ...blocks } }, done.errors);
    }
    return reply.redirect(`/${lang}/work/child-friendly/${code}?notice=saved`, 303);
  });

  const readAction = (body: unknown) => {
    const f = readForm(body);
    return { title: f.text('title'), owner: f.text('owner'), status: f.text('status'), due: f.text('due') };
  };

  app.post<Post>('/:lang/work/child-friendly/:code/actions', post, async (req, reply) => {
    const lang = langParam(req);
    const code = codeParam(req.params.code);
    const action = readAction(req.body);
    const done = await attemptForm(lang, () => saveAction(db, auditContext(req), code, action));
    if (!done.ok) {
      const s = await municipalityStatus(db, code);
      return editPage(req, reply, code, { ...formOf(s), action }, done.errors);
    }
    return reply.redirect(`/${lang}/work/child-friendly/${code}?notice=saved`, 303);
  });

  app.post<{ Params: ActionParams; Body: FormBody }>(
    '/:lang/work/child-friendly/:code/actions/:id',
    { schema: { hide: true, params: ActionParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const code = codeParam(req.params.code);
      const id = uuidParam(req.params.id);
      const action = readAction(req.body);
      const done = await attemptForm(lang, () => saveAction(db, auditContext(req), code, action, id));
      if (!done.ok) return editPage(req, reply, code, null, done.errors);
      return reply.redirect(`/${lang}/work/child-friendly/${code}?notice=saved`, 303);
    },
  );
}

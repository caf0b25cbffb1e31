/**
 * Keeping the search good (coordinators, 'search.tune'): /:lang/work/search shows what people searched and did not
 * find, a trial search read through the need vocabulary, and the phrases added to it; adding and removing a
 * phrase are form posts (audited in the core).
 */
import type { FastifyInstance } from 'fastify';
import { serviceCards } from '../../../core/directory/queries.js';
import {
  addNeedPhrase,
  listNeedPhrases,
  needVocabulary,
  removeNeedPhrase,
} from '../../../core/directory/search/needPhrases.js';
import { analyzeQuery, NEED_CONCEPTS, phraseCounts } from '../../../core/directory/search/needs.js';
import { RETENTION_WEEKS, unfoundQueries } from '../../../core/directory/search/queryStats.js';
import { findServices } from '../../../core/directory/search/indexedSearch.js';
import { authorize, type Actor } from '../../../core/access/permissions.js';
import { isLang, type Lang } from '../../../core/shared/lang.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { SearchTuningPage, type PhraseForm, type TuningTrial } from '../../../web/pages/search/SearchTuningPage.js';
import { auditContext, requireActor } from '../../auth.js';
import { attemptForm } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

export async function searchTuningRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const render = async (
    lang: Lang,
    query: Record<string, unknown>,
    actor: Actor,
    o: { form?: PhraseForm; errors?: FormError[] } = {},
  ) => {
    const langFilter = typeof query.lang === 'string' && isLang(query.lang) ? query.lang : null;
    const [unfound, phrases] = await Promise.all([
      unfoundQueries(db, actor, { lang: langFilter ?? undefined }),
      listNeedPhrases(db, actor),
    ]);
    let trial: TuningTrial | null = null;
    const tryQ = typeof query.try_q === 'string' ? query.try_q.trim().slice(0, 200) : '';
    if (tryQ) {
      const tryLang = typeof query.try_lang === 'string' && isLang(query.try_lang) ? query.try_lang : lang;
      const r = await findServices(db, { q: tryQ, lang: tryLang, perPage: 5, facets: false });
      trial = {
        q: tryQ,
        lang: tryLang,
        analysis: analyzeQuery(tryQ, await needVocabulary(db)),
        total: r.total,
        cards: await serviceCards(
          db,
          r.hits.map((h) => h.id),
        ),
      };
    }
    return (
      <SearchTuningPage
        view={{
          unfound,
          langFilter,
          phrases,
          concepts: NEED_CONCEPTS.map((c) => ({ id: c.id, label: c.label })),
          shipped: phraseCounts(),
          trial,
          form: o.form ?? {
            concept: '',
            lang: trial?.lang ?? '',
            phrase: trial ? trial.q : '',
          },
          errors: o.errors ?? [],
          added: query.added === '1',
          retentionWeeks: RETENTION_WEEKS,
        }}
      />
    );
  };

  app.get<{ Querystring: FormBody }>(
    '/:lang/work/search',
    { schema: { hide: true, params: LangParams, querystring: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = signedInOrRedirect(req, reply);
      if (!actor) return reply;
      authorize(actor, 'search.tune');
      return sendPage(req, reply, {
        title: tFor(lang)('needs.title'),
        forms: true,
        noindex: true,
        body: await render(lang, req.query, actor),
      });
    },
  );

  app.post<{ Body: FormBody }>(
    '/:lang/work/search/phrases',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = requireActor(req);
      const f = readForm(req.body);
      const form = { concept: f.text('concept'), lang: f.text('lang'), phrase: f.text('phrase') };
      const done = await attemptForm(lang, () => addNeedPhrase(db, auditContext(req), form));
      if (!done.ok) {
        const t = tFor(lang);
        return sendPage(req, reply, {
          status: done.error.kind === 'conflict' ? 409 : 400,
          title: `${t('form.error_prefix')} ${t('needs.title')}`,
          forms: true,
          noindex: true,
          body: await render(lang, {}, actor, { form, errors: done.errors }),
        });
      }
      const next = new URLSearchParams({ added: '1', try_q: form.phrase, try_lang: form.lang });
      return reply.redirect(`/${lang}/work/search?${next.toString()}#try`, 303);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/work/search/phrases/:id/delete',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      await removeNeedPhrase(db, auditContext(req), uuidParam(req.params.id));
      return reply.redirect(`/${lang}/work/search`, 303);
    },
  );
}

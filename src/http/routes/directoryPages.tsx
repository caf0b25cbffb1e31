/** Public pages of the directory: front page, search, service and organisation pages. */
import type { FastifyInstance } from 'fastify';
import type { TFunction } from 'i18next';
import { getOrganization, getService, organizationServiceIds, serviceCards } from '../../core/directory/queries.js';
import { professionalView } from '../../core/editing/preview.js';
import { searchServices, type SearchParams } from '../../core/directory/search/searchServices.js';
import { DELIVERY_MODES, LIFE_SITUATIONS, ORG_TYPES, type Lang } from '../../core/directory/vocabulary.js';
import { municipalityByCode } from '../../core/places/municipalities.js';
import { UUID_RE } from '../../core/shared/ids.js';
import { pick } from '../../core/shared/translated.js';
import { tFor } from '../../i18n/index.js';
import type { FormError } from '../../web/components/common.js';
import { FrontPage } from '../../web/pages/FrontPage.js';
import { OrganizationPage } from '../../web/pages/OrganizationPage.js';
import { SearchPage, type SearchForm } from '../../web/pages/SearchPage.js';
import { ServicePage } from '../../web/pages/ServicePage.js';
import { sendPage } from '../pages.js';
import { notFound } from '../errors.js';
import { langParam } from './langParam.js';

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const only = (values: string[], allowed: readonly string[]) => values.filter((v) => allowed.includes(v));

/** Reads the search form leniently: unknown parameters are ignored, bad values become form errors. */
export function parseSearchForm(query: Record<string, unknown>, lang: Lang, t: TFunction): { form: SearchForm; errors: FormError[]; params: SearchParams } {
  const errors: FormError[] = [];
  const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string).trim() : '');
  const form: SearchForm = {
    q: str('q').slice(0, 200),
    municipality: asList(query.municipality).filter((c) => municipalityByCode(c)),
    life_situation: only(asList(query.life_situation), LIFE_SITUATIONS),
    language: only(asList(query.language), ['fi', 'sv', 'en']),
    org_type: only(asList(query.org_type), ORG_TYPES),
    mode: only(asList(query.mode), DELIVERY_MODES),
    age: str('age'),
    free: str('free') === 'true',
    open_now: str('open_now') === 'true',
    near: municipalityByCode(str('near')) ? str('near') : '',
    organization: UUID_RE.test(str('organization')) ? str('organization') : '',
    sort: ['relevance', 'name', 'distance'].includes(str('sort')) ? str('sort') : '',
    page: Math.min(1000, Math.max(1, Number.parseInt(str('page'), 10) || 1)),
  };
  let age: number | undefined;
  if (form.age) {
    const n = Number(form.age);
    if (!/^\d{1,2}$/.test(form.age) || n > 29) errors.push({ field: 'age', message: t('filter.age_error') });
    else age = n;
  }
  const near = form.near ? municipalityByCode(form.near)!.centre : undefined;
  return {
    form,
    errors,
    params: {
      q: form.q, lang, municipality: form.municipality, lifeSituation: form.life_situation, language: form.language,
      orgType: form.org_type, mode: form.mode, age, free: form.free || undefined, openNow: form.open_now || undefined,
      near, sort: (form.sort || undefined) as SearchParams['sort'], page: form.page, perPage: 20,
      organizationId: form.organization || undefined,
    },
  };
}

const ORG_PAGE_SERVICES = 20;

/** "Back to results" when the reader came from a search of ours (same site, same language). */
export function backToResults(referer: string | undefined, host: string | undefined, lang: Lang): string | null {
  if (!referer || !host) return null;
  try {
    const u = new URL(referer);
    return u.host === host && u.pathname === `/${lang}/search` ? `${u.pathname}${u.search}` : null;
  } catch {
    return null;
  }
}

export async function directoryPageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/:lang', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const { count } = await db.selectFrom('service_search').select((eb) => eb.fn.countAll<number>().as('count')).where('active', '=', true).executeTakeFirstOrThrow();
    return sendPage(req, reply, { title: t('front.title'), body: <FrontPage serviceCount={Number(count)} />, description: t('front.lead', { count: Number(count) }) });
  });

  app.get('/:lang/search', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const { form, errors, params } = parseSearchForm(req.query as Record<string, unknown>, lang, t);
    const result = await searchServices(db, params);
    const cards = await serviceCards(db, result.hits.map((h) => h.id));
    const organizationName = form.organization ? (await getOrganization(db, form.organization))?.name ?? null : null;
    const title = form.q ? t('search.title_for', { q: form.q }) : t('search.title');
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errors.length ? `${t('form.error_prefix')} ${title}` : title,
      body: <SearchPage form={form} errors={errors} result={result} cards={cards} organizationName={organizationName} />,
    });
  });

  app.get('/:lang/services/:id', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const s = await getService(db, (req.params as { id: string }).id);
    if (!s || s.status !== 'active') throw notFound('service_not_found');
    const pro = await professionalView(db, req.actor, s);
    return sendPage(req, reply, {
      title: pick(s.name, lang), description: pick(s.summary, lang),
      body: <ServicePage s={s} backTo={backToResults(req.headers.referer, req.headers.host, lang)} networkNote={pro.networkNote} editHref={pro.canEdit ? `/${lang}/work/services/${s.id}/edit` : null} />,
    });
  });

  app.get('/:lang/organizations/:id', { schema: { hide: true } }, async (req, reply) => {
    const lang = langParam(req);
    const o = await getOrganization(db, (req.params as { id: string }).id);
    if (!o) throw notFound('organization_not_found');
    const ids = await organizationServiceIds(db, o.id);
    const cards = await serviceCards(db, ids.slice(0, ORG_PAGE_SERVICES));
    return sendPage(req, reply, { title: pick(o.name, lang), body: <OrganizationPage o={o} services={cards} total={ids.length} />, description: pick(o.description, lang) });
  });
}

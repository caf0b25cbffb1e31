/**
 * The life-event guides: the index (/{lang}/guides) and one guide (/{lang}/guides/{slug}). The reader chooses
 * their municipality with a plain GET form (no JavaScript needed); each step then lists the services of that
 * municipality that fit it, found in the directory at the time of reading.
 */
import { useTranslation } from '../../useTranslation.js';
import type { StepServices } from '../../../core/guides/queries.js';
import type { GuideContent, PublishedGuide } from '../../../core/guides/types.js';
import type { CountyEmergency } from '../../../core/guides/helpLines.js';
import { localize, pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import { ServiceCard } from '../../components/ServiceCard.js';
import { usePage } from '../../context.js';
import { formatDate, municipalityName, sortedMunicipalities } from '../../format.js';
import { HelpNow } from './HelpNow.js';

/** Plain text with blank lines between paragraphs, as paragraphs. */
export function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} lang={lang}>
            {p}
          </p>
        ))}
    </>
  );
}

export function GuidesIndexPage({ guides }: { guides: PublishedGuide[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs items={[{ href: `/${lang}/`, label: t('nav.home') }, { label: t('guides.index_title') }]} />
      <h1>{t('guides.index_title')}</h1>
      <p className="lead">{t('guides.index_lead')}</p>
      {guides.length ? (
        <ul className="guide-list">
          {guides.map((g) => (
            <li key={g.id}>
              <h2>
                <a href={`/${lang}/guides/${g.slug}`}>
                  <LangText value={g.content.title} />
                </a>
              </h2>
              <LangText as="p" value={g.content.summary} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('guides.index_empty')}</p>
      )}
    </>
  );
}

function MunicipalityChooser({ slugPath, chosen }: { slugPath: string; chosen: string | null }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <form method="get" action={slugPath} className="guide-municipality" aria-labelledby="guide-mun-title">
      <h2 id="guide-mun-title" className="label-bold guide-mun-title">
        {t('guides.choose_municipality_title')}
      </h2>
      <p className="hint" id="guide-mun-hint">
        {t('guides.choose_municipality_hint')}
      </p>
      <div className="search-row">
        <label htmlFor="guide-municipality" className="visually-hidden">
          {t('guides.municipality_label')}
        </label>
        <select
          id="guide-municipality"
          name="municipality"
          defaultValue={chosen ?? ''}
          aria-describedby="guide-mun-hint"
        >
          <option value="">{t('guides.municipality_none')}</option>
          {sortedMunicipalities(lang).map((m) => (
            <option key={m.code} value={m.code}>
              {municipalityName(m.code, lang)}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t('guides.show_services')}
        </button>
      </div>
    </form>
  );
}

export function GuidePage({
  slug,
  content,
  services,
  municipality,
  lastReviewed,
  counties,
  preview,
}: {
  slug: string;
  content: GuideContent;
  services: StepServices[] | null;
  municipality: string | null;
  lastReviewed: string | null;
  counties: CountyEmergency[];
  /** The workspace's preview of a draft: no municipality form target change, a banner. */
  preview?: { guideId: string } | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const path = preview ? `/${lang}/work/guides/${preview.guideId}/preview` : `/${lang}/guides/${slug}`;
  const munName = municipality ? municipalityName(municipality, lang) : null;
  return (
    <article className="guide">
      <Breadcrumbs
        items={[
          { href: `/${lang}/`, label: t('nav.home') },
          { href: `/${lang}/guides`, label: t('guides.index_title') },
          { label: pick(content.title, lang) },
        ]}
      />
      {preview ? (
        <p className="notice" role="status">
          {t('guides.preview_banner')}{' '}
          <a href={`/${lang}/work/guides/${preview.guideId}/edit`}>{t('guides.back_to_edit')}</a>
        </p>
      ) : null}
      <LangText as="h1" value={content.title} />
      <LangText as="p" className="lead" value={content.summary} />
      <MunicipalityChooser slugPath={path} chosen={municipality} />
      {munName ? <p className="guide-chosen">{t('guides.showing_for', { municipality: munName })}</p> : null}
      <nav aria-labelledby="guide-steps-title" className="guide-toc">
        <h2 id="guide-steps-title">{t('guides.steps_title')}</h2>
        <ol>
          {content.steps.map((s, i) => (
            <li key={i}>
              <a href={`#step-${i + 1}`}>{pick(s.title, lang)}</a>
            </li>
          ))}
        </ol>
      </nav>
      <ol className="guide-steps">
        {content.steps.map((s, i) => {
          const found = services?.[i];
          const body = localize(s.body, lang);
          return (
            <li key={i} className="guide-step" id={`step-${i + 1}`}>
              <h2>
                <span className="guide-step-number">{t('guides.step_number', { n: i + 1 })}</span>{' '}
                <LangText value={s.title} />
              </h2>
              {body ? <Paragraphs text={body.text} lang={body.fallback ? body.lang : undefined} /> : null}
              {body?.fallback ? <p className="fallback-note">{t(`text.only_in.${body.lang}`)}</p> : null}
              {found && found.queried ? (
                found.services.length ? (
                  <div className="guide-services">
                    <h3 id={`step-${i + 1}-services`} className="guide-services-title">
                      {t('guides.services_in', { municipality: munName })}
                    </h3>
                    <ol className="service-list">
                      {found.services.map((c) => (
                        <ServiceCard key={c.id} card={c} />
                      ))}
                    </ol>
                    {found.total > found.services.length ? (
                      <p>
                        <a href={searchHref(lang, municipality!, s.lifeSituations)}>
                          {t('guides.more_services', { count: found.total - found.services.length })}
                        </a>
                      </p>
                    ) : null}
                  </div>
                ) : (
                  <p className="guide-no-services">
                    {t('guides.no_services', { municipality: munName })}{' '}
                    <a href={searchHref(lang, municipality!, s.lifeSituations)}>{t('guides.search_instead')}</a>
                  </p>
                )
              ) : null}
              {!services && (s.lifeSituations.length || s.serviceClasses.length || s.keywords.length) ? (
                <p className="hint">
                  <a href="#guide-municipality">{t('guides.choose_to_see')}</a>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <HelpNow counties={counties} />
      {lastReviewed ? (
        <p className="reviewed">{t('guides.last_reviewed', { date: formatDate(lastReviewed, lang) })}</p>
      ) : null}
    </article>
  );
}

function searchHref(lang: string, municipality: string, lifeSituations: string[]) {
  const q = new URLSearchParams({ municipality });
  for (const l of lifeSituations.slice(0, 1)) q.append('life_situation', l);
  return `/${lang}/search?${q.toString()}`;
}

import type { Translated } from '../../core/shared/lang.js';
import type { ReactNode } from 'react';
import { useTranslation } from '../useTranslation.js';
import type { LocationDetail, ServiceDetail } from '../../core/directory/queries.js';
import { pick } from '../../core/shared/translated.js';
import { Breadcrumbs, LangText, SummaryList } from '../components/common.js';
import { usePage } from '../context.js';
import { formatAge, formatDate, formatHours, isStale, municipalityName } from '../format.js';
import { MapAssetLinks, MapPanel, type MapView } from './SearchPage.js';
import type { ServiceOpening } from '../../core/guides/serviceOpening.js';
import { OpeningSummary } from './guides/OpeningStatus.js';
import { ReportErrorLink } from './guides/ReportErrorPage.js';

function Location({ l, opening }: { l: LocationDetail; opening?: ServiceOpening | null }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const street = pick(l.street, lang);
  const city = pick(l.city, lang);
  return (
    <section className="location" aria-labelledby={`loc-${l.id}`}>
      <h3 id={`loc-${l.id}`}>
        <LangText value={l.name} />
      </h3>
      {opening ? (
        <OpeningSummary status={opening.locations[l.id] ?? null} now={opening.at} id={`opening-${l.id}`} />
      ) : null}
      <SummaryList
        rows={[
          {
            key: 'address',
            label: t('service.address'),
            value:
              street || city ? (
                <address>
                  {street}
                  {street ? <br /> : null}
                  {l.postalCode} {city}
                </address>
              ) : null,
          },
          {
            key: 'hours',
            label: t('service.opening_hours'),
            value: l.hours.length ? (
              <ul className="plain">
                {l.hours.map((h, i) => (
                  <li key={i}>
                    {formatHours(h, lang, t)}
                    {pick(h.note, lang) ? (
                      <>
                        {' – '}
                        <LangText value={h.note} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null,
          },
          {
            key: 'access',
            label: t('service.accessibility'),
            value: l.accessibility ? <LangText value={l.accessibility} /> : t('service.accessibility_unknown'),
          },
        ]}
      />
    </section>
  );
}

/**
 * networkNote: the note for the network, shown only to signed-in professionals (the route passes it only to
 * them); editHref: the workspace's edit page, for those who may edit the service.
 */
export function ServicePage({
  s,
  backTo,
  networkNote,
  editHref,
  map = null,
  opening = null,
  upcomingEvents = null,
}: {
  s: ServiceDetail;
  backTo: string | null;
  networkNote?: Translated | null;
  editHref?: string | null;
  map?: MapView | null;
  /** Open now and the next opening (issue 14), computed by the route at the time of the request. */
  opening?: ServiceOpening | null;
  /** The service's upcoming events (events capability), shown after its places. */
  upcomingEvents?: ReactNode;
}) {
  const { t } = useTranslation();
  const { lang, user } = usePage();
  const age = formatAge(s.ageMin, s.ageMax, t);
  const stale = isStale(s.lastReviewed);
  return (
    <article className="service-page">
      <Breadcrumbs
        items={[
          { href: `/${lang}/`, label: t('nav.home') },
          { href: `/${lang}/search`, label: t('nav.services') },
          { label: pick(s.name, lang) },
        ]}
      />
      {backTo ? (
        <p className="back-link">
          <a href={backTo}>{t('service.back_to_results')}</a>
        </p>
      ) : null}
      <LangText as="h1" value={s.name} />
      <p className="lead-org">
        <a href={`/${lang}/organizations/${s.organization.id}`}>{pick(s.organization.name, lang)}</a>
        {' · '}
        {t(`org_type.${s.organization.type}`)}
      </p>
      {user && editHref ? (
        <p className="edit-link">
          <a href={editHref}>{t('editing.edit_this_service')}</a>
        </p>
      ) : null}
      <LangText as="p" className="lead" value={s.summary} />
      {opening ? <OpeningSummary status={opening.service} now={opening.at} id="opening-service" /> : null}
      <LangText as="div" className="description" value={s.description} missing={t('service.no_description')} />

      <h2>{t('service.for_whom')}</h2>
      <SummaryList
        rows={[
          {
            key: 'life',
            label: t('service.life_situations'),
            value: s.lifeSituations.length ? s.lifeSituations.map((x) => t(`life_situation.${x}`)).join(', ') : null,
          },
          { key: 'age', label: t('service.age'), value: age },
          {
            key: 'target',
            label: t('service.target_groups'),
            value: s.targetGroups.length ? s.targetGroups.map((g) => pick(g.name, lang)).join(', ') : null,
          },
          { key: 'area', label: t('service.area'), value: s.areas.map((c) => municipalityName(c, lang)).join(', ') },
        ]}
      />

      <h2>{t('service.how_to_get')}</h2>
      <SummaryList
        rows={[
          {
            key: 'access',
            label: t('service.access'),
            value: (
              <>
                {t(`access.${s.access}`)}
                {pick(s.accessNote, lang) ? (
                  <>
                    <br />
                    <LangText value={s.accessNote} />
                  </>
                ) : null}
              </>
            ),
          },
          {
            key: 'fee',
            label: t('service.fee'),
            value: (
              <>
                {t(`fee.${s.fee}`)}
                {pick(s.feeNote, lang) ? (
                  <>
                    <br />
                    <LangText value={s.feeNote} />
                  </>
                ) : null}
              </>
            ),
          },
          {
            key: 'modes',
            label: t('service.modes'),
            value: s.modes
              .map((m, i) => (i > 0 || lang !== 'en' ? t(`mode.${m}`).toLocaleLowerCase(lang) : t(`mode.${m}`)))
              .join(', '),
          },
          {
            key: 'languages',
            label: t('service.given_in'),
            value: (['fi', 'sv', 'en'] as const)
              .filter((l) => s.languages.includes(l))
              .map((l) => t(`language.${l}`))
              .join(', '),
          },
          {
            key: 'hours',
            label: t('service.service_hours'),
            value: s.hours.length ? (
              <ul className="plain">
                {s.hours.map((h, i) => (
                  <li key={i}>
                    {formatHours(h, lang, t)}
                    {pick(h.note, lang) ? (
                      <>
                        {' – '}
                        <LangText value={h.note} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null,
          },
        ]}
      />

      <h2>{t('service.contact')}</h2>
      <SummaryList
        rows={[
          {
            key: 'phone',
            label: t('service.phone'),
            value: s.phones.length ? (
              <ul className="plain">
                {s.phones.map((p, i) => (
                  <li key={i}>
                    <a href={`tel:${p.number.replace(/\s/g, '')}`}>{p.number}</a>
                    {pick(p.note, lang) ? (
                      <>
                        {' – '}
                        <LangText value={p.note} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null,
          },
          {
            key: 'email',
            label: t('service.email'),
            value: s.email ? <a href={`mailto:${s.email}`}>{s.email}</a> : null,
          },
          { key: 'web', label: t('service.website'), value: s.url ? <a href={s.url}>{s.url}</a> : null },
        ]}
      />
      {!s.phones.length && !s.email && !s.url ? <p>{t('service.contact_via_org')}</p> : null}

      {s.locations.length ? (
        <>
          <h2 id="locations-title">{t('service.locations')}</h2>
          {map ? (
            <>
              <MapAssetLinks />
              <MapPanel view={map} label={t('map.region_label_service')} skipTo={`#loc-${s.locations[0]!.id}`} />
            </>
          ) : null}
          {s.locations.map((l) => (
            <Location key={l.id} l={l} opening={opening} />
          ))}
        </>
      ) : null}

      {upcomingEvents}

      {user && networkNote && pick(networkNote, lang) ? (
        <section className="network-note" aria-labelledby="network-note-title">
          <h2 id="network-note-title">{t('editing.network_note_title')}</h2>
          <p className="hint">{t('editing.network_note_only_professionals')}</p>
          <LangText as="div" value={networkNote} />
        </section>
      ) : null}

      <p className={`reviewed${stale ? ' reviewed-stale' : ''}`}>
        {s.lastReviewed
          ? t('service.last_reviewed', { date: formatDate(s.lastReviewed, lang) })
          : t('service.never_reviewed')}
        {stale ? ` ${t('service.stale_note')}` : ''}
      </p>
      <ReportErrorLink serviceId={s.id} />
    </article>
  );
}

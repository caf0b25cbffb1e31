import { useTranslation } from '../useTranslation.js';
import type { OrganizationDetail, ServiceCard as Card } from '../../core/directory/queries.js';
import { pick } from '../../core/shared/translated.js';
import { Breadcrumbs, LangText, SummaryList } from '../components/common.js';
import { ServiceCard } from '../components/ServiceCard.js';
import { usePage } from '../context.js';
import { municipalityName } from '../format.js';

export function OrganizationPage({ o, services, total }: { o: OrganizationDetail; services: Card[]; total: number }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <article>
      <Breadcrumbs items={[{ href: `/${lang}/`, label: t('nav.home') }, { label: pick(o.name, lang) }]} />
      <LangText as="h1" value={o.name} />
      <p className="lead-org">
        {t(`org_type.${o.type}`)}
        {o.municipalityCode ? ` · ${municipalityName(o.municipalityCode, lang)}` : ''}
      </p>
      <LangText as="p" className="lead" value={o.description} />
      <SummaryList
        rows={[
          {
            key: 'phone',
            label: t('service.phone'),
            value: o.phone ? <a href={`tel:${o.phone.replace(/\s/g, '')}`}>{o.phone}</a> : null,
          },
          {
            key: 'email',
            label: t('service.email'),
            value: o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : null,
          },
          { key: 'web', label: t('service.website'), value: o.website ? <a href={o.website}>{o.website}</a> : null },
        ]}
      />
      <h2>{t('organization.services', { count: total })}</h2>
      {services.length ? (
        <ol className="service-list">
          {services.map((c) => (
            <ServiceCard key={c.id} card={c} />
          ))}
        </ol>
      ) : (
        <p>{t('organization.no_services')}</p>
      )}
      {total > services.length ? (
        <p>
          <a href={`/${lang}/search?organization=${o.id}`}>{t('organization.all_services', { count: total })}</a>
        </p>
      ) : null}
    </article>
  );
}

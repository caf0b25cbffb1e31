import { useTranslation } from '../useTranslation.js';
import type { ServiceCard as Card } from '../../core/directory/queries.js';
import { pick } from '../../core/shared/translated.js';
import { usePage } from '../context.js';
import { formatAge, formatDistance, municipalityName } from '../format.js';
import { LangText } from './common.js';

export function ServiceCard({
  card,
  distanceKm,
  href,
}: {
  card: Card;
  distanceKm?: number | null;
  /** Where the name links (the search's results link through their click counter); the service's page by default. */
  href?: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const areas =
    card.areas.length > 3
      ? t('service.area_many', { count: card.areas.length })
      : card.areas.map((c) => municipalityName(c, lang)).join(', ');
  const age = formatAge(card.ageMin, card.ageMax, t);
  const distance = distanceKm === undefined ? null : formatDistance(distanceKm, lang);
  return (
    <li className="service-card">
      <h3>
        <a href={href ?? `/${lang}/services/${card.id}`}>
          <LangText value={card.name} />
        </a>
      </h3>
      <p className="card-org">{pick(card.organization.name, lang)}</p>
      <LangText as="p" value={card.summary} className="card-summary" />
      <ul className="card-meta">
        <li>
          <span className="visually-hidden">{`${t('service.area')}: `}</span>
          {areas}
        </li>
        <li>{`${t('service.given_in')}: ${(['fi', 'sv', 'en'] as const)
          .filter((l) => card.languages.includes(l))
          .map((l) => t(`language.${l}`))
          .join(', ')}`}</li>
        {age ? <li>{age}</li> : null}
        {card.fee === 'free' ? <li>{t('fee.free')}</li> : null}
        {card.access === 'no_referral' ? <li>{t('service.no_referral_short')}</li> : null}
        {distance ? <li>{t('service.distance', { distance })}</li> : null}
      </ul>
    </li>
  );
}

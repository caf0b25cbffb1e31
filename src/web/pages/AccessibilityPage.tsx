import { useTranslation } from '../useTranslation.js';
import { usePage } from '../context.js';

/**
 * Accessibility statement (saavutettavuusseloste), as the Act on the Provision of Digital Services (306/2019)
 * asks: the state of compliance, what is not accessible and why, content outside the Act, how the statement was
 * made, the feedback channel (with the 14-day answer and the right to ask for content in an accessible form), and
 * the enforcement authority with its contact details.
 */
export function AccessibilityPage() {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <article className="prose">
      <h1>{t('a11y.title')}</h1>
      <p>{t('a11y.intro')}</p>
      <h2>{t('a11y.status_title')}</h2>
      <p>{t('a11y.status')}</p>
      <h2>{t('a11y.how_title')}</h2>
      <ul>
        <li>{t('a11y.how_1')}</li>
        <li>{t('a11y.how_2')}</li>
        <li>{t('a11y.how_3')}</li>
        <li>{t('a11y.how_4')}</li>
        <li>{t('feedback.a11y.how_reflow')}</li>
      </ul>
      <h2>{t('a11y.known_title')}</h2>
      <ul>
        <li>{t('a11y.known_1')}</li>
        <li>{t('a11y.known_2')}</li>
        <li>{t('feedback.a11y.known_map')}</li>
      </ul>
      <h2>{t('feedback.a11y.outside_title')}</h2>
      <ul>
        <li>{t('feedback.a11y.outside_links')}</li>
        <li>{t('feedback.a11y.outside_map')}</li>
      </ul>
      <h2>{t('feedback.a11y.made_title')}</h2>
      <p>{t('feedback.a11y.made')}</p>
      <h2 id="feedback">{t('a11y.feedback_title')}</h2>
      <p>
        {t('a11y.feedback')} <a href="mailto:saavutettavuus@example.fi">saavutettavuus@example.fi</a>
      </p>
      <p>{t('feedback.a11y.request_content')}</p>
      <p>
        {t('feedback.a11y.service_errors')} <a href={`/${lang}/search`}>{t('feedback.a11y.service_errors_link')}</a>
      </p>
      <h2>{t('a11y.enforcement_title')}</h2>
      <p>{t('feedback.a11y.enforcement')}</p>
      <address className="enforcement">
        {t('feedback.a11y.authority_name')}
        <br />
        {t('feedback.a11y.authority_unit')}
        <br />
        <a href="https://www.saavutettavuusvaatimukset.fi/">www.saavutettavuusvaatimukset.fi</a>
      </address>
      <p className="hint">{t('feedback.a11y.updated')}</p>
    </article>
  );
}

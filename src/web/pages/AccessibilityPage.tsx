import { useTranslation } from 'react-i18next';

/** Accessibility statement (saavutettavuusseloste), as the Act on the Provision of Digital Services (306/2019) asks. */
export function AccessibilityPage() {
  const { t } = useTranslation();
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
      </ul>
      <h2>{t('a11y.known_title')}</h2>
      <ul>
        <li>{t('a11y.known_1')}</li>
        <li>{t('a11y.known_2')}</li>
      </ul>
      <h2>{t('a11y.feedback_title')}</h2>
      <p>
        {t('a11y.feedback')} <a href="mailto:saavutettavuus@example.fi">saavutettavuus@example.fi</a>
      </p>
      <h2>{t('a11y.enforcement_title')}</h2>
      <p>
        {t('a11y.enforcement')} <a href="https://www.saavutettavuusvaatimukset.fi/">saavutettavuusvaatimukset.fi</a>
      </p>
      <p className="hint">{t('a11y.updated')}</p>
    </article>
  );
}

import { useTranslation } from '../useTranslation.js';
import { LIFE_SITUATIONS } from '../../core/directory/vocabulary.js';
import { usePage } from '../context.js';
import { municipalityName, sortedMunicipalities } from '../format.js';
import type { CountyEmergency } from '../../core/guides/helpLines.js';
import { HelpNow } from './guides/HelpNow.js';

export function FrontPage({ serviceCount, counties = [] }: { serviceCount: number; counties?: CountyEmergency[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <div className="hero">
        <h1>{t('front.title')}</h1>
        <p className="lead">{t('front.lead', { count: serviceCount })}</p>
        <form
          method="get"
          action={`/${lang}/search`}
          role="search"
          aria-label={t('search.form_label')}
          className="front-search"
        >
          <label htmlFor="front-q" className="label-bold">
            {t('search.q_label')}
          </label>
          <p className="hint" id="front-q-hint">
            {t('search.q_hint')}
          </p>
          <div className="search-row">
            <input
              type="search"
              id="front-q"
              name="q"
              aria-describedby="front-q-hint"
              autoComplete="off"
              maxLength={200}
            />
            <button type="submit" className="button">
              {t('search.submit')}
            </button>
          </div>
        </form>
      </div>

      <HelpNow counties={counties} />

      <section aria-labelledby="guides-front-title">
        <h2 id="guides-front-title">{t('guides.front_title')}</h2>
        <p>
          {t('guides.front_lead')} <a href={`/${lang}/guides`}>{t('guides.front_link')}</a>
        </p>
      </section>

      <section aria-labelledby="life-title">
        <h2 id="life-title">{t('front.life_situations')}</h2>
        <ul className="tiles">
          {LIFE_SITUATIONS.map((k) => (
            <li key={k}>
              <a href={`/${lang}/search?life_situation=${k}`}>{t(`life_situation.${k}`)}</a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="mun-title">
        <h2 id="mun-title">{t('front.municipalities')}</h2>
        <ul className="columns">
          {sortedMunicipalities(lang).map((m) => (
            <li key={m.code}>
              <a href={`/${lang}/search?municipality=${m.code}`}>{municipalityName(m.code, lang)}</a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="about-title" className="about">
        <h2 id="about-title">{t('front.about_title')}</h2>
        <p>{t('front.about')}</p>
      </section>
    </>
  );
}

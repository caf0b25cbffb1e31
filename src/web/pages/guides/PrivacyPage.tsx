/**
 * The privacy statement: what the service stores about whom, for how long and why. Each capability that stores
 * personal data has its own section (id = its anchor); registrations and concerns are written by their own
 * capabilities into the sections kept for them here.
 */
import { useTranslation } from '../../useTranslation.js';
import { usePage } from '../../context.js';

/** A section: a heading and its paragraphs (keys privacy.<id>.title and privacy.<id>.p1…pN). */
function Section({ id, paragraphs, list }: { id: string; paragraphs: number; list?: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`privacy-${id}`} id={id}>
      <h2 id={`privacy-${id}`}>{t(`privacy.${id}.title`)}</h2>
      {Array.from({ length: paragraphs }, (_, i) => (
        <p key={i}>{t(`privacy.${id}.p${i + 1}`)}</p>
      ))}
      {list ? (
        <ul>
          {Array.from({ length: list }, (_, i) => (
            <li key={i}>{t(`privacy.${id}.li${i + 1}`)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function PrivacyPage() {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <article className="prose">
      <h1>{t('privacy.title')}</h1>
      <p className="lead">{t('privacy.lead')}</p>
      <nav aria-labelledby="privacy-toc">
        <h2 id="privacy-toc" className="visually-hidden">
          {t('privacy.toc')}
        </h2>
        <ul>
          {[
            'controller',
            'browsing',
            'location',
            'feedback',
            'registrations',
            'concerns',
            'professionals',
            'rights',
          ].map((id) => (
            <li key={id}>
              <a href={`#${id}`}>{t(`privacy.${id}.title`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Section id="controller" paragraphs={2} />
      <Section id="browsing" paragraphs={2} list={3} />
      <Section id="location" paragraphs={3} />
      <Section id="feedback" paragraphs={3} />
      <Section id="registrations" paragraphs={1} />
      <Section id="concerns" paragraphs={1} />
      <Section id="professionals" paragraphs={2} list={4} />
      <section aria-labelledby="privacy-rights" id="rights">
        <h2 id="privacy-rights">{t('privacy.rights.title')}</h2>
        <p>{t('privacy.rights.p1')}</p>
        <p>
          {t('privacy.rights.p2')} <a href="https://tietosuoja.fi/">tietosuoja.fi</a>
        </p>
      </section>
      <p className="hint">
        {t('privacy.updated')} · <a href={`/${lang}/accessibility`}>{t('footer.accessibility')}</a>
      </p>
    </article>
  );
}

import { LANGS, type Lang } from '../../core/shared/lang.js';
import type { ReactNode } from 'react';
import { useTranslation } from '../useTranslation.js';
import { assets } from '../assets.js';
import { usePage } from '../context.js';

const LANG_NAMES: Record<Lang, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

export function Layout({
  title,
  description,
  noindex,
  children,
}: {
  title: string;
  description?: string;
  noindex?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { lang, path, search, publicUrl, user, csrfToken } = usePage();
  const a = assets();
  const fullTitle = `${title} – ${t('site.name')}`;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {noindex ? <meta name="robots" content="noindex" /> : null}
        {LANGS.map((l) => (
          <link key={l} rel="alternate" hrefLang={l} href={`${publicUrl}/${l}${path === '/' ? '/' : path}${search}`} />
        ))}
        <link rel="alternate" hrefLang="x-default" href={`${publicUrl}/fi${path === '/' ? '/' : path}${search}`} />
        <link rel="stylesheet" href={a.css.path} />
        <script src={a.js.path} defer />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('nav.skip_to_content')}
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <a className="brand" href={`/${lang}/`}>
              <span className="brand-name">{t('site.name')}</span>
              <span className="brand-tagline">{t('site.tagline')}</span>
            </a>
            <nav aria-label={t('nav.language')} className="lang-switch">
              <ul>
                {LANGS.map((l) => (
                  <li key={l}>
                    {l === lang ? (
                      <span aria-current="true" lang={l} className="lang-current">
                        {LANG_NAMES[l]}
                      </span>
                    ) : (
                      <a href={`/${l}${path === '/' ? '/' : path}${search}`} lang={l} hrefLang={l}>
                        {LANG_NAMES[l]}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav aria-label={t('nav.main')} className="main-nav">
            <div className="container">
              <ul>
                <li>
                  <a href={`/${lang}/search`}>{t('nav.services')}</a>
                </li>
                <li>
                  <a href={`/${lang}/events`}>{t('nav.events')}</a>
                </li>
                <li>
                  <a href={`/${lang}/guides`}>{t('nav.guides')}</a>
                </li>
                <li>
                  <a href={`/${lang}/ask`}>{t('questions.nav')}</a>
                </li>
                <li>
                  <a href={`/${lang}/concern`}>{t('concerns.nav')}</a>
                </li>
                <li className="nav-help">
                  <a href={`/${lang}/help`}>{t('nav.help_now')}</a>
                </li>
                {user ? (
                  <li>
                    <a href={`/${lang}/work`}>{t('nav.workspace')}</a>
                  </li>
                ) : null}
                {user ? (
                  <li>
                    <form method="post" action={`/${lang}/sign-out`}>
                      <input type="hidden" name="_csrf" value={csrfToken} />
                      <button type="submit" className="link-button">
                        {t('account.sign_out_named', { name: user.name })}
                      </button>
                    </form>
                  </li>
                ) : null}
              </ul>
            </div>
          </nav>
          <div className="container">
            <p className="phase-banner">
              <strong className="tag">{t('site.demo_tag')}</strong>
              {` ${t('site.demo_notice')}`}
            </p>
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <ul className="footer-links">
              <li>
                <a href={`/${lang}/programme`}>{t('programme.nav')}</a>
              </li>
              <li>
                <a href={`/${lang}/working-models`}>{t('workingModels.nav')}</a>
              </li>
              <li>
                <a href={`/${lang}/child-impact`}>{t('childImpact.nav')}</a>
              </li>
              <li>
                <a href={`/${lang}/accessibility`}>{t('footer.accessibility')}</a>
              </li>
              <li>
                <a href={`/${lang}/privacy`}>{t('footer.privacy')}</a>
              </li>
              <li>
                <a href="/api/v1/openapi.json">{t('footer.open_data')}</a>
              </li>
              {user ? null : (
                <li>
                  <a href={`/${lang}/sign-in`}>{t('footer.professionals_sign_in')}</a>
                </li>
              )}
            </ul>
            <p>{t('footer.about')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

import type { Lang } from '../core/shared/lang.js';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { i18nFor } from '../i18n/index.js';
import { Layout } from './components/Layout.js';
import { PageContext } from './context.js';

export interface RenderOptions {
  lang: Lang;
  /** Full path including the language, e.g. "/fi/search". */
  path: string;
  search?: string;
  title: string;
  description?: string;
  body: ReactNode;
  publicUrl?: string;
  noindex?: boolean;
  user?: { name: string } | null;
  csrfToken?: string;
}

export function renderPage(o: RenderOptions): string {
  const path = o.path.replace(/^\/(fi|sv|en)(?=\/|$)/, '') || '/';
  const info = {
    lang: o.lang,
    path,
    search: o.search ?? '',
    publicUrl: o.publicUrl ?? '',
    user: o.user ?? null,
    csrfToken: o.csrfToken ?? '',
  };
  const html = renderToString(
    <I18nextProvider i18n={i18nFor(o.lang)}>
      <PageContext.Provider value={info}>
        <Layout title={o.title} description={o.description} noindex={o.noindex}>
          {o.body}
        </Layout>
      </PageContext.Provider>
    </I18nextProvider>,
  );
  return `<!DOCTYPE html>${html}`;
}

import type { Lang } from '../core/shared/lang.js';
import { createContext, useContext } from 'react';

export interface PageInfo {
  lang: Lang;
  /** The page's path after the language segment, e.g. "/search" (used by the language switch). */
  path: string;
  /** The query string including "?", kept when switching language. */
  search: string;
  publicUrl: string;
  /** The signed-in professional, if any (the header shows their name, the workspace link and sign-out). */
  user: { name: string } | null;
  /** CSRF token for the page's forms ('' when the page has none). */
  csrfToken: string;
}

export const PageContext = createContext<PageInfo>({
  lang: 'fi',
  path: '/',
  search: '',
  publicUrl: '',
  user: null,
  csrfToken: '',
});
export const usePage = () => useContext(PageContext);

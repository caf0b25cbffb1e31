import { createContext, useContext } from 'react';
import type { Lang } from '../core/directory/vocabulary.js';

export interface PageInfo {
  lang: Lang;
  /** The page's path after the language segment, e.g. "/search" (used by the language switch). */
  path: string;
  /** The query string including "?", kept when switching language. */
  search: string;
  publicUrl: string;
}

export const PageContext = createContext<PageInfo>({ lang: 'fi', path: '/', search: '', publicUrl: '' });
export const usePage = () => useContext(PageContext);

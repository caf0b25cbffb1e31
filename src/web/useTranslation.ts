/**
 * useTranslation() for the server-rendered pages: the request's i18next instance (one per language, given by
 * I18nextProvider in render.tsx) and its `t`. react-i18next's own hook copies every property of the instance into a
 * new wrapper object for each component it renders, which cost a results page about a quarter of its time; the
 * pages are rendered once and never change language, so this one hands every component the same pair.
 */
import { useContext } from 'react';
import { I18nContext } from 'react-i18next';
import type { i18n as I18n, TFunction } from 'i18next';

const pairs = new WeakMap<I18n, { t: TFunction; i18n: I18n }>();

export function useTranslation(): { t: TFunction; i18n: I18n } {
  const { i18n } = useContext(I18nContext);
  let pair = pairs.get(i18n);
  if (!pair) pairs.set(i18n, (pair = { t: i18n.getFixedT(i18n.language), i18n }));
  return pair;
}

/**
 * useTranslation() for the server-rendered pages: the request's i18next instance (one per language, given by
 * I18nextProvider in render.tsx) and its `t`. react-i18next's own hook copies every property of the instance into a
 * new wrapper object for each component it renders, which cost a results page about a quarter of its time; the
 * pages are rendered once and never change language, so this one hands every component the same pair.
 *
 * The `t` remembers each plain key's string (a key asked without options, which always gives the same text): i18next
 * copies all of its options into new objects on every call, which was half of a service page's rendering (issue 13).
 * Only keys the language's strings hold are remembered, so the memory is bounded by the locale files. A call with
 * options whose values are all plain (a count, a date, a name: the same options give the same text) is remembered
 * too, at most WITH_OPTIONS_MAX of them per language (forgotten all at once when full); other calls go to i18next.
 */
import { useContext } from 'react';
import { I18nContext } from 'react-i18next';
import type { i18n as I18n, TFunction } from 'i18next';
import { RESOURCES } from '../i18n/index.js';
import { isLang } from '../core/shared/lang.js';

const pairs = new WeakMap<I18n, { t: TFunction; i18n: I18n }>();
const WITH_OPTIONS_MAX = 5000;

/** Options of plain values only (what a page passes: counts, dates, names), as a key; otherwise null. */
function optionsKey(key: string, options: unknown): string | null {
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype)
    return null;
  for (const v of Object.values(options))
    if (v !== null && typeof v !== 'string' && !Number.isFinite(v) && typeof v !== 'boolean') return null;
  return `${key}\u0000${JSON.stringify(options)}`;
}

/** A `t` for one language's instance that answers plain keys from memory after their first translation. */
export function rememberingT(i18n: I18n): TFunction {
  const fixed = i18n.getFixedT(i18n.language);
  const strings: Record<string, string> = isLang(i18n.language) ? RESOURCES[i18n.language] : {};
  const known = new Map<string, string>();
  const withOptions = new Map<string, string>();
  const t = (key: unknown, ...rest: unknown[]): unknown => {
    if (typeof key === 'string' && rest.length === 0) {
      const hit = known.get(key);
      if (hit !== undefined) return hit;
      const text = (fixed as (k: string) => string)(key);
      if (Object.hasOwn(strings, key)) known.set(key, text);
      return text;
    }
    const k = typeof key === 'string' && rest.length === 1 ? optionsKey(key, rest[0]) : null;
    if (k === null) return (fixed as unknown as (...a: unknown[]) => unknown)(key, ...rest);
    const hit = withOptions.get(k);
    if (hit !== undefined) return hit;
    const text = (fixed as unknown as (...a: unknown[]) => unknown)(key, rest[0]);
    if (typeof text === 'string') {
      if (withOptions.size >= WITH_OPTIONS_MAX) withOptions.clear();
      withOptions.set(k, text);
    }
    return text;
  };
  return t as unknown as TFunction;
}

export function useTranslation(): { t: TFunction; i18n: I18n } {
  const { i18n } = useContext(I18nContext);
  let pair = pairs.get(i18n);
  if (!pair) pairs.set(i18n, (pair = { t: rememberingT(i18n), i18n }));
  return pair;
}

/** Paging of a long list (previous, "page 2 of 5", next), with the links the caller builds. */
import { useTranslation } from '../useTranslation.js';

export function Pager({
  page,
  perPage,
  total,
  href,
}: {
  page: number;
  perPage: number;
  total: number;
  href: (page: number) => string;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('pager.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a rel="prev" href={href(page - 1)}>
              {t('pager.previous')}
            </a>
          </li>
        ) : null}
        <li>
          <span aria-current="page">{t('pager.page_of', { page, pages })}</span>
        </li>
        {page < pages ? (
          <li>
            <a rel="next" href={href(page + 1)}>
              {t('pager.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Builds a query string from the non-empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
}

/** Small components named for what a person sees. */
import type { Translated } from '../../core/shared/lang.js';
import type { ReactNode } from 'react';
import { useTranslation } from '../useTranslation.js';
import { localize } from '../../core/shared/translated.js';
import { usePage } from '../context.js';

/** Text in the reader's language; another language is marked with its lang and a visible note, never blank. */
export function LangText({
  value,
  as: Tag = 'span',
  missing,
  className,
}: {
  value: Translated | null | undefined;
  as?: 'span' | 'p' | 'h1' | 'h2' | 'h3' | 'div';
  missing?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const l = localize(value, lang);
  if (!l) return missing ? <Tag className={`text-missing ${className ?? ''}`.trim()}>{missing}</Tag> : null;
  if (!l.fallback) return <Tag className={className}>{l.text}</Tag>;
  return (
    <Tag className={className}>
      <span lang={l.lang}>{l.text}</span> <span className="fallback-note">{t(`text.only_in.${l.lang}`)}</span>
    </Tag>
  );
}

export function SummaryList({ rows }: { rows: { key: string; label: ReactNode; value: ReactNode }[] }) {
  const shown = rows.filter((r) => r.value !== null && r.value !== undefined && r.value !== '');
  if (!shown.length) return null;
  return (
    <dl className="summary-list">
      {shown.map((r) => (
        <div key={r.key} className="summary-row">
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
      <ol>
        {items.map((i, n) => (
          <li key={n}>{i.href ? <a href={i.href}>{i.label}</a> : <span aria-current="page">{i.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** A wide table that scrolls sideways on a narrow screen; focusable and named, so keyboard users can scroll it. */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

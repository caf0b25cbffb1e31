import { useTranslation } from '../../useTranslation.js';
import { Breadcrumbs } from '../../components/common.js';
import { Notice } from '../../components/forms.js';
import { usePage } from '../../context.js';

export type AdminSection = 'home' | 'organizations' | 'teams' | 'people';

/** Breadcrumbs from the workspace, and the administration's own sections. */
export function AdminHeader({
  section,
  trail = [],
  notice,
}: {
  section: AdminSection;
  trail?: { href?: string; label: string }[];
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/admin`;
  const onList = trail.length === 1 && !trail[0]!.href;
  const sections: { key: AdminSection; href: string }[] = [
    { key: 'organizations', href: `${base}/organizations` },
    { key: 'teams', href: `${base}/teams` },
    { key: 'people', href: `${base}/people` },
  ];
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          ...(section === 'home' && !trail.length
            ? [{ label: t('admin.title') }]
            : [{ href: base, label: t('admin.title') }]),
          ...trail,
        ]}
      />
      <nav className="admin-nav" aria-label={t('admin.sections')}>
        <ul>
          {sections.map((s) => (
            <li key={s.key}>
              <a href={s.href} aria-current={s.key === section && onList ? 'page' : undefined}>
                {t(`admin.section.${s.key}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {notice ? <Notice kind="success">{t(`admin.notice.${notice}`)}</Notice> : null}
    </>
  );
}

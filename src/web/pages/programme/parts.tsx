/** Parts shared by the programme pages: status tags, "not updated since", the saved notice, names of municipalities. */
import { useTranslation } from '../../useTranslation.js';
import { usePage } from '../../context.js';
import { formatDate } from '../../format.js';

export function StatusTag({ status, kind = 'action' }: { status: string; kind?: 'action' | 'milestone' }) {
  const { t } = useTranslation();
  return (
    <span className={`tag pg-tag pg-tag-${status}`} data-status={status}>
      {t(kind === 'action' ? `programme.status.${status}` : `programme.milestone_status.${status}`)}
    </span>
  );
}

/** A goal or experiment whose date has passed without an update: "Not updated since 30 Aug 2018". */
export function OverdueTag({ since }: { since: string | null }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      {' '}
      <span className="tag pg-tag pg-tag-overdue" data-overdue="true">
        {since ? t('programme.overdue.since', { date: formatDate(since, lang) }) : t('programme.overdue.never')}
      </span>{' '}
    </>
  );
}

/**
 * The confirmation after saving, where the person is looking: the page scrolls to it (the redirect's #pg-notice)
 * and it takes focus (autofocus; a screen reader reads it), so the person starts from it.
 */
export function SavedNotice({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    // eslint-disable-next-line jsx-a11y/no-autofocus -- the confirmation after a save is where focus belongs
    <div id="pg-notice" className="notice notice-success" role="status" tabIndex={-1} autoFocus>
      {message} {t('programme.notice.focus_hint')}
    </div>
  );
}

/** Names of several municipalities: "Inkoo ja Siuntio". */
export function joinNames(names: string[], and: string): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
}

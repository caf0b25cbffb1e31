/** Parts shared by the programme pages: status tags, names of several municipalities. */
import { useTranslation } from 'react-i18next';

export function StatusTag({ status, kind = 'action' }: { status: string; kind?: 'action' | 'milestone' }) {
  const { t } = useTranslation();
  return (
    <span className={`tag pg-tag pg-tag-${status}`}>
      {t(kind === 'action' ? `programme.status.${status}` : `programme.milestone_status.${status}`)}
    </span>
  );
}

/** Names of several municipalities: "Inkoo ja Siuntio". */
export function joinNames(names: string[], and: string): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
}

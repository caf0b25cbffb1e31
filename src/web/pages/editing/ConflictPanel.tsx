/**
 * Someone else saved the record while this editor was typing: what they saved, beside what this editor typed
 * (which the form below still holds). Saving again is then a choice made knowing both.
 */
import { useTranslation } from '../../useTranslation.js';
import type { FieldChange } from '../../../core/editing/fields.js';
import type { Translated } from '../../../core/shared/lang.js';
import { usePage } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { DiffTable } from './ChangesPage.js';

export interface ConflictView {
  updatedBy: string | null;
  updatedAt: string | null;
  changes: FieldChange[];
}

export function ConflictPanel({
  conflict,
  locationNames = {},
}: {
  conflict: ConflictView;
  locationNames?: Record<string, Translated>;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const who = conflict.updatedBy ?? t('editing.conflict.someone');
  return (
    <section className="notice conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">{t('editing.conflict.title')}</h2>
      <p>
        {conflict.updatedAt
          ? t('editing.conflict.saved_by', { name: who, when: formatDateTime(new Date(conflict.updatedAt), lang) })
          : t('editing.conflict.published_meanwhile')}
      </p>
      <p>{t('editing.conflict.kept')}</p>
      {conflict.changes.length ? (
        <DiffTable
          changes={conflict.changes}
          caption={t('editing.conflict.caption')}
          locationNames={locationNames}
          labels={{ before: t('editing.conflict.theirs'), after: t('editing.conflict.yours') }}
        />
      ) : (
        <p>{t('editing.conflict.same')}</p>
      )}
    </section>
  );
}

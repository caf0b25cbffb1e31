import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  TextField,
  TranslatedFields,
  type FormError,
} from '../../components/forms.js';
import type { Translated } from '../../../core/shared/lang.js';
import { useTranslation } from '../../useTranslation.js';
import { PERSON_LANGUAGES } from '../../../core/people/languages.js';
import { Breadcrumbs } from '../../components/common.js';
import { usePage } from '../../context.js';

export interface OwnEntryForm {
  title: Translated;
  phone: string;
  languages: string[];
}

/** A person keeps their own directory entry: title, phone and languages. */
export function OwnEntryPage({
  name,
  email,
  form,
  errors,
}: {
  name: string;
  email: string;
  form: OwnEntryForm;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/people`, label: t('people.title_page') },
          { label: t('people.own_title') },
        ]}
      />
      <div className="form-narrow admin-form">
        <h1>{t('people.own_title')}</h1>
        <p>{t('people.own_lead', { name, email })}</p>
        <ErrorSummary errors={errors} />
        <form method="post" action={`/${lang}/work/people/me`} noValidate>
          <CsrfField />
          <TranslatedFields
            name="title"
            label={t('people.title')}
            hint={t('people.title_hint')}
            value={form.title}
            errors={errors}
          />
          <TextField
            name="phone"
            type="tel"
            label={t('people.phone')}
            hint={t('people.phone_hint')}
            value={form.phone}
            errors={errors}
            autoComplete="tel"
            className="input-short"
          />
          <CheckboxesField
            name="languages"
            label={t('people.languages')}
            hint={t('people.languages_hint')}
            values={form.languages}
            errors={errors}
            options={PERSON_LANGUAGES.map((l) => ({ value: l, label: t(`people.language.${l}`) }))}
            columns
          />
          <div className="form-actions">
            <button type="submit" className="button">
              {t('people.own_save')}
            </button>
            <a href={`/${lang}/work/people`}>{t('admin.cancel')}</a>
          </div>
        </form>
      </div>
    </>
  );
}

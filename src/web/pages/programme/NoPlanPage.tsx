import { useTranslation } from '../../useTranslation.js';
import { Breadcrumbs } from '../../components/common.js';
import { usePage } from '../../context.js';
import { municipalityName } from '../../format.js';

/** A municipality whose plan has not been imported yet (or one invited to the programme, Myrskylä and Pukkila). */
export function NoPlanPage({ code, invited }: { code: string; invited: boolean }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/programme`, label: t('programme.overview.title') },
          { label: municipalityName(code, lang) },
        ]}
      />
      <h1>{t('programme.plan.title', { names: municipalityName(code, lang) })}</h1>
      <p>{invited ? t('programme.plan.invited') : t('programme.plan.not_imported')}</p>
      <p>
        <a href={`/${lang}/programme`}>{t('programme.plan.back_to_overview')}</a>
      </p>
    </>
  );
}

/** Small parts the child impact pages share: a timing and status tag, the demo mark, results as counts. */
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../core/childImpact/questionnaires.js';
import { MIN_GROUP, SCALE_EMOJI } from '../../../core/childImpact/vocabulary.js';
import { ScrollTable } from '../../components/common.js';
import { usePage } from '../../context.js';

export function DemoTag({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  return demo ? <strong className="tag">{t('childImpact.demo')}</strong> : null;
}

/** A questionnaire's answers as counts; a group of fewer than MIN_GROUP answers is never shown as numbers. */
export function ResultsTable({ r, headingLevel = 3 }: { r: Results; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const title = lang === 'sv' ? r.title.sv : r.title.fi;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="ci-results" aria-labelledby={`res-${r.id}`}>
      <H id={`res-${r.id}`}>
        {title} <span className="ci-muted">({t(`childImpact.age_group.${r.ageGroup}`)})</span>
      </H>
      {r.tooFew ? (
        <p>{t('childImpact.results.too_few', { min: MIN_GROUP })}</p>
      ) : (
        <>
          <p>{t('childImpact.results.total', { count: r.total })}</p>
          <ScrollTable label={title}>
            <table className="ci-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('childImpact.results.question')}</th>
                  {[5, 4, 3, 2, 1, 0].map((v) => (
                    <th key={v} scope="col">
                      <span aria-hidden="true">{SCALE_EMOJI[v]} </span>
                      {t(`childImpact.scale.${r.ageGroup}.${v}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.questions.map((q) => (
                  <tr key={q.key}>
                    <th scope="row">{lang === 'sv' ? q.text.sv : q.text.fi}</th>
                    {q.counts ? (
                      [5, 4, 3, 2, 1, 0].map((v) => <td key={v}>{q.counts![v] ?? 0}</td>)
                    ) : (
                      <td colSpan={6}>{t('childImpact.results.question_too_few', { min: MIN_GROUP })}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </section>
  );
}

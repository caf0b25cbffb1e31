/** Small parts the child impact pages share: a timing and status tag, the demo mark, results as counts. */
import { useTranslation } from '../../useTranslation.js';
import type { Results } from '../../../core/childImpact/questionnaires.js';
import { MIN_GROUP } from '../../../core/childImpact/vocabulary.js';
import { ScrollTable } from '../../components/common.js';
import { usePage } from '../../context.js';

const MOUTH: Record<number, string> = {
  1: 'M12 31 Q20 22 28 31',
  2: 'M13 29 Q20 25 27 29',
  3: 'M13 28 L27 28',
  4: 'M13 26 Q20 31 27 26',
  5: 'M11 25 Q20 35 29 25',
};
const FILL: Record<number, string> = {
  1: '#f4a3a3',
  2: '#f8c9a0',
  3: '#f5e08a',
  4: '#bfe3a1',
  5: '#8fd18f',
  0: '#e3e6ea',
};

/** A face for a point of the answer scale (a question mark for "can't say"), drawn as SVG: no emoji font needed. */
export function Face({ value }: { value: number }) {
  return (
    <svg className="ci-face" viewBox="0 0 40 40" width="48" height="48" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="18" fill={FILL[value]} stroke="#1b1b1f" strokeWidth="1.5" />
      {value === 0 ? (
        <text x="20" y="27" textAnchor="middle" fontSize="20" fontWeight="700" fill="#1b1b1f">
          ?
        </text>
      ) : (
        <>
          <circle cx="14" cy="16" r="2.2" fill="#1b1b1f" />
          <circle cx="26" cy="16" r="2.2" fill="#1b1b1f" />
          <path d={MOUTH[value]} fill="none" stroke="#1b1b1f" strokeWidth="2" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

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
                    <th key={v} scope="col" className="ci-scale-head">
                      <Face value={v} />
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

/**
 * Service coverage for management: the answer first (who lacks which language, and where), then the matrix,
 * then the downloads. Filters are a GET form; every number links to the search behind it.
 */
import { useTranslation } from '../../useTranslation.js';
import type { Coverage } from '../../../core/coverage/types.js';
import { municipalityLabel } from '../../../core/coverage/presenters.js';
import { usePage } from '../../context.js';
import { formatDate } from '../../format.js';
import { CoverageFilters, groupLabel } from './CoverageFilters.js';
import { CoverageMatrix, officialLanguages } from './CoverageMatrix.js';
import { coverageQuery } from './links.js';

function CoverageSummary({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const s = coverage.summary;
  const rows = new Map(coverage.rows.map((r) => [r.municipality.code, r.municipality]));
  const unilingual = s.municipalities - s.bilingual;
  const figures: { key: string; text: string; gaps: number }[] = [];
  if (s.bilingual) {
    figures.push({
      key: 'no-sv',
      gaps: s.bilingualGaps.sv.cells,
      text: t('coverage.summary.bilingual_no_sv', {
        count: s.bilingualGaps.sv.municipalities.length,
        total: s.bilingual,
      }),
    });
    if (s.swedishMajority || s.bilingualGaps.fi.cells) {
      figures.push({
        key: 'no-fi',
        gaps: s.bilingualGaps.fi.cells,
        text: t('coverage.summary.bilingual_no_fi', {
          count: s.bilingualGaps.fi.municipalities.length,
          total: s.bilingual,
        }),
      });
    }
  }
  if (unilingual && s.unilingualGaps.cells) {
    figures.push({
      key: 'uni-no-fi',
      gaps: s.unilingualGaps.cells,
      text: t('coverage.summary.unilingual_no_fi', {
        count: s.unilingualGaps.municipalities.length,
        total: unilingual,
      }),
    });
  }
  const gapText = (g: { missing: string[]; none: boolean }) =>
    g.none ? t('coverage.gap.none') : g.missing.map((l) => t(`coverage.gap.missing.${l}`)).join(', ');
  return (
    <section className="cov-summary" aria-labelledby="cov-summary-title">
      <h2 id="cov-summary-title">{t('coverage.summary.title')}</h2>
      <ul className="cov-figures">
        {figures.map((f) => (
          <li key={f.key} className={f.gaps ? 'cov-figure cov-figure-gap' : 'cov-figure'} data-figure={f.key}>
            {f.text}
            {f.gaps ? ` ${t('coverage.summary.gap_count', { count: f.gaps })}` : ''}
          </li>
        ))}
        <li className={s.noService.cells ? 'cov-figure cov-figure-gap' : 'cov-figure'} data-figure="no-service">
          {t('coverage.summary.no_service', { count: s.noService.cells })}
        </li>
      </ul>
      <p className="hint">{t('coverage.summary.rule')}</p>
      {s.byMunicipality.length ? (
        <>
          <h3>{t('coverage.summary.by_municipality')}</h3>
          <ul className="cov-gap-list">
            {s.byMunicipality.map((m) => {
              const mun = rows.get(m.code);
              return (
                <li key={m.code} data-municipality={m.code}>
                  <a href={`#cov-m-${m.code}`}>{mun ? municipalityLabel(mun, lang) : m.code}</a>
                  {mun ? <span className="cov-official">{` (${officialLanguages(mun, t)})`}</span> : null}
                  {': '}
                  {m.gaps.map((g, i) => (
                    <span key={g.lifeSituation}>
                      {i ? '; ' : ''}
                      {t(`life_situation.${g.lifeSituation}`)} – {gapText(g)}
                    </span>
                  ))}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="cov-no-gaps">{t('coverage.summary.no_gaps')}</p>
      )}
    </section>
  );
}

/** The filters in words, for the caption (so a printout says what it shows). */
function filterWords(coverage: Coverage, t: (k: string) => string, lang: 'fi' | 'sv' | 'en'): string[] {
  const f = coverage.filter;
  const out: string[] = [];
  if (f.group !== 'all') out.push(groupLabel(f.group, t, lang));
  if (f.languages.length) out.push(`${t('filter.language')}: ${f.languages.map((l) => t(`language.${l}`)).join(', ')}`);
  if (f.modes.length) out.push(`${t('filter.mode')}: ${f.modes.map((m) => t(`mode.${m}`)).join(', ')}`);
  return out;
}

export function CoveragePage({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const q = coverageQuery(coverage.filter);
  const words = filterWords(coverage, t, lang);
  const notes = [
    words.length ? t('coverage.table.filtered', { filters: words.join('; ') }) : '',
    coverage.filter.onlyGaps ? t('coverage.table.only_gaps') : '',
  ].filter(Boolean);
  const caption = notes.length ? `${t('coverage.table.caption')}. ${notes.join(' ')}` : t('coverage.table.caption');
  const date = formatDate(coverage.generatedAt.toISOString().slice(0, 10), lang);
  return (
    <div className="cov-page">
      <h1>{t('coverage.title')}</h1>
      <p className="lead">{t('coverage.lead')}</p>
      <p className="cov-based-on">{t('coverage.based_on', { count: coverage.activeServices, date })}</p>
      <CoverageSummary coverage={coverage} />
      <CoverageFilters filter={coverage.filter} />
      <section className="cov-matrix" aria-labelledby="cov-matrix-title">
        <h2 id="cov-matrix-title">{t('coverage.table.caption')}</h2>
        {notes.length ? <p className="cov-filter-words">{notes.join(' ')}</p> : null}
        <p className="hint" id="cov-legend">
          {t('coverage.legend')}
        </p>
        <p className="cov-print-only">{t('coverage.print_note')}</p>
        {coverage.rows.length ? (
          <>
            <p className="cov-skip">
              <a href="#cov-downloads">{t('coverage.skip_table')}</a>
            </p>
            <div className="cov-wide">
              <CoverageMatrix coverage={coverage} caption={caption} />
            </div>
          </>
        ) : (
          <p className="no-results">{coverage.filter.onlyGaps ? t('coverage.no_gap_rows') : t('coverage.no_rows')}</p>
        )}
      </section>
      <section className="cov-downloads" id="cov-downloads" aria-labelledby="cov-downloads-title" tabIndex={-1}>
        <h2 id="cov-downloads-title">{t('coverage.download.title')}</h2>
        <ul>
          <li>
            <a href={`/${lang}/coverage.csv${q ? `?${q}` : ''}`}>{t('coverage.download.csv')}</a>
          </li>
          <li>
            <a href={`/api/v1/coverage?lang=${lang}${q ? `&${q}` : ''}`}>{t('coverage.download.json')}</a>
          </li>
        </ul>
      </section>
    </div>
  );
}

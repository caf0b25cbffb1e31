/**
 * The matrix municipality × life situation. Each cell: the number of services, then by language and by in person /
 * online, each a link to the search that lists them; a gap is said in words, the colour only repeats it.
 */
import { LANGS } from '../../../core/shared/lang.js';
import type { ReactNode } from 'react';
import { useTranslation } from '../../useTranslation.js';
import {
  cellScope,
  columnScope,
  rowScope,
  searchPathFor,
  type CountOf,
  type CountScope,
} from '../../../core/coverage/searchLinks.js';
import type { Coverage, CoverageCell, CoverageCounts, CoverageMunicipality } from '../../../core/coverage/types.js';
import { ScrollTable } from '../../components/common.js';
import { usePage } from '../../context.js';
import { municipalityLabel } from '../../../core/coverage/presenters.js';

const CELL_MODES = ['in_person', 'online'] as const;

interface Labels {
  services: (n: number) => string;
  modes: Record<(typeof CELL_MODES)[number], string>;
}

/** One cell's numbers; the labels are translated once per page, not per cell (a matrix has hundreds). */
function Counts({
  counts,
  scope,
  filter,
  labels,
}: {
  counts: CoverageCounts;
  scope: CountScope;
  filter: Coverage['filter'];
  labels: Labels;
}) {
  const { lang } = usePage();
  const link = (n: number, of: CountOf, children: ReactNode, key?: string) =>
    n > 0 ? (
      <a key={key} href={searchPathFor(lang, filter, scope, of)}>
        {children}
      </a>
    ) : (
      <span key={key} className="cov-zero">
        {children}
      </span>
    );
  return (
    <>
      <span className="cov-total">
        {link(
          counts.total,
          { kind: 'total' },
          <>
            {counts.total}
            <span className="visually-hidden">{` ${labels.services(counts.total)}`}</span>
          </>,
        )}
      </span>
      <span className="cov-line">
        {LANGS.map((l) =>
          link(counts.languages[l], { kind: 'language', language: l }, `${l} ${counts.languages[l]}`, l),
        )}
      </span>
      <span className="cov-line cov-line-modes">
        {CELL_MODES.map((m) =>
          link(counts.modes[m], { kind: 'mode', mode: m }, `${labels.modes[m]} ${counts.modes[m]}`, m),
        )}
      </span>
    </>
  );
}

export function GapMark({ cell }: { cell: Pick<CoverageCell, 'missing' | 'allLanguages'> }) {
  const { t } = useTranslation();
  if (!cell.missing.length) return null;
  const text =
    cell.allLanguages === 0
      ? t('coverage.cell.none')
      : t('coverage.cell.missing', { languages: cell.missing.map((l) => t(`language.${l}`)).join(', ') });
  return (
    <strong className="cov-gap-mark">
      <span aria-hidden="true">! </span>
      {text}
    </strong>
  );
}

export function officialLanguages(
  m: CoverageMunicipality,
  t: (k: string, o?: Record<string, string>) => string,
): string {
  return m.bilingual
    ? t('coverage.official.bilingual', { languages: m.languages.map((l) => t(`language.${l}`)).join(', ') })
    : t('coverage.official.unilingual');
}

export function CoverageMatrix({ coverage, caption }: { coverage: Coverage; caption: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const f = coverage.filter;
  const labels: Labels = {
    services: (count) => t('coverage.cell.services', { count }),
    modes: { in_person: t('coverage.mode_short.in_person'), online: t('coverage.mode_short.online') },
  };
  return (
    <ScrollTable label={t('coverage.table.region')}>
      <table className="data cov-table" aria-describedby="cov-legend">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="cov-corner">
              {t('coverage.table.municipality')}
            </th>
            <th scope="col">{f.lifeSituations.length ? t('coverage.table.chosen') : t('coverage.table.all')}</th>
            {coverage.lifeSituations.map((ls) => (
              <th scope="col" key={ls}>
                {t(`life_situation.${ls}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {coverage.rows.map((r) => (
            <tr key={r.municipality.code} id={`cov-m-${r.municipality.code}`}>
              <th scope="row">
                <span className="cov-name">{municipalityLabel(r.municipality, lang)}</span>
                <span className="cov-official">{officialLanguages(r.municipality, t)}</span>
              </th>
              <td className="cov-cell cov-row-total">
                <Counts counts={r.counts} scope={rowScope(f, r.municipality.code)} filter={f} labels={labels} />
              </td>
              {r.cells.map((c) => (
                <td key={c.lifeSituation} className={c.missing.length ? 'cov-cell cov-gap' : 'cov-cell'}>
                  <Counts counts={c} scope={cellScope(c.municipality, c.lifeSituation)} filter={f} labels={labels} />
                  <GapMark cell={c} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {f.onlyGaps ? null : (
          <tfoot>
            <tr>
              <th scope="row">{t('coverage.table.total')}</th>
              <td className="cov-cell cov-row-total">
                <Counts
                  counts={coverage.counts}
                  scope={{ municipalities: coverage.municipalityCodes, lifeSituations: f.lifeSituations }}
                  filter={f}
                  labels={labels}
                />
              </td>
              {coverage.lifeSituations.map((ls) => (
                <td key={ls} className="cov-cell">
                  <Counts counts={coverage.columns[ls]} scope={columnScope(coverage, ls)} filter={f} labels={labels} />
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </ScrollTable>
  );
}

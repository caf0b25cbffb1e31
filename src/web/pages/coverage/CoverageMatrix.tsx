/**
 * The matrix municipality × life situation. Each cell: the number of services, then by language and by in person /
 * online, each a link to the search that lists them; a gap is said in words, the colour only repeats it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cellScope, columnScope, rowScope, searchPathFor, type CountOf, type CountScope } from '../../../core/coverage/searchLinks.js';
import type { Coverage, CoverageCell, CoverageCounts, CoverageMunicipality } from '../../../core/coverage/types.js';
import { LANGS } from '../../../core/directory/vocabulary.js';
import { ScrollTable } from '../../components/common.js';
import { usePage } from '../../context.js';
import { municipalityLabel } from '../../../core/coverage/presenters.js';

const CELL_MODES = ['in_person', 'online'] as const;

function Counts({ counts, scope, filter }: { counts: CoverageCounts; scope: CountScope; filter: Coverage['filter'] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const link = (n: number, of: CountOf, children: ReactNode) => (n > 0
    ? <a href={searchPathFor(lang, filter, scope, of)}>{children}</a>
    : <span className="cov-zero">{children}</span>);
  return (
    <>
      <span className="cov-total">
        {link(counts.total, { kind: 'total' }, <>{counts.total}<span className="visually-hidden">{` ${t('coverage.cell.services', { count: counts.total })}`}</span></>)}
      </span>
      <span className="cov-line">
        {LANGS.map((l) => (
          <span className="cov-item" key={l}>
            {link(counts.languages[l], { kind: 'language', language: l }, <>{`${l} ${counts.languages[l]}`}<span className="visually-hidden">{` ${t(`coverage.in_lang.${l}`)}`}</span></>)}
          </span>
        ))}
      </span>
      <span className="cov-line">
        {CELL_MODES.map((m) => (
          <span className="cov-item" key={m}>
            {link(counts.modes[m], { kind: 'mode', mode: m }, `${t(`coverage.mode_short.${m}`)} ${counts.modes[m]}`)}
          </span>
        ))}
      </span>
    </>
  );
}

export function GapMark({ cell }: { cell: Pick<CoverageCell, 'missing' | 'allLanguages'> }) {
  const { t } = useTranslation();
  if (!cell.missing.length) return null;
  const text = cell.allLanguages === 0 ? t('coverage.cell.none') : t('coverage.cell.missing', { languages: cell.missing.map((l) => t(`language.${l}`)).join(', ') });
  return <strong className="cov-gap-mark"><span aria-hidden="true">! </span>{text}</strong>;
}

export function officialLanguages(m: CoverageMunicipality, t: (k: string, o?: Record<string, string>) => string): string {
  return m.bilingual ? t('coverage.official.bilingual', { languages: m.languages.map((l) => t(`language.${l}`)).join(', ') }) : t('coverage.official.unilingual');
}

export function CoverageMatrix({ coverage, caption }: { coverage: Coverage; caption: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const f = coverage.filter;
  return (
    <ScrollTable label={t('coverage.table.region')}>
      <table className="data cov-table" aria-describedby="cov-legend">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="cov-corner">{t('coverage.table.municipality')}</th>
            <th scope="col">{f.lifeSituations.length ? t('coverage.table.chosen') : t('coverage.table.all')}</th>
            {coverage.lifeSituations.map((ls) => <th scope="col" key={ls}>{t(`life_situation.${ls}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {coverage.rows.map((r) => (
            <tr key={r.municipality.code} id={`cov-m-${r.municipality.code}`}>
              <th scope="row">
                <span className="cov-name">{municipalityLabel(r.municipality, lang)}</span>
                <span className="cov-official">{officialLanguages(r.municipality, t)}</span>
              </th>
              <td className="cov-cell cov-row-total"><Counts counts={r.counts} scope={rowScope(f, r.municipality.code)} filter={f} /></td>
              {r.cells.map((c) => (
                <td key={c.lifeSituation} className={c.missing.length ? 'cov-cell cov-gap' : 'cov-cell'}>
                  <Counts counts={c} scope={cellScope(c.municipality, c.lifeSituation)} filter={f} />
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
                <Counts counts={coverage.counts} scope={{ municipalities: coverage.municipalityCodes, lifeSituations: f.lifeSituations }} filter={f} />
              </td>
              {coverage.lifeSituations.map((ls) => (
                <td key={ls} className="cov-cell"><Counts counts={coverage.columns[ls]} scope={columnScope(coverage, ls)} filter={f} /></td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </ScrollTable>
  );
}

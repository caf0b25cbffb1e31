/** The coverage filters: a plain GET form (works without JavaScript), the same parameters as the CSV and JSON. */
import { LANGS } from '../../../core/shared/lang.js';
import { useTranslation } from '../../useTranslation.js';
import { MUNICIPALITY_GROUPS, type Coverage } from '../../../core/coverage/types.js';
import { DELIVERY_MODES, LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';
import { COUNTIES, type WellbeingCounty } from '../../../core/places/municipalities.js';
import { usePage } from '../../context.js';

function Checkboxes({
  name,
  legend,
  hint,
  options,
  checked,
  open,
}: {
  name: string;
  legend: string;
  hint: string;
  options: { value: string; label: string }[];
  checked: readonly string[];
  open?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <details className="filter-group" open={open || checked.length > 0}>
      <summary>
        {legend}
        <span className="selected-count">
          {checked.length ? ` ${t('search.selected', { count: checked.length })}` : ''}
        </span>
      </summary>
      <fieldset aria-describedby={`${name}-hint`}>
        <legend className="visually-hidden">{legend}</legend>
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
        {options.map((o) => (
          <div className="checkbox" key={o.value}>
            <input
              type="checkbox"
              id={`cov-${name}-${o.value}`}
              name={name}
              value={o.value}
              defaultChecked={checked.includes(o.value)}
            />
            <label htmlFor={`cov-${name}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}

export function groupLabel(
  group: Coverage['filter']['group'],
  t: (k: string) => string,
  lang: 'fi' | 'sv' | 'en',
): string {
  return group in COUNTIES ? COUNTIES[group as WellbeingCounty][lang] : t(`coverage.group.${group}`);
}

export function CoverageFilters({ filter }: { filter: Coverage['filter'] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <form method="get" action={`/${lang}/coverage`} className="filters cov-filters" aria-labelledby="cov-filters-title">
      <h2 id="cov-filters-title">{t('coverage.filters')}</h2>
      <div className="cov-filter-grid">
        <div className="field">
          <label htmlFor="cov-group" className="label-bold">
            {t('coverage.filter.group')}
          </label>
          <select id="cov-group" name="group" defaultValue={filter.group}>
            {MUNICIPALITY_GROUPS.map((g) => (
              <option key={g} value={g}>
                {groupLabel(g, t, lang)}
              </option>
            ))}
          </select>
        </div>
        {filter.municipalities.map((m) => (
          <input key={m} type="hidden" name="municipality" value={m} />
        ))}
        <Checkboxes
          name="language"
          legend={t('filter.language')}
          hint={t('coverage.filter.language_hint')}
          checked={filter.languages}
          options={LANGS.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          open
        />
        <Checkboxes
          name="mode"
          legend={t('filter.mode')}
          hint={t('coverage.filter.mode_hint')}
          checked={filter.modes}
          options={DELIVERY_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
          open
        />
        <Checkboxes
          name="life_situation"
          legend={t('filter.life_situation')}
          hint={t('coverage.filter.life_situation_hint')}
          checked={filter.lifeSituations}
          options={LIFE_SITUATIONS.map((l) => ({ value: l, label: t(`life_situation.${l}`) }))}
        />
        <div className="cov-gaps-choice">
          <div className="checkbox">
            <input
              type="checkbox"
              id="cov-gaps"
              name="gaps"
              value="true"
              defaultChecked={filter.onlyGaps}
              aria-describedby="cov-gaps-hint"
            />
            <label htmlFor="cov-gaps" className="label-bold">
              {t('coverage.filter.gaps')}
            </label>
          </div>
          <p className="hint" id="cov-gaps-hint">
            {t('coverage.filter.gaps_hint')}
          </p>
        </div>
      </div>
      <div className="filter-actions">
        <button type="submit" className="button">
          {t('coverage.apply')}
        </button>
        <a href={`/${lang}/coverage`}>{t('coverage.clear')}</a>
      </div>
    </form>
  );
}

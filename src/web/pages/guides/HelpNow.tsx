/**
 * "Need help now?": on the front page (always visible, before anything else) and, in full, on /{lang}/help.
 * Numbers are tel: links; every line says who it is for and when it answers.
 */
import { useTranslation } from '../../useTranslation.js';
import { EMERGENCY, helpLinesFor, type CountyEmergency, type HelpLine } from '../../../core/guides/helpLines.js';
import { pick } from '../../../core/shared/translated.js';
import { LangText } from '../../components/common.js';
import { usePage } from '../../context.js';
import { formatDate, municipalityName, sortedMunicipalities } from '../../format.js';

const telHref = (n: string) => `tel:${n.replace(/[^\d+]/g, '')}`;

function Phone({ number, tel }: { number: string; tel?: string }) {
  return (
    <a className="help-number" href={telHref(tel ?? number)}>
      {number}
    </a>
  );
}

function CountyLine({ c, compact }: { c: CountyEmergency; compact?: boolean }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const phone = c.service?.phones[0];
  return (
    <li>
      <span className="help-name">{compact ? t(`help.county_short.${c.county}`) : pick(c.countyName, lang)}</span>{' '}
      {phone ? <Phone number={phone.number} /> : <span>{t('help.county_via_112')}</span>}
      {!compact && c.service ? (
        <>
          {' '}
          (
          <a href={`/${lang}/services/${c.service.id}`}>
            <LangText value={c.service.name} />
          </a>
          )
        </>
      ) : null}
    </li>
  );
}

/** The front page's box: 112, the counties' social emergency services, the crisis lines, a link to the rest. */
export function HelpNow({ counties }: { counties: CountyEmergency[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const lines = helpLinesFor(lang).filter((l) => l.langs.includes(lang) || lang === 'en');
  return (
    <aside className="help-now" aria-labelledby="help-now-title">
      <h2 id="help-now-title">{t('help.now_title')}</h2>
      <p className="help-emergency">
        {t('help.emergency_lead')} <Phone number={EMERGENCY.number} tel={EMERGENCY.tel} />
      </p>
      <p className="help-sub">{t('help.social_emergency')}</p>
      <ul className="plain help-list">
        {counties.map((c) => (
          <CountyLine key={c.county} c={c} compact />
        ))}
      </ul>
      <p className="help-sub">{t('help.crisis_lines')}</p>
      <ul className="plain help-list">
        {lines.map((l) => (
          <li key={l.id}>
            <span className="help-name">{pick(l.name, lang)}</span> <Phone number={l.number} tel={l.tel} />
          </li>
        ))}
      </ul>
      <p>
        <a href={`/${lang}/help`}>{t('help.more_link')}</a>
      </p>
    </aside>
  );
}

function LineCard({ l }: { l: HelpLine }) {
  const { lang } = usePage();
  return (
    <li className="help-card">
      <h3>{pick(l.name, lang)}</h3>
      <p className="help-card-number">
        <Phone number={l.number} tel={l.tel} />
      </p>
      <p>{pick(l.forWhom, lang)}</p>
      <p className="hint">
        {pick(l.hours, lang)} · <a href={l.source}>{new URL(l.source).host}</a>
      </p>
    </li>
  );
}

/** /{lang}/help: the same, in full, with each county's municipalities, and the lines grouped by whom they serve. */
export function HelpPage({
  counties,
  checked,
  chosen,
}: {
  counties: CountyEmergency[];
  checked: string;
  chosen: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const lines = helpLinesFor(lang);
  const ordered = chosen
    ? [...counties].sort(
        (a, b) => Number(b.municipalities.includes(chosen)) - Number(a.municipalities.includes(chosen)),
      )
    : counties;
  const groups = ['everyone', 'children_young', 'parents', 'violence'] as const;
  return (
    <article className="help-page">
      <h1>{t('help.page_title')}</h1>
      <div className="help-now help-now-page">
        <p className="help-emergency">
          {t('help.emergency_lead')} <Phone number={EMERGENCY.number} tel={EMERGENCY.tel} />
        </p>
        <p>{pick(EMERGENCY.forWhom, lang)}</p>
      </div>
      <h2>{t('help.social_emergency_title')}</h2>
      <p>{t('help.social_emergency_lead')}</p>
      <form method="get" action={`/${lang}/help`} className="guide-municipality">
        <label htmlFor="help-municipality" className="label-bold">
          {t('help.choose_municipality')}
        </label>
        <div className="search-row">
          <select id="help-municipality" name="municipality" defaultValue={chosen ?? ''}>
            <option value="">{t('guides.municipality_none')}</option>
            {sortedMunicipalities(lang).map((m) => (
              <option key={m.code} value={m.code}>
                {municipalityName(m.code, lang)}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t('help.show_county')}
          </button>
        </div>
      </form>
      {ordered.map((c) => (
        <section key={c.county} className="help-county" aria-labelledby={`county-${c.county}`}>
          <h3 id={`county-${c.county}`}>{pick(c.countyName, lang)}</h3>
          {chosen && c.municipalities.includes(chosen) ? (
            <p className="guide-chosen">{t('help.your_county', { municipality: municipalityName(chosen, lang) })}</p>
          ) : null}
          <ul className="plain help-list">
            <CountyLine c={c} />
          </ul>
          <p className="hint">
            {t('help.county_municipalities')}{' '}
            {c.municipalities
              .map((m) => municipalityName(m, lang))
              .sort((a, b) => a.localeCompare(b, lang))
              .join(', ')}
          </p>
        </section>
      ))}
      {groups.map((g) => {
        const own = lines.filter((l) => l.audience === g);
        return own.length ? (
          <section key={g} aria-labelledby={`lines-${g}`}>
            <h2 id={`lines-${g}`}>{t(`help.audience.${g}`)}</h2>
            <ul className="plain help-cards">
              {own.map((l) => (
                <LineCard key={l.id} l={l} />
              ))}
            </ul>
          </section>
        ) : null;
      })}
      <h2>{t('help.not_urgent_title')}</h2>
      <p>
        {t('help.not_urgent')} <a href={`/${lang}/guides`}>{t('help.guides_link')}</a> ·{' '}
        <a href={`/${lang}/search`}>{t('help.search_link')}</a>
      </p>
      <p className="hint">{t('help.checked', { date: formatDate(checked, lang) })}</p>
    </article>
  );
}

import type { Translated } from '../../../core/shared/lang.js';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from '../../useTranslation.js';
import type { ChangesView } from '../../../core/editing/drafts.js';
import type { FieldChange } from '../../../core/editing/fields.js';
import type { DraftData, DraftKind, EditState, HoursRow, PhoneRow } from '../../../core/editing/types.js';
import type { Weekday } from '../../../core/directory/vocabulary.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import { CsrfField, Notice } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatHours, municipalityName } from '../../format.js';
import { DraftStatusLine } from './parts.js';

export interface ChangesPageProps {
  kind: DraftKind;
  state: EditState<DraftData>;
  view: ChangesView;
  /** Names of the locations mentioned in the changes. */
  locationNames: Record<string, Translated>;
  mayPublish: boolean;
  maySubmit: boolean;
  /** The reader submitted this draft and the organisation wants a second person to publish. */
  waitingForOther: boolean;
  notice?: string | null;
  /** A refused action, already translated. */
  problem?: string | null;
  problems?: string[];
}

function codeLabel(
  t: TFunction,
  lang: 'fi' | 'sv' | 'en',
  field: string,
  code: string,
  locationNames: Record<string, Translated>,
): string {
  switch (field) {
    case 'languages':
      return t(`language.${code}`);
    case 'modes':
      return t(`mode.${code}`);
    case 'lifeSituations':
      return t(`life_situation.${code}`);
    case 'areas':
    case 'municipalityCode':
      return code ? municipalityName(code, lang) : '';
    case 'fee':
      return code ? t(`fee.${code}`) : '';
    case 'access':
      return code ? t(`access.${code}`) : '';
    case 'locations':
      return pick(locationNames[code], lang) || code;
    default:
      return code;
  }
}

const hoursText = (h: HoursRow, lang: 'fi' | 'sv' | 'en', t: TFunction) => {
  const valid = h.days.length && /^\d\d:\d\d$/.test(h.opens) && /^\d\d:\d\d$/.test(h.closes);
  const main = valid
    ? formatHours(
        { days: h.days as Weekday[], opens: h.opens, closes: h.closes, note: h.note, validFrom: null, validTo: null },
        lang,
        t,
      )
    : `${h.days.join(', ')} ${h.opens}–${h.closes}`;
  const note = pick(h.note, lang);
  return note ? `${main} (${note})` : main;
};
const phoneText = (p: PhoneRow, lang: 'fi' | 'sv' | 'en') =>
  pick(p.note, lang) ? `${p.number} (${pick(p.note, lang)})` : p.number;

function Items({ kept, changed, mark }: { kept: string[]; changed: string[]; mark: 'del' | 'ins' }) {
  const { t } = useTranslation();
  if (!kept.length && !changed.length) return <span className="text-missing">{t('editing.diff.empty')}</span>;
  const Mark = mark;
  return (
    <ul className="plain diff-items">
      {kept.map((k, i) => (
        <li key={`k${i}`}>{k}</li>
      ))}
      {changed.map((c, i) => (
        <li key={`c${i}`}>
          <Mark>{c}</Mark>
        </li>
      ))}
    </ul>
  );
}

function ChangeRow({ c, locationNames }: { c: FieldChange; locationNames: Record<string, Translated> }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const label = t(`editing.field.${c.field}`);
  let before: ReactNode;
  let after: ReactNode;
  let langCell: ReactNode = '–';
  switch (c.kind) {
    case 'text':
      langCell = t(`form.in_lang.${c.lang}`);
      before = c.before ? (
        <span lang={c.lang} className="diff-text">
          {c.parts
            .filter((p) => !p.added)
            .map((p, i) => (p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
        </span>
      ) : (
        <span className="text-missing">{t('editing.diff.empty')}</span>
      );
      after = c.after ? (
        <span lang={c.lang} className="diff-text">
          {c.parts
            .filter((p) => !p.removed)
            .map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : <span key={i}>{p.value}</span>))}
        </span>
      ) : (
        <span className="text-missing">{t('editing.diff.empty')}</span>
      );
      break;
    case 'scalar': {
      const b = codeLabel(t, lang, c.field, c.before, locationNames);
      const a = codeLabel(t, lang, c.field, c.after, locationNames);
      before = b ? <del>{b}</del> : <span className="text-missing">{t('editing.diff.empty')}</span>;
      after = a ? <ins>{a}</ins> : <span className="text-missing">{t('editing.diff.empty')}</span>;
      break;
    }
    case 'list': {
      const l = (x: string) => codeLabel(t, lang, c.field, x, locationNames);
      before = <Items kept={c.kept.map(l)} changed={c.removed.map(l)} mark="del" />;
      after = <Items kept={c.kept.map(l)} changed={c.added.map(l)} mark="ins" />;
      break;
    }
    case 'hours': {
      const h = (x: HoursRow) => hoursText(x, lang, t);
      before = <Items kept={c.kept.map(h)} changed={c.removed.map(h)} mark="del" />;
      after = <Items kept={c.kept.map(h)} changed={c.added.map(h)} mark="ins" />;
      break;
    }
    case 'phones': {
      const p = (x: PhoneRow) => phoneText(x, lang);
      before = <Items kept={c.kept.map(p)} changed={c.removed.map(p)} mark="del" />;
      after = <Items kept={c.kept.map(p)} changed={c.added.map(p)} mark="ins" />;
      break;
    }
  }
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{langCell}</td>
      <td>{before}</td>
      <td>{after}</td>
    </tr>
  );
}

export function DiffTable({
  changes,
  caption,
  locationNames,
  labels,
}: {
  changes: FieldChange[];
  caption: string;
  locationNames: Record<string, Translated>;
  /** The headings of the two versions (by default "before" and "after"). */
  labels?: { before: string; after: string };
}) {
  const { t } = useTranslation();
  return (
    <ScrollTable label={caption}>
      <table className="data diff-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('editing.diff.field')}</th>
            <th scope="col">{t('editing.diff.language')}</th>
            <th scope="col">{labels?.before ?? t('editing.diff.before')}</th>
            <th scope="col">{labels?.after ?? t('editing.diff.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => (
            <ChangeRow key={i} c={c} locationNames={locationNames} />
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function ChangesPage({
  kind,
  state,
  view,
  locationNames,
  mayPublish,
  maySubmit,
  waitingForOther,
  notice,
  problem,
  problems,
}: ChangesPageProps) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const area = kind === 'service' ? 'services' : 'locations';
  const base = `/${lang}/work/${area}/${state.ref}`;
  const name =
    pick(state.draft?.data.name ?? state.data.name, lang) ||
    pick(state.published?.name, lang) ||
    t(`editing.${kind}.unnamed`);
  const title = t('editing.changes.title', { name });
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/services`, label: t('editing.services.title') },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      <p className="lead-org">{pick(state.organizationName, lang)}</p>
      {notice ? <Notice kind="success">{t(`editing.notice.${notice}`)}</Notice> : null}
      {problem ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{problem}</h2>
          {problems?.length ? (
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <DraftStatusLine draft={state.draft} />
      <ul className="action-links">
        <li>
          <a href={`${base}/edit`}>{t('editing.back_to_edit')}</a>
        </li>
        {kind === 'service' ? (
          <li>
            <a href={`${base}/preview`}>{t('editing.preview_link')}</a>
          </li>
        ) : null}
      </ul>
      {!state.draft ? (
        <p>{t('editing.changes.none')}</p>
      ) : (
        <>
          {state.recordId ? null : <p>{t(`editing.changes.new_${kind}`)}</p>}
          {view.changes.length ? (
            <DiffTable changes={view.changes} caption={t('editing.changes.caption')} locationNames={locationNames} />
          ) : (
            <p>{t('editing.changes.no_differences')}</p>
          )}
          {state.baseChanged ? (
            <section className="notice warning-box" aria-labelledby="meanwhile-title">
              <h2 id="meanwhile-title">{t('editing.changes.meanwhile_title')}</h2>
              <p>{t('editing.changes.meanwhile_lead')}</p>
              <DiffTable
                changes={view.meanwhile}
                caption={t('editing.changes.meanwhile_title')}
                locationNames={locationNames}
              />
              <form method="post" action={`${base}/rebase`}>
                <CsrfField />
                <button type="submit" className="button">
                  {t('editing.changes.rebase')}
                </button>
              </form>
            </section>
          ) : null}
          {state.errors.length ? (
            <p className="error-message">
              {t('editing.changes.fix_first')} <a href={`${base}/edit`}>{t('editing.back_to_edit')}</a>
            </p>
          ) : null}
          <h2>{t('editing.changes.actions')}</h2>
          {state.needsSecondPerson ? <p>{t('editing.changes.second_person_rule')}</p> : null}
          {waitingForOther ? (
            <p>
              <strong>{t('editing.changes.waiting_for_other')}</strong>
            </p>
          ) : null}
          <div className="form-actions">
            {maySubmit ? (
              <form method="post" action={`${base}/submit`}>
                <CsrfField />
                <button type="submit" className={mayPublish ? 'button button-secondary' : 'button'}>
                  {t('editing.submit')}
                </button>
              </form>
            ) : null}
            {mayPublish ? (
              <form method="post" action={`${base}/publish`}>
                <CsrfField />
                <button type="submit" className="button">
                  {t('editing.publish')}
                </button>
              </form>
            ) : null}
            <form method="post" action={`${base}/discard`}>
              <CsrfField />
              <button type="submit" className="button button-secondary">
                {t('editing.discard')}
              </button>
            </form>
          </div>
        </>
      )}
    </>
  );
}

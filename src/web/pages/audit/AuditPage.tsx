import { ErrorSummary, SelectField, TextField, type FormError } from '../../components/forms.js';
import { useTranslation } from '../../useTranslation.js';
import type { Translated } from '../../../core/shared/lang.js';
import { type AuditViewResult, AUDIT_ACTION_GROUPS, AUDIT_OUTCOMES } from '../../../core/admin/auditView.js';
import type { AuditRow } from '../../../core/audit/auditLog.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import { usePage } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { Pager, queryString } from '../../components/Pager.js';
import { changeRows } from './changes.js';

export interface AuditForm {
  person: string;
  action: string;
  organization: string;
  outcome: string;
  from: string;
  to: string;
}

type Names = AuditViewResult['names'];

function useLabels(names: Names) {
  const { t, i18n } = useTranslation();
  const { lang } = usePage();
  const has = (k: string) => i18n.exists(k);
  const action = (a: string) => (has(`audit.action.${a}`) ? t(`audit.action.${a}`) : a);
  const field = (path: string) => {
    const [head, sub] = path.split('.');
    const base = has(`audit.field.${head}`) ? t(`audit.field.${head}`) : head!;
    return sub && ['fi', 'sv', 'en'].includes(sub)
      ? `${base} (${t(`form.in_lang.${sub}`)})`
      : sub
        ? `${base}: ${path.slice(head!.length + 1)}`
        : base;
  };
  const value = (path: string, v: unknown, row: AuditRow): string => {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return '–';
    const key = path.split('.').pop()!;
    if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
    if (typeof v === 'string') {
      if (key === 'role' && row.action.startsWith('team_membership.'))
        return has(`role.team_${v}`) ? t(`role.team_${v}`) : v;
      if (key === 'role' || key === 'system_role') return has(`role.${v}`) ? t(`role.${v}`) : v;
      if (key === 'status') return has(`admin.${v}`) ? t(`admin.${v}`) : v;
      if (key === 'type' && row.objectType === 'organization') return has(`org_type.${v}`) ? t(`org_type.${v}`) : v;
      if (key === 'team_id') return names.teams[v] ? pick(names.teams[v], lang) : v;
      return v;
    }
    if (Array.isArray(v)) {
      if (key === 'languages')
        return v.map((l) => (has(`people.language.${l}`) ? t(`people.language.${l}`) : String(l))).join(', ');
      if (v.every((x) => typeof x !== 'object')) return v.join(', ');
    }
    return JSON.stringify(v);
  };
  return { action, field, value };
}

function ObjectCell({ row, names }: { row: AuditRow; names: Names }) {
  const { t } = useTranslation();
  const id = row.objectId;
  if (!row.objectType || !id) return <>–</>;
  const typeLabel = t(`audit.object.${row.objectType}`, { defaultValue: row.objectType });
  if (row.objectType === 'person' && names.people[id])
    return (
      <>
        {typeLabel}: {names.people[id]}
      </>
    );
  if (row.objectType === 'team' && names.teams[id])
    return (
      <>
        {typeLabel}: <LangText value={names.teams[id]} />
      </>
    );
  if (row.objectType === 'organization' && names.organizations[id])
    return (
      <>
        {typeLabel}: <LangText value={names.organizations[id]} />
      </>
    );
  return (
    <>
      {typeLabel}: <code>{id}</code>
    </>
  );
}

function Changes({ row, names }: { row: AuditRow; names: Names }) {
  const { t, i18n } = useTranslation();
  const detailValue = (k: string, v: unknown, r: AuditRow): string => {
    if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
    if (k === 'method' && r.action.startsWith('auth.') && i18n.exists(`account.method.${String(v)}`))
      return t(`account.method.${String(v)}`);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  const labels = useLabels(names);
  const rows = changeRows(row.before, row.after);
  const details = Object.entries(row.details ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!rows.length && !details.length) return <>–</>;
  return (
    <>
      {rows.length ? (
        <table className="audit-changes">
          <thead>
            <tr>
              <th scope="col">{t('audit.field')}</th>
              <th scope="col">{t('audit.before')}</th>
              <th scope="col">{t('audit.after')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.path}>
                <th scope="row">{labels.field(c.path)}</th>
                <td>{labels.value(c.path, c.before, row)}</td>
                <td>{labels.value(c.path, c.after, row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {details.length ? (
        <ul className="plain audit-details">
          {details.map(([k, v]) => (
            <li key={k}>
              {t(`audit.detail.${k}`, { defaultValue: k })}: {detailValue(k, v, row)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The audit log: search by person, action, organisation, outcome and dates; newest first, a page at a time. */
export function AuditPage({
  result,
  form,
  organizations,
  errors,
}: {
  result: AuditViewResult | null;
  form: AuditForm;
  organizations: { id: string; name: Translated }[];
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/audit`;
  const labels = useLabels(result?.names ?? { organizations: {}, people: {}, teams: {} });
  return (
    <>
      <Breadcrumbs items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('audit.title') }]} />
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.lead')}</p>
      <ErrorSummary errors={errors} />
      <form
        method="get"
        action={base}
        className="admin-filter audit-filter"
        role="search"
        aria-label={t('audit.filters')}
        noValidate
      >
        <TextField
          name="person"
          label={t('audit.person')}
          hint={t('audit.person_hint')}
          value={form.person}
          errors={errors}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          name="action"
          label={t('audit.action_label')}
          hint={t('audit.action_hint')}
          value={form.action}
          errors={errors}
          list="audit-actions"
          autoComplete="off"
          spellCheck={false}
        />
        <datalist id="audit-actions">
          {AUDIT_ACTION_GROUPS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.group.${a.slice(0, -1)}`)}
            </option>
          ))}
        </datalist>
        <SelectField
          name="organization"
          label={t('audit.organization')}
          value={form.organization}
          errors={errors}
          emptyLabel={t('audit.any_organization')}
          options={organizations.map((o) => ({ value: o.id, label: pick(o.name, lang) }))}
        />
        <SelectField
          name="outcome"
          label={t('audit.outcome')}
          value={form.outcome}
          errors={errors}
          emptyLabel={t('audit.any_outcome')}
          options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
        />
        <TextField
          name="from"
          type="date"
          label={t('audit.from')}
          hint={t('audit.date_hint')}
          value={form.from}
          errors={errors}
          className="input-short"
        />
        <TextField
          name="to"
          type="date"
          label={t('audit.to')}
          hint={t('audit.date_hint')}
          value={form.to}
          errors={errors}
          className="input-short"
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('audit.search')}
          </button>
          <a href={base}>{t('audit.clear')}</a>
        </div>
      </form>
      {result ? (
        <>
          <p role="status">
            {result.person
              ? t('audit.found_for', { count: result.total, name: result.person.name })
              : t('audit.found', { count: result.total })}
          </p>
          {result.rows.length ? (
            <div className="table-wrap">
              <table className="data audit-table">
                <caption className="visually-hidden">{t('audit.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.when')}</th>
                    <th scope="col">{t('audit.who')}</th>
                    <th scope="col">{t('audit.what')}</th>
                    <th scope="col">{t('audit.target')}</th>
                    <th scope="col">{t('audit.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => (
                    <tr key={r.id} className={r.outcome !== 'ok' ? `audit-${r.outcome}` : undefined}>
                      <td>{formatDateTime(r.at, lang)}</td>
                      <td>
                        {r.actorId ? (
                          <a href={`${base}${queryString({ ...form, person: r.actorId, page: undefined })}`}>
                            {r.actorName ?? r.actorId}
                          </a>
                        ) : (
                          (r.actorName ?? '–')
                        )}
                        {r.ip ? (
                          <>
                            <br />
                            <span className="hint">{r.ip}</span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {labels.action(r.action)}
                        {r.outcome !== 'ok' ? (
                          <>
                            <br />
                            <span className="tag">{t(`audit.outcome.${r.outcome}`)}</span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        <ObjectCell row={r} names={result.names} />
                        {r.organizationId ? (
                          <>
                            <br />
                            <span className="hint">
                              {result.names.organizations[r.organizationId]
                                ? pick(result.names.organizations[r.organizationId], lang)
                                : r.organizationId}
                            </span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        <Changes row={r} names={result.names} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('audit.none_found')}</p>
          )}
          <Pager
            page={result.page}
            perPage={result.perPage}
            total={result.total}
            href={(page) => `${base}${queryString({ ...form, page })}`}
          />
        </>
      ) : null}
    </>
  );
}

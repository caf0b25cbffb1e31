/**
 * The concern team's pages (signed in): the dashboard (intake and open cases with what is overdue said in words
 * as well as colour, the agenda of each team's next meeting, referrals received and sent, counts for
 * coordinators), a case with every step as a form, a referral as either side sees it, and a team's settings.
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../../useTranslation.js';
import type { CaseDetail, InboxItem, Overdue } from '../../../core/concerns/cases.js';
import type { TeamSettings } from '../../../core/concerns/teamSettings.js';
import { OUTCOMES, URGENCIES } from '../../../core/concerns/vocabulary.js';
import type { ReferralDetail, ReferralListItem } from '../../../core/referrals/referrals.js';
import { LANGS, type Translated } from '../../../core/shared/lang.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, ScrollTable, SummaryList } from '../../components/common.js';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  Notice,
  RadioField,
  SelectField,
  TextArea,
  TextField,
  type FormError,
} from '../../components/forms.js';
import { usePage } from '../../context.js';
import { municipalityName, sortedMunicipalities } from '../../format.js';
import { dateTime, day } from './format.js';

const name = (v: unknown, lang: 'fi' | 'sv' | 'en') => pick(v as Translated, lang);

/** "Overdue by 2 working days" in words and in colour; "due 8.12." otherwise. */
export function DueText({
  due,
  overdue,
  firstContactAt,
}: {
  due: string;
  overdue: Overdue;
  firstContactAt: Date | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  if (firstContactAt)
    return (
      <span>
        <span className="tag tag-ok">{t('concerns.due.contacted')}</span> {dateTime(firstContactAt, lang)}
      </span>
    );
  if (overdue.overdue)
    return (
      <span>
        <span className="tag tag-overdue">{t('concerns.due.overdue_tag')}</span>{' '}
        {t('concerns.due.overdue', { count: overdue.workingDaysLate, date: day(due, lang) })}
      </span>
    );
  return <span>{t('concerns.due.by', { date: day(due, lang) })}</span>;
}

function UrgencyText({ urgency }: { urgency: string | null }) {
  const { t } = useTranslation();
  if (urgency === 'urgent') return <span className="tag tag-urgent">{t('concerns.urgency.urgent')}</span>;
  return <span>{urgency ? t(`concerns.urgency.${urgency}`) : t('concerns.urgency.untriaged')}</span>;
}

export interface TeamAgenda {
  teamId: string;
  teamName: unknown;
  nextMeeting: string;
  canSetUp: boolean;
  cases: { id: string; reference: string; urgency: string | null }[];
}

export interface CountRow {
  teamId: string | null;
  teamName: unknown;
  total: number;
  intake: number;
  open: number;
  closed: number;
  urgent: number;
  overdue: number;
}

function ReferralTable({ items, label }: { items: ReferralListItem[]; label: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  if (!items.length) return <p>{t('concerns.dashboard.none')}</p>;
  return (
    <ScrollTable label={label}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('concerns.col.reference')}</th>
            <th scope="col">{t('referrals.col.service')}</th>
            <th scope="col">{t('referrals.col.from')}</th>
            <th scope="col">{t('referrals.col.to')}</th>
            <th scope="col">{t('referrals.col.status')}</th>
            <th scope="col">{t('referrals.col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/${lang}/work/referrals/${r.id}`}>{r.reference}</a>
              </td>
              <td>{name(r.serviceName, lang)}</td>
              <td>{name(r.fromTeamName, lang)}</td>
              <td>{name(r.toTeamName, lang)}</td>
              <td>{t(`referrals.status.${r.status}`)}</td>
              <td>{dateTime(r.updatedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function DashboardPage({
  inbox,
  agendas,
  received,
  sent,
  counts,
  status,
  notice,
}: {
  inbox: { items: InboxItem[]; total: number; page: number; perPage: number } | null;
  agendas: TeamAgenda[];
  received: ReferralListItem[];
  sent: ReferralListItem[];
  counts: CountRow[] | null;
  status: string;
  notice?: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const overdue = inbox?.items.filter((i) => i.overdue.overdue).length ?? 0;
  return (
    <>
      <Breadcrumbs
        items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('concerns.dashboard.title') }]}
      />
      <h1>{t('concerns.dashboard.title')}</h1>
      {notice ? <Notice kind="success">{t(`concerns.notice.${notice}`)}</Notice> : null}
      {inbox ? (
        <section>
          <h2 id="inbox-title">{t('concerns.dashboard.inbox')}</h2>
          <p>
            {overdue
              ? t('concerns.dashboard.overdue_summary', { count: overdue })
              : t('concerns.dashboard.none_overdue')}
          </p>
          <nav aria-label={t('concerns.dashboard.filter')}>
            <ul className="inline-list">
              {(['active', 'intake', 'open', 'closed'] as const).map((s) => (
                <li key={s}>
                  {s === status ? (
                    <strong aria-current="true">{t(`concerns.filter.${s}`)}</strong>
                  ) : (
                    <a href={`/${lang}/work/concerns?status=${s}`}>{t(`concerns.filter.${s}`)}</a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {inbox.items.length ? (
            <ScrollTable label={t('concerns.dashboard.inbox')}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('concerns.col.reference')}</th>
                    <th scope="col">{t('concerns.col.team')}</th>
                    <th scope="col">{t('concerns.col.arrived')}</th>
                    <th scope="col">{t('concerns.col.urgency')}</th>
                    <th scope="col">{t('concerns.col.status')}</th>
                    <th scope="col">{t('concerns.col.first_contact')}</th>
                    <th scope="col">{t('concerns.col.responsible')}</th>
                  </tr>
                </thead>
                <tbody>
                  {inbox.items.map((c) => (
                    <tr key={c.id} className={c.overdue.overdue ? 'row-overdue' : undefined}>
                      <td>
                        <a href={`/${lang}/work/concerns/cases/${c.id}`}>{c.reference}</a>
                        {c.deletionRequested ? (
                          <span className="hint"> {t('concerns.case.deletion_requested_short')}</span>
                        ) : null}
                      </td>
                      <td>{name(c.teamName, lang)}</td>
                      <td>
                        {dateTime(c.createdAt, lang)}, {municipalityName(c.municipality, lang)}
                      </td>
                      <td>
                        <UrgencyText urgency={c.urgency} />
                      </td>
                      <td>
                        {t(`concerns.status.${c.status}`)}
                        {c.outcome ? ` – ${t(`concerns.outcome.${c.outcome}`)}` : ''}
                      </td>
                      <td>
                        <DueText due={c.firstContactDue} overdue={c.overdue} firstContactAt={c.firstContactAt} />
                      </td>
                      <td>{c.responsibleName ?? t('concerns.case.nobody')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          ) : (
            <p>{t('concerns.dashboard.empty')}</p>
          )}
          {inbox.total > inbox.page * inbox.perPage || inbox.page > 1 ? (
            <p>
              {inbox.page > 1 ? (
                <a href={`/${lang}/work/concerns?status=${status}&page=${inbox.page - 1}`}>
                  {t('concerns.dashboard.previous')}
                </a>
              ) : null}{' '}
              {inbox.total > inbox.page * inbox.perPage ? (
                <a href={`/${lang}/work/concerns?status=${status}&page=${inbox.page + 1}`}>
                  {t('concerns.dashboard.next')}
                </a>
              ) : null}
            </p>
          ) : null}
        </section>
      ) : null}
      {agendas.map((a) => (
        <section key={a.teamId} aria-labelledby={`agenda-${a.teamId}`}>
          <h2 id={`agenda-${a.teamId}`}>
            {t('concerns.dashboard.agenda', { team: name(a.teamName, lang), date: day(a.nextMeeting, lang) })}
          </h2>
          {a.cases.length ? (
            <ul>
              {a.cases.map((c) => (
                <li key={c.id}>
                  <a href={`/${lang}/work/concerns/cases/${c.id}`}>{c.reference}</a>{' '}
                  {c.urgency === 'urgent' ? <UrgencyText urgency="urgent" /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('concerns.dashboard.agenda_empty')}</p>
          )}
          {a.canSetUp ? (
            <p>
              <a href={`/${lang}/work/concerns/teams/${a.teamId}/settings`}>{t('concerns.settings.link')}</a>
            </p>
          ) : null}
        </section>
      ))}
      <section>
        <h2 id="received-title">{t('referrals.received')}</h2>
        <ReferralTable items={received} label={t('referrals.received')} />
      </section>
      <section>
        <h2 id="sent-title">{t('referrals.sent')}</h2>
        <ReferralTable items={sent} label={t('referrals.sent')} />
      </section>
      {counts ? (
        <section>
          <h2 id="counts-title">{t('concerns.counts.title')}</h2>
          <p>{t('concerns.counts.intro')}</p>
          <ScrollTable label={t('concerns.counts.title')}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('concerns.col.team')}</th>
                  <th scope="col">{t('concerns.counts.intake')}</th>
                  <th scope="col">{t('concerns.counts.open')}</th>
                  <th scope="col">{t('concerns.counts.closed')}</th>
                  <th scope="col">{t('concerns.counts.urgent')}</th>
                  <th scope="col">{t('concerns.counts.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {counts.map((c) => (
                  <tr key={c.teamId ?? 'none'}>
                    <th scope="row">{c.teamId ? name(c.teamName, lang) : t('concerns.counts.unrouted')}</th>
                    <td>{c.intake}</td>
                    <td>{c.open}</td>
                    <td>{c.closed}</td>
                    <td>{c.urgent}</td>
                    <td>{c.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ) : null}
    </>
  );
}

/** What a form on the case page sent, when it comes back with problems. */
export interface Posted {
  section: string;
  values: Record<string, string>;
  errors: FormError[];
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="case-section" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function CaseForm({
  action,
  section,
  posted,
  submit,
  children,
}: {
  action: string;
  section: string;
  posted: Posted | null;
  submit: string;
  children: ReactNode;
}) {
  const { lang } = usePage();
  return (
    <form method="post" action={`/${lang}/work/concerns/cases/${action}`} noValidate>
      {posted?.section === section ? <ErrorSummary errors={posted.errors} /> : null}
      <CsrfField />
      {children}
      <button type="submit" className="button">
        {submit}
      </button>
    </form>
  );
}

export interface ReferralTarget {
  id: string;
  name: unknown;
  organizationName: unknown;
}

export function CasePage({
  c,
  referrals,
  targets,
  teams,
  posted,
  notice,
}: {
  c: CaseDetail;
  referrals: { id: string; status: string; serviceName: unknown; toTeamName: unknown; updatedAt: Date }[];
  targets: ReferralTarget[];
  teams: { id: string; name: unknown }[];
  posted: Posted | null;
  notice?: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const v = (section: string, field: string, fallback = '') =>
    posted?.section === section ? (posted.values[field] ?? '') : fallback;
  const e = (section: string) => (posted?.section === section ? posted.errors : []);
  const closed = c.status === 'closed';
  const members = c.members.map((m) => ({ value: m.id, label: m.name }));
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/concerns`, label: t('concerns.dashboard.title') },
          { label: c.reference },
        ]}
      />
      <h1>{t('concerns.case.title', { reference: c.reference })}</h1>
      {notice ? <Notice kind="success">{t(`concerns.notice.${notice}`)}</Notice> : null}
      {c.deletionRequestedAt ? (
        <Notice>{t('concerns.case.deletion_requested', { date: dateTime(c.deletionRequestedAt, lang) })}</Notice>
      ) : null}
      <SummaryList
        rows={[
          { key: 'team', label: t('concerns.col.team'), value: name(c.team.name, lang) },
          { key: 'status', label: t('concerns.col.status'), value: t(`concerns.status.${c.status}`) },
          { key: 'urgency', label: t('concerns.col.urgency'), value: <UrgencyText urgency={c.urgency} /> },
          {
            key: 'arrival',
            label: t('concerns.col.arrived'),
            value: `${dateTime(c.createdAt, lang)}${c.urgentOnArrival ? ` – ${t('concerns.case.urgent_on_arrival')}` : ''}`,
          },
          {
            key: 'due',
            label: t('concerns.col.first_contact'),
            value: <DueText due={c.firstContactDue} overdue={c.overdue} firstContactAt={c.firstContactAt} />,
          },
          { key: 'about', label: t('concerns.field.about'), value: c.about ? t(`concerns.about.${c.about}`) : '' },
          { key: 'age', label: t('concerns.field.age_group'), value: t(`concerns.age.${c.ageGroup}`) },
          {
            key: 'municipality',
            label: t('concerns.field.municipality'),
            value: municipalityName(c.municipality, lang),
          },
          { key: 'language', label: t('concerns.field.language'), value: t(`concerns.lang.${c.language}`) },
          {
            key: 'family',
            label: t('concerns.field.family_knows'),
            value: t(c.familyKnows ? 'concerns.family_knows.yes' : 'concerns.family_knows.no'),
          },
          {
            key: 'agrees',
            label: t('concerns.field.family_agrees_contact'),
            value:
              c.familyAgreesContact === null
                ? t('concerns.agrees.unknown')
                : t(c.familyAgreesContact ? 'concerns.agrees.yes' : 'concerns.agrees.no'),
          },
          {
            key: 'contact',
            label: t('concerns.field.contact'),
            value: c.anonymous
              ? t('concerns.anonymous.yes')
              : [c.contact.name, c.contact.email, c.contact.phone].filter(Boolean).join(', '),
          },
          { key: 'agenda', label: t('concerns.case.agenda'), value: c.agendaDate ? day(c.agendaDate, lang) : '' },
          { key: 'responsible', label: t('concerns.col.responsible'), value: c.responsible?.name ?? '' },
          { key: 'pair', label: t('concerns.case.pair'), value: c.pair?.name ?? '' },
          {
            key: 'outcome',
            label: t('concerns.case.outcome'),
            value: c.outcome ? t(`concerns.outcome.${c.outcome}`) : '',
          },
        ]}
      />
      <h2>{t('concerns.case.concern')}</h2>
      <p className="concern-text">{c.text}</p>

      <Section id="messages" title={t('concerns.case.messages')}>
        {c.messages.length ? (
          <ol className="concern-messages">
            {c.messages.map((m) => (
              <li key={m.id} className={`concern-message concern-message-${m.author}`}>
                <p className="concern-message-meta">
                  {m.author === 'team'
                    ? (m.personName ?? t('concerns.author.team'))
                    : t('concerns.author.resident_team_view')}
                  , {dateTime(m.at, lang)}
                </p>
                <p className="concern-text">{m.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('concerns.case.no_messages')}</p>
        )}
        {!closed ? (
          <CaseForm action={`${c.id}/reply`} section="reply" posted={posted} submit={t('concerns.case.send_reply')}>
            <TextArea
              name="reply"
              label={t('concerns.case.reply')}
              hint={t('concerns.case.reply_hint')}
              value={v('reply', 'reply')}
              errors={e('reply')}
            />
          </CaseForm>
        ) : null}
      </Section>

      {!closed ? (
        <Section id="triage" title={t('concerns.case.triage')}>
          <CaseForm action={`${c.id}/triage`} section="triage" posted={posted} submit={t('concerns.case.save_triage')}>
            <RadioField
              name="urgency"
              label={t('concerns.col.urgency')}
              options={URGENCIES.map((u) => ({ value: u, label: t(`concerns.urgency.${u}`) }))}
              value={v('triage', 'urgency', c.urgency ?? '')}
              errors={e('triage')}
            />
            <SelectField
              name="team"
              label={t('concerns.case.team')}
              hint={t('concerns.case.team_hint')}
              options={teams.map((tm) => ({ value: tm.id, label: name(tm.name, lang) }))}
              value={v('triage', 'team', c.team.id)}
              errors={e('triage')}
            />
            <CheckboxesField
              name="agenda"
              label={t('concerns.case.agenda')}
              options={[{ value: 'yes', label: t('concerns.case.to_agenda', { date: day(c.nextMeeting, lang) }) }]}
              values={v('triage', 'agenda', c.agendaDate === c.nextMeeting ? 'yes' : '') ? ['yes'] : []}
              errors={e('triage')}
            />
          </CaseForm>
        </Section>
      ) : null}

      <Section id="minutes" title={t('concerns.case.minutes')}>
        {c.minutes.length ? (
          <ul>
            {c.minutes.map((m) => (
              <li key={m.id}>
                <strong>{day(m.meetingDate, lang)}</strong> ({m.personName ?? ''}):{' '}
                <span className="concern-text">{m.body}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('concerns.case.no_minutes')}</p>
        )}
        <CaseForm action={`${c.id}/minutes`} section="minutes" posted={posted} submit={t('concerns.case.save_minutes')}>
          <TextField
            name="meeting_date"
            type="date"
            label={t('concerns.case.meeting_date')}
            value={v('minutes', 'meeting_date', c.agendaDate ?? c.nextMeeting)}
            errors={e('minutes')}
            className="input-medium"
          />
          <TextArea
            name="minutes"
            label={t('concerns.case.minutes_text')}
            value={v('minutes', 'minutes')}
            errors={e('minutes')}
          />
        </CaseForm>
      </Section>

      {!closed ? (
        <Section id="assign" title={t('concerns.case.workers')}>
          <CaseForm action={`${c.id}/assign`} section="assign" posted={posted} submit={t('concerns.case.save_workers')}>
            <SelectField
              name="responsible"
              label={t('concerns.col.responsible')}
              options={members}
              value={v('assign', 'responsible', c.responsible?.id ?? '')}
              emptyLabel={t('concerns.field.choose')}
              errors={e('assign')}
            />
            <SelectField
              name="pair"
              label={t('concerns.case.pair')}
              options={members}
              value={v('assign', 'pair', c.pair?.id ?? '')}
              emptyLabel={t('concerns.case.no_pair')}
              errors={e('assign')}
            />
          </CaseForm>
        </Section>
      ) : null}

      <Section id="plan" title={t('concerns.case.plan')}>
        {closed && c.plan ? (
          <SummaryList
            rows={[
              {
                key: 'g',
                label: t('concerns.case.goals'),
                value: <span className="concern-text">{c.plan.goals}</span>,
              },
              {
                key: 't',
                label: t('concerns.case.tasks'),
                value: <span className="concern-text">{c.plan.tasks}</span>,
              },
              { key: 'r', label: t('concerns.case.review_date'), value: day(c.plan.reviewDate, lang) },
            ]}
          />
        ) : null}
        {!closed ? (
          <CaseForm action={`${c.id}/plan`} section="plan" posted={posted} submit={t('concerns.case.save_plan')}>
            <TextArea
              name="goals"
              label={t('concerns.case.goals')}
              value={v('plan', 'goals', c.plan?.goals ?? '')}
              errors={e('plan')}
            />
            <TextArea
              name="tasks"
              label={t('concerns.case.tasks')}
              hint={t('concerns.case.tasks_hint')}
              value={v('plan', 'tasks', c.plan?.tasks ?? '')}
              errors={e('plan')}
            />
            <TextField
              name="review_date"
              type="date"
              label={t('concerns.case.review_date')}
              value={v('plan', 'review_date', c.plan?.reviewDate ?? '')}
              errors={e('plan')}
              className="input-medium"
            />
          </CaseForm>
        ) : null}
      </Section>

      <Section id="follow-up" title={t('concerns.case.follow_up')}>
        {!c.firstContactAt && !closed ? (
          <CaseForm
            action={`${c.id}/first-contact`}
            section="first_contact"
            posted={posted}
            submit={t('concerns.case.record_first_contact')}
          >
            <p>{t('concerns.case.first_contact_hint')}</p>
          </CaseForm>
        ) : null}
        {c.followUps.length ? (
          <ul>
            {c.followUps.map((f) => (
              <li key={f.id}>
                {dateTime(f.at, lang)} ({f.personName ?? ''}): <span className="concern-text">{f.body}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {!closed ? (
          <CaseForm
            action={`${c.id}/follow-up`}
            section="follow_up"
            posted={posted}
            submit={t('concerns.case.save_follow_up')}
          >
            <TextArea
              name="follow_up"
              label={t('concerns.case.follow_up_text')}
              value={v('follow_up', 'follow_up')}
              errors={e('follow_up')}
              rows={3}
            />
          </CaseForm>
        ) : null}
      </Section>

      <Section id="referrals" title={t('referrals.title')}>
        {referrals.length ? (
          <ul>
            {referrals.map((r) => (
              <li key={r.id}>
                <a href={`/${lang}/work/referrals/${r.id}`}>
                  {name(r.serviceName, lang)} ({name(r.toTeamName, lang)})
                </a>
                : {t(`referrals.status.${r.status}`)}, {dateTime(r.updatedAt, lang)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('referrals.none')}</p>
        )}
        {!closed ? (
          <CaseForm action={`${c.id}/referrals`} section="referral" posted={posted} submit={t('referrals.send')}>
            <SelectField
              name="service"
              label={t('referrals.field.service')}
              hint={t('referrals.field.service_hint')}
              options={targets.map((s) => ({
                value: s.id,
                label: `${name(s.name, lang)} – ${name(s.organizationName, lang)}`,
              }))}
              value={v('referral', 'service')}
              emptyLabel={t('concerns.field.choose')}
              errors={e('referral')}
            />
            <RadioField
              name="basis"
              label={t('referrals.field.basis')}
              options={[
                { value: 'consent', label: t('referrals.basis.consent') },
                { value: 'legal_basis', label: t('referrals.basis.legal_basis') },
              ]}
              value={v('referral', 'basis')}
              errors={e('referral')}
            />
            <TextArea
              name="basis_note"
              label={t('referrals.field.basis_note')}
              hint={t('referrals.field.basis_note_hint')}
              value={v('referral', 'basis_note')}
              errors={e('referral')}
              rows={2}
            />
            <TextArea
              name="message"
              label={t('referrals.field.message')}
              hint={t('referrals.field.message_hint')}
              value={v('referral', 'message')}
              errors={e('referral')}
            />
            <TextArea
              name="contact"
              label={t('referrals.field.contact')}
              hint={t('referrals.field.contact_hint')}
              value={v(
                'referral',
                'contact',
                c.familyAgreesContact && !c.anonymous
                  ? [c.contact.name, c.contact.email, c.contact.phone].filter(Boolean).join(', ')
                  : '',
              )}
              errors={e('referral')}
              rows={2}
            />
          </CaseForm>
        ) : null}
      </Section>

      {!closed ? (
        <Section id="close" title={t('concerns.case.close')}>
          <CaseForm action={`${c.id}/close`} section="close" posted={posted} submit={t('concerns.case.close_button')}>
            <RadioField
              name="outcome"
              label={t('concerns.case.outcome')}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`concerns.outcome.${o}`) }))}
              value={v('close', 'outcome')}
              errors={e('close')}
            />
          </CaseForm>
        </Section>
      ) : null}
    </>
  );
}

export function ReferralPage({ r, posted, notice }: { r: ReferralDetail; posted: Posted | null; notice?: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/concerns`, label: t('concerns.dashboard.title') },
          { label: t('referrals.page_title', { reference: r.reference }) },
        ]}
      />
      <h1>{t('referrals.page_title', { reference: r.reference })}</h1>
      {notice ? <Notice kind="success">{t(`referrals.notice.${notice}`)}</Notice> : null}
      <SummaryList
        rows={[
          { key: 'status', label: t('referrals.col.status'), value: t(`referrals.status.${r.status}`) },
          { key: 'service', label: t('referrals.col.service'), value: name(r.serviceName, lang) },
          { key: 'from', label: t('referrals.col.from'), value: name(r.fromTeamName, lang) },
          { key: 'to', label: t('referrals.col.to'), value: name(r.toTeamName, lang) },
          {
            key: 'basis',
            label: t('referrals.field.basis'),
            value: `${t(`referrals.basis.${r.basis}`)}: ${r.basisNote}`,
          },
          {
            key: 'message',
            label: t('referrals.field.message'),
            value: <span className="concern-text">{r.message}</span>,
          },
          { key: 'contact', label: t('referrals.field.contact'), value: r.contact ?? t('referrals.no_contact') },
        ]}
      />
      {r.side.sender ? (
        <p>
          <a href={`/${lang}/work/concerns/cases/${r.caseId}`}>{t('referrals.back_to_case')}</a>
        </p>
      ) : null}
      <h2>{t('referrals.steps')}</h2>
      <ol>
        {r.events.map((e, i) => (
          <li key={i}>
            <strong>{t(`referrals.status.${e.status}`)}</strong> – {dateTime(e.at, lang)}, {e.personName ?? ''} (
            {name(e.teamName, lang)}){e.note ? <span className="concern-text">: {e.note}</span> : null}
          </li>
        ))}
      </ol>
      {r.nextSteps.length ? (
        <form method="post" action={`/${lang}/work/referrals/${r.id}/answer`} noValidate>
          <h2>{t('referrals.answer')}</h2>
          {posted?.section === 'answer' ? <ErrorSummary errors={posted.errors} /> : null}
          <CsrfField />
          <RadioField
            name="status"
            label={t('referrals.field.next_step')}
            options={r.nextSteps.map((s) => ({ value: s, label: t(`referrals.step.${s}`) }))}
            value={posted?.section === 'answer' ? (posted.values.status ?? '') : ''}
            errors={posted?.section === 'answer' ? posted.errors : []}
          />
          <TextArea
            name="note"
            label={t('referrals.field.note')}
            hint={t('referrals.field.note_hint')}
            value={posted?.section === 'answer' ? (posted.values.note ?? '') : ''}
            errors={posted?.section === 'answer' ? posted.errors : []}
            rows={3}
          />
          <button type="submit" className="button">
            {t('referrals.save_step')}
          </button>
        </form>
      ) : null}
      {r.withdrawable ? (
        <form method="post" action={`/${lang}/work/referrals/${r.id}/withdraw`} noValidate>
          <h2>{t('referrals.withdraw_title')}</h2>
          <CsrfField />
          <TextArea name="note" label={t('referrals.field.withdraw_note')} value="" rows={2} />
          <button type="submit" className="button button-secondary">
            {t('referrals.withdraw')}
          </button>
        </form>
      ) : null}
    </>
  );
}

export function SettingsPage({
  teamName,
  settings,
  errors,
}: {
  teamName: unknown;
  settings: TeamSettings;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/concerns`, label: t('concerns.dashboard.title') },
          { label: t('concerns.settings.title', { team: name(teamName, lang) }) },
        ]}
      />
      <h1>{t('concerns.settings.title', { team: name(teamName, lang) })}</h1>
      <form method="post" action={`/${lang}/work/concerns/teams/${settings.teamId}/settings`} noValidate>
        <ErrorSummary errors={errors} />
        <CsrfField />
        <CheckboxesField
          name="municipalities"
          label={t('concerns.settings.municipalities')}
          hint={t('concerns.settings.municipalities_hint')}
          options={sortedMunicipalities(lang).map((m) => ({
            value: m.code,
            label: lang === 'sv' ? m.name.sv : m.name.fi,
          }))}
          values={settings.municipalities}
          errors={errors}
          columns
        />
        <CheckboxesField
          name="languages"
          label={t('concerns.settings.languages')}
          options={LANGS.map((l) => ({ value: l, label: t(`concerns.lang.${l}`) }))}
          values={settings.languages}
          errors={errors}
        />
        <TextField
          name="first_contact_days"
          type="number"
          min={1}
          max={30}
          label={t('concerns.settings.days')}
          hint={t('concerns.settings.days_hint')}
          value={String(settings.firstContactDays)}
          errors={errors}
          className="input-short"
        />
        <SelectField
          name="meeting_weekday"
          label={t('concerns.settings.weekday')}
          options={[1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: t(`concerns.weekday.${d}`) }))}
          value={String(settings.meetingWeekday)}
          errors={errors}
        />
        <CheckboxesField
          name="receives_referrals"
          label={t('concerns.settings.referrals')}
          options={[{ value: 'yes', label: t('concerns.settings.referrals_yes') }]}
          values={settings.receivesReferrals ? ['yes'] : []}
          errors={errors}
        />
        <button type="submit" className="button">
          {t('concerns.settings.save')}
        </button>
      </form>
    </>
  );
}

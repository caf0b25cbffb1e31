/**
 * The professionals' e-advice pages: the answer pool of their teams, one question (claim, answer, hand over,
 * consult a colleague, publish an anonymised Q&A), and the routing settings with counts for coordinators and
 * organisation admins. Every form works without JavaScript.
 */
import { useTranslation } from '../../useTranslation.js';
import type { ConsultationSummary } from '../../../core/questions/consultations.js';
import type { RouteRow } from '../../../core/questions/routing.js';
import type { PoolItem, QuestionDetail, QuestionStatus } from '../../../core/questions/types.js';
import { LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';
import { LANGS } from '../../../core/shared/lang.js';
import { Breadcrumbs, ScrollTable, SummaryList } from '../../components/common.js';
import {
  CsrfField,
  ErrorSummary,
  type FormError,
  Notice,
  SelectField,
  TextArea,
  TextField,
} from '../../components/forms.js';
import { Pager } from '../../components/Pager.js';
import { usePage } from '../../context.js';
import { municipalityName, sortedMunicipalities } from '../../format.js';
import { Messages, useLabels, When } from './parts.js';

export const STATUSES: QuestionStatus[] = ['open', 'claimed', 'answered'];

export function PoolPage({
  items,
  total,
  page,
  perPage,
  status,
  consultations,
  mayRoute,
  answering,
  handedOver = false,
}: {
  items: PoolItem[];
  total: number;
  page: number;
  perPage: number;
  status: string;
  consultations: ConsultationSummary[];
  mayRoute: boolean;
  answering: boolean;
  handedOver?: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const labels = useLabels(lang);
  const href = (p: number) => `/${lang}/work/questions?${status ? `status=${status}&` : ''}page=${p}`;
  return (
    <>
      <Breadcrumbs items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('questions.pool.title') }]} />
      <h1>{t('questions.pool.title')}</h1>
      {handedOver ? <Notice kind="success">{t('questions.notice.handed_over')}</Notice> : null}
      <p className="lead">{t('questions.pool.lead')}</p>
      {mayRoute ? (
        <p>
          <a href={`/${lang}/work/questions/routing`}>{t('questions.routing.link')}</a>
        </p>
      ) : null}
      {answering ? (
        <>
          <form method="get" action={`/${lang}/work/questions`} className="questions-filter">
            <SelectField
              name="status"
              label={t('questions.field.status')}
              options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
              value={status}
              emptyLabel={t('questions.pool.all_statuses')}
            />
            <button type="submit" className="button button-secondary">
              {t('questions.pool.filter')}
            </button>
          </form>
          <p>{t('questions.pool.count', { count: total })}</p>
          {items.length ? (
            <ScrollTable label={t('questions.pool.title')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('questions.field.reference')}</th>
                    <th scope="col">{t('questions.field.topic')}</th>
                    <th scope="col">{t('questions.field.municipality')}</th>
                    <th scope="col">{t('questions.field.language')}</th>
                    <th scope="col">{t('questions.field.status')}</th>
                    <th scope="col">{t('questions.field.claimed_by')}</th>
                    <th scope="col">{t('questions.field.last_message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((q) => (
                    <tr key={q.id}>
                      <td>
                        <a href={`/${lang}/work/questions/${q.id}`}>{q.reference}</a>
                      </td>
                      <td>{labels.topic(q.topic)}</td>
                      <td>{labels.municipality(q.municipality)}</td>
                      <td>{labels.language(q.language)}</td>
                      <td>{labels.status(q.status)}</td>
                      <td>{q.claimedBy ?? '–'}</td>
                      <td>
                        <When at={q.lastMessageAt} lang={lang} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          ) : (
            <p>{t('questions.pool.empty')}</p>
          )}
          <Pager page={page} perPage={perPage} total={total} href={href} />
        </>
      ) : (
        <p>{t('questions.pool.no_team')}</p>
      )}
      <h2>{t('questions.consult.list_title')}</h2>
      {consultations.length ? (
        <ul>
          {consultations.map((c) => (
            <li key={c.id}>
              <a href={`/${lang}/work/questions/${c.questionId}#consultation-${c.id}`}>{c.reference}</a> –{' '}
              {c.role === 'consultant'
                ? t('questions.consult.asked_by', { name: c.requestedBy })
                : t('questions.consult.asked_of', { name: c.consultant })}{' '}
              ({t('questions.consult.messages', { count: c.messages })})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('questions.consult.none')}</p>
      )}
    </>
  );
}

export interface QuestionForms {
  answer: string;
  team: string;
  consultant: string;
  consultationText: string;
  qaQuestion: string;
  qaAnswer: string;
  replyTo: string;
  replyText: string;
}

export const emptyForms = (q?: QuestionDetail): QuestionForms => ({
  answer: '',
  team: '',
  consultant: '',
  consultationText: '',
  qaQuestion: q?.text ?? '',
  qaAnswer: q ? ([...q.messages].reverse().find((m) => m.author === 'professional')?.text ?? '') : '',
  replyTo: '',
  replyText: '',
});

const NOTICE_KEYS = ['claimed', 'answered', 'handed_over', 'consulted', 'consult_replied', 'published'] as const;
export type QuestionNotice = (typeof NOTICE_KEYS)[number];
export const isQuestionNotice = (v: string): v is QuestionNotice => (NOTICE_KEYS as readonly string[]).includes(v);

export function QuestionPage({
  q,
  forms,
  errors,
  notice,
  teams,
  personId,
}: {
  q: QuestionDetail;
  forms: QuestionForms;
  errors: FormError[];
  notice: QuestionNotice | null;
  teams: { id: string; name: string }[];
  personId: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const labels = useLabels(lang);
  const base = `/${lang}/work/questions/${q.id}`;
  const team = q.view === 'team';
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/questions`, label: t('questions.pool.title') },
          { label: q.reference },
        ]}
      />
      <h1>{t('questions.detail.title', { reference: q.reference })}</h1>
      {notice ? <Notice kind="success">{t(`questions.notice.${notice}`)}</Notice> : null}
      <p className="hint">{t('questions.detail.audited')}</p>
      {!team ? <p className="warning-box">{t('questions.detail.consultant_view')}</p> : null}
      <SummaryList
        rows={[
          { key: 'topic', label: t('questions.field.topic'), value: labels.topic(q.topic) },
          { key: 'municipality', label: t('questions.field.municipality'), value: labels.municipality(q.municipality) },
          { key: 'language', label: t('questions.field.language'), value: labels.language(q.language) },
          { key: 'status', label: t('questions.field.status'), value: labels.status(q.status) },
          { key: 'claimed', label: t('questions.field.claimed_by'), value: q.claimedBy ?? '–' },
          {
            key: 'email',
            label: t('questions.field.notification'),
            value: q.hasEmail ? t('questions.detail.email_yes') : t('questions.detail.email_no'),
          },
          {
            key: 'consent',
            label: t('questions.field.consent_legend'),
            value: q.publishConsent ? t('questions.detail.consent_yes') : t('questions.detail.consent_no'),
          },
        ]}
      />
      <ErrorSummary errors={errors} />
      <Messages lang={lang} question={q.text} askedAt={q.askedAt} messages={q.messages} />
      {team ? (
        <>
          {q.claimedBy === null || q.status === 'open' ? (
            <form method="post" action={`${base}/claim`}>
              <CsrfField />
              <button type="submit" className="button button-secondary">
                {t('questions.detail.claim')}
              </button>
            </form>
          ) : null}
          <section aria-labelledby="answer-title">
            <h2 id="answer-title">{t('questions.detail.answer_title')}</h2>
            <form method="post" action={`${base}/answer`} noValidate>
              <CsrfField />
              <TextArea
                name="answer"
                label={t('questions.detail.answer_label')}
                hint={t('questions.detail.answer_hint')}
                value={forms.answer}
                rows={8}
                errors={errors}
              />
              <button type="submit" className="button">
                {t('questions.detail.answer_submit')}
              </button>
            </form>
          </section>
          <section aria-labelledby="handover-title">
            <h2 id="handover-title">{t('questions.detail.handover_title')}</h2>
            <form method="post" action={`${base}/handover`} noValidate>
              <CsrfField />
              <SelectField
                name="team"
                label={t('questions.detail.handover_label')}
                options={teams.filter((x) => x.id !== q.holdingTeamId).map((x) => ({ value: x.id, label: x.name }))}
                value={forms.team}
                emptyLabel={t('questions.field.choose')}
                errors={errors}
              />
              <button type="submit" className="button button-secondary">
                {t('questions.detail.handover_submit')}
              </button>
            </form>
          </section>
        </>
      ) : null}
      <section aria-labelledby="consult-title">
        <h2 id="consult-title">{t('questions.consult.title')}</h2>
        <p>{t('questions.consult.lead')}</p>
        {q.consultations.map((c) => (
          <article key={c.id} id={`consultation-${c.id}`} className="row-group">
            <h3>{t('questions.consult.thread', { from: c.requestedBy.name, to: c.consultant.name })}</h3>
            <ol className="plain questions-messages">
              {c.messages.map((m) => (
                <li key={m.id} className="questions-message questions-message-pro">
                  <p className="questions-message-meta">
                    <strong>{m.authorName ?? t('questions.conversation.someone')}</strong> ·{' '}
                    <When at={m.at} lang={lang} />
                  </p>
                  <p className="questions-message-text">{m.text}</p>
                </li>
              ))}
            </ol>
            {team || c.consultant.id === personId ? (
              <form method="post" action={`/${lang}/work/consultations/${c.id}/reply`} noValidate>
                <CsrfField />
                <TextArea
                  name="text"
                  id={`reply-${c.id}`}
                  label={t('questions.consult.reply_label')}
                  value={forms.replyTo === c.id ? forms.replyText : ''}
                  rows={3}
                  errors={errors}
                />
                <button type="submit" className="button button-secondary">
                  {t('questions.consult.reply_submit')}
                </button>
              </form>
            ) : null}
          </article>
        ))}
        {team ? (
          <form method="post" action={`${base}/consult`} noValidate>
            <CsrfField />
            <TextField
              name="consultant"
              type="email"
              label={t('questions.consult.consultant_label')}
              hint={t('questions.consult.consultant_hint')}
              value={forms.consultant}
              errors={errors}
            />
            <TextArea
              name="consultation_text"
              label={t('questions.consult.text_label')}
              value={forms.consultationText}
              rows={4}
              errors={errors}
            />
            <button type="submit" className="button button-secondary">
              {t('questions.consult.submit')}
            </button>
          </form>
        ) : null}
      </section>
      {team ? (
        <section aria-labelledby="publish-title">
          <h2 id="publish-title">{t('questions.publish.title')}</h2>
          {q.publishConsent && q.status === 'answered' ? (
            <form method="post" action={`${base}/publish`} noValidate>
              <CsrfField />
              <p>{q.published ? t('questions.publish.already') : t('questions.publish.lead')}</p>
              <TextArea
                name="qa_question"
                label={t('questions.publish.question_label')}
                hint={t('questions.publish.anonymise_hint')}
                value={forms.qaQuestion}
                rows={5}
                errors={errors}
              />
              <TextArea
                name="qa_answer"
                label={t('questions.publish.answer_label')}
                hint={t('questions.publish.anonymise_hint')}
                value={forms.qaAnswer}
                rows={8}
                errors={errors}
              />
              <button type="submit" className="button button-secondary">
                {t('questions.publish.submit')}
              </button>
            </form>
          ) : (
            <p>{q.publishConsent ? t('questions.publish.not_answered') : t('questions.publish.no_consent')}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

export interface RouteForm {
  team: string;
  municipality: string;
  topic: string;
  language: string;
}

export function RoutingPage({
  routes,
  teams,
  counts,
  form,
  errors,
  notice,
}: {
  routes: RouteRow[];
  teams: { id: string; name: string }[];
  counts: { municipality: string; status: QuestionStatus; count: number; unrouted: number }[];
  form: RouteForm;
  errors: FormError[];
  notice: 'added' | 'removed' | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const labels = useLabels(lang);
  const municipalities = [...new Set(counts.map((c) => c.municipality))];
  const count = (m: string, s: QuestionStatus) =>
    counts.find((c) => c.municipality === m && c.status === s)?.count ?? 0;
  const unrouted = (m: string) => counts.filter((c) => c.municipality === m).reduce((n, c) => n + c.unrouted, 0);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/questions`, label: t('questions.pool.title') },
          { label: t('questions.routing.title') },
        ]}
      />
      <h1>{t('questions.routing.title')}</h1>
      <p className="lead">{t('questions.routing.lead')}</p>
      {notice ? <Notice kind="success">{t(`questions.notice.route_${notice}`)}</Notice> : null}
      <h2>{t('questions.routing.routes_title')}</h2>
      {routes.length ? (
        <ScrollTable label={t('questions.routing.routes_title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('questions.routing.team')}</th>
                <th scope="col">{t('questions.field.municipality')}</th>
                <th scope="col">{t('questions.field.topic')}</th>
                <th scope="col">{t('questions.field.language')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('questions.routing.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {routes.map((r) => (
                <tr key={r.id}>
                  <td>{r.teamName}</td>
                  <td>{labels.municipality(r.municipality)}</td>
                  <td>{r.topic ? labels.topic(r.topic) : t('questions.routing.every_topic')}</td>
                  <td>{labels.language(r.language)}</td>
                  <td>
                    <form method="post" action={`/${lang}/work/questions/routing/${r.id}/delete`}>
                      <CsrfField />
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={t('questions.routing.remove_named', {
                          team: r.teamName,
                          municipality: labels.municipality(r.municipality),
                        })}
                      >
                        {t('questions.routing.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : (
        <p>{t('questions.routing.none')}</p>
      )}
      <h2>{t('questions.routing.add_title')}</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/${lang}/work/questions/routing`} noValidate>
        <CsrfField />
        <SelectField
          name="team"
          label={t('questions.routing.team')}
          options={teams.map((x) => ({ value: x.id, label: x.name }))}
          value={form.team}
          emptyLabel={t('questions.field.choose')}
          errors={errors}
        />
        <SelectField
          name="municipality"
          label={t('questions.field.municipality')}
          options={sortedMunicipalities(lang).map((m) => ({ value: m.code, label: municipalityName(m.code, lang) }))}
          value={form.municipality}
          emptyLabel={t('questions.field.choose')}
          errors={errors}
        />
        <SelectField
          name="topic"
          label={t('questions.field.topic')}
          options={LIFE_SITUATIONS.map((c) => ({ value: c, label: labels.topic(c) }))}
          value={form.topic}
          emptyLabel={t('questions.routing.every_topic')}
          errors={errors}
        />
        <SelectField
          name="language"
          label={t('questions.field.language')}
          options={LANGS.map((l) => ({ value: l, label: labels.language(l) }))}
          value={form.language}
          errors={errors}
        />
        <button type="submit" className="button">
          {t('questions.routing.add_submit')}
        </button>
      </form>
      <h2>{t('questions.routing.counts_title')}</h2>
      <p>{t('questions.routing.counts_lead')}</p>
      {municipalities.length ? (
        <ScrollTable label={t('questions.routing.counts_title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('questions.field.municipality')}</th>
                {STATUSES.map((s) => (
                  <th key={s} scope="col">
                    {labels.status(s)}
                  </th>
                ))}
                <th scope="col">{t('questions.routing.unrouted')}</th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <tr key={m}>
                  <th scope="row">{labels.municipality(m)}</th>
                  {STATUSES.map((s) => (
                    <td key={s}>{count(m, s)}</td>
                  ))}
                  <td>{unrouted(m)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : (
        <p>{t('questions.routing.no_questions')}</p>
      )}
    </>
  );
}

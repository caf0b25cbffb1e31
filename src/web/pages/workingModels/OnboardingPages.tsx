/**
 * Onboarding (signed-in professionals): my paths and, for a team's lead, the team's members with their progress;
 * one path with its items — the member ticks them off, the lead adds and removes them. Forms work without
 * JavaScript (post, redirect, the confirmation focused).
 */
import { useTranslation } from '../../useTranslation.js';
import type { PathDetail, TeamOnboarding } from '../../../core/onboarding/onboarding.js';
import type { Translated } from '../../../core/shared/lang.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import { CsrfField, ErrorSummary, RadioField, SelectField, TextArea, type FormError } from '../../components/forms.js';
import { usePage } from '../../context.js';

function Progress({ done, total, label }: { done: number; total: number; label: string }) {
  const { t } = useTranslation();
  return (
    <span className="wm-progress">
      <progress max={Math.max(total, 1)} value={done} aria-label={label} />{' '}
      {t('workingModels.onboarding.progress', { done, total })}
    </span>
  );
}

function SavedNotice({ notice }: { notice: string | null | undefined }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    // eslint-disable-next-line jsx-a11y/no-autofocus -- the confirmation after a save is where focus belongs
    <div id="wm-notice" className="notice notice-success" role="status" tabIndex={-1} autoFocus>
      {t(`workingModels.notice.${notice}`)}
    </div>
  );
}

export function OnboardingPage({
  mine,
  teams,
}: {
  mine: (PathDetail & { teamName: Translated })[];
  teams: TeamOnboarding[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('workingModels.onboarding.title') }]}
      />
      <h1>{t('workingModels.onboarding.title')}</h1>
      <p className="lead">{t('workingModels.onboarding.lead')}</p>
      <section aria-labelledby="ob-mine">
        <h2 id="ob-mine">{t('workingModels.onboarding.mine')}</h2>
        {mine.length ? (
          <ul className="pg-plain-list">
            {mine.map((p) => (
              <li key={p.id}>
                <a href={`/${lang}/work/onboarding/${p.id}`}>{pick(p.teamName, lang)}</a>{' '}
                <Progress done={p.done} total={p.total} label={pick(p.teamName, lang)} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('workingModels.onboarding.none_mine')}</p>
        )}
      </section>
      {teams.length ? (
        <section aria-labelledby="ob-teams">
          <h2 id="ob-teams">{t('workingModels.onboarding.teams')}</h2>
          <ul className="pg-plain-list">
            {teams.map((x) => (
              <li key={x.team.id}>
                <a href={`/${lang}/work/onboarding/teams/${x.team.id}`}>{pick(x.team.name, lang)}</a>{' '}
                {t('workingModels.onboarding.paths_count', { count: x.members.filter((m) => m.path).length })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function TeamOnboardingPage({ team, errors }: { team: TeamOnboarding; errors: FormError[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const name = pick(team.team.name, lang);
  const without = team.members.filter((m) => !m.path);
  return (
    <>
      <Breadcrumbs
        items={[{ href: `/${lang}/work/onboarding`, label: t('workingModels.onboarding.title') }, { label: name }]}
      />
      <ErrorSummary errors={errors} />
      <h1>{t('workingModels.onboarding.team_title', { name })}</h1>
      <table className="data">
        <caption>{t('workingModels.onboarding.members_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workingModels.onboarding.member')}</th>
            <th scope="col">{t('workingModels.onboarding.path')}</th>
          </tr>
        </thead>
        <tbody>
          {team.members.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td>
                {m.path ? (
                  <>
                    <a href={`/${lang}/work/onboarding/${m.path.id}`}>
                      {t('workingModels.onboarding.open_path')}
                      <span className="visually-hidden">: {m.name}</span>
                    </a>{' '}
                    <Progress done={m.path.done} total={m.path.total} label={m.name} />
                  </>
                ) : (
                  t('workingModels.onboarding.no_path')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {without.length ? (
        <form method="post" action={`/${lang}/work/onboarding/teams/${team.team.id}/paths`} noValidate>
          <CsrfField />
          <h2>{t('workingModels.onboarding.new_path')}</h2>
          <SelectField
            name="person"
            label={t('workingModels.onboarding.member')}
            value=""
            errors={errors}
            options={without.map((m) => ({ value: m.id, label: m.name }))}
          />
          <button type="submit" className="button">
            {t('workingModels.onboarding.create')}
          </button>
        </form>
      ) : null}
    </>
  );
}

export interface ItemChoices {
  models: { id: string; name: Translated }[];
  people: { id: string; name: string }[];
  services: { id: string; name: Translated }[];
}

export function PathPage({
  path,
  choices,
  errors,
  form,
  notice,
}: {
  path: PathDetail;
  choices: ItemChoices | null;
  errors: FormError[];
  form: { kind: string; model: string; person: string; service: string; note: string };
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const team = pick(path.team.name, lang);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work/onboarding`, label: t('workingModels.onboarding.title') },
          ...(path.lead ? [{ href: `/${lang}/work/onboarding/teams/${path.team.id}`, label: team }] : []),
          { label: path.person.name },
        ]}
      />
      <SavedNotice notice={notice} />
      <ErrorSummary errors={errors} />
      <h1>{t('workingModels.onboarding.path_title', { name: path.person.name, team })}</h1>
      <p>
        <Progress done={path.done} total={path.total} label={t('workingModels.onboarding.path')} />
      </p>
      {path.items.length ? (
        <ol className="ob-items">
          {path.items.map((i) => (
            <li key={i.id} id={`item-${i.id}`} className={i.done ? 'ob-done' : undefined}>
              <span className="ob-kind">{t(`workingModels.onboarding.kind.${i.kind}`)}:</span>{' '}
              {i.workingModel ? (
                <a href={`/${lang}/working-models/${i.workingModel.key}`}>
                  <LangText value={i.workingModel.name} />
                </a>
              ) : null}
              {i.person ? (
                <>
                  <a href={`/${lang}/work/people?q=${encodeURIComponent(i.person.name)}`}>{i.person.name}</a>
                  {pick(i.person.title, lang) ? `, ${pick(i.person.title, lang)}` : ''} –{' '}
                  <a href={`mailto:${i.person.email}`}>{i.person.email}</a>
                  {i.person.phone ? `, ${i.person.phone}` : ''}
                </>
              ) : null}
              {i.service ? (
                <a href={`/${lang}/services/${i.service.id}`}>
                  <LangText value={i.service.name} />
                </a>
              ) : null}
              {i.note ? <p className="ob-note">{i.note}</p> : null}
              <p className="ob-state">
                {i.done ? t('workingModels.onboarding.done') : t('workingModels.onboarding.not_done')}
              </p>
              {path.mine ? (
                <form method="post" action={`/${lang}/work/onboarding/items/${i.id}/done`} className="ob-inline">
                  <CsrfField />
                  <input type="hidden" name="done" value={i.done ? '0' : '1'} />
                  <button type="submit" className="button button-secondary button-small">
                    {i.done ? t('workingModels.onboarding.undo') : t('workingModels.onboarding.tick')}
                    <span className="visually-hidden">
                      : {t(`workingModels.onboarding.kind.${i.kind}`)} {i.id.slice(0, 4)}
                    </span>
                  </button>
                </form>
              ) : null}
              {path.lead ? (
                <form method="post" action={`/${lang}/work/onboarding/items/${i.id}/remove`} className="ob-inline">
                  <CsrfField />
                  <button type="submit" className="button button-secondary button-small">
                    {t('workingModels.onboarding.remove')}
                    <span className="visually-hidden">
                      : {t(`workingModels.onboarding.kind.${i.kind}`)} {i.id.slice(0, 4)}
                    </span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('workingModels.onboarding.empty')}</p>
      )}
      {path.lead && choices ? (
        <form method="post" action={`/${lang}/work/onboarding/${path.id}/items`} className="ob-add" noValidate>
          <CsrfField />
          <h2>{t('workingModels.onboarding.add_title')}</h2>
          <RadioField
            name="kind"
            label={t('workingModels.onboarding.kind_label')}
            value={form.kind || 'working_model'}
            errors={errors}
            options={(['working_model', 'person', 'service', 'task'] as const).map((k) => ({
              value: k,
              label: t(`workingModels.onboarding.kind.${k}`),
            }))}
          />
          <SelectField
            name="working_model"
            label={t('workingModels.onboarding.kind.working_model')}
            value={form.model}
            errors={errors}
            emptyLabel={t('workingModels.onboarding.choose')}
            options={choices.models.map((m) => ({ value: m.id, label: pick(m.name, lang) }))}
          />
          <SelectField
            name="person"
            label={t('workingModels.onboarding.kind.person')}
            value={form.person}
            errors={errors}
            emptyLabel={t('workingModels.onboarding.choose')}
            options={choices.people.map((p) => ({ value: p.id, label: p.name }))}
          />
          <SelectField
            name="service"
            label={t('workingModels.onboarding.kind.service')}
            value={form.service}
            errors={errors}
            emptyLabel={t('workingModels.onboarding.choose')}
            options={choices.services.map((s) => ({ value: s.id, label: pick(s.name, lang) }))}
          />
          <TextArea
            name="note"
            label={t('workingModels.onboarding.note')}
            hint={t('workingModels.onboarding.note_hint')}
            value={form.note}
            errors={errors}
          />
          <button type="submit" className="button">
            {t('workingModels.onboarding.add')}
          </button>
        </form>
      ) : null}
    </>
  );
}

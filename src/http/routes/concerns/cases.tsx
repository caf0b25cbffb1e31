/**
 * The concern team's workspace (signed in): the dashboard, a case and its steps as forms (post/redirect/get; a form
 * with problems comes back with them and what was typed), a team's settings, and the JSON inbox and case. The core
 * decides who may see what: only the holding team reads a case; coordinators get counts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { authorize, can } from '../../../core/access/permissions.js';
import {
  addFollowUp,
  assignCase,
  caseCounts,
  caseInbox,
  closeCase,
  readCase,
  recordFirstContact,
  recordMinutes,
  replyToResident,
  savePlan,
  triageCase,
  type InboxStatus,
} from '../../../core/concerns/cases.js';
import { canSetUpTeam, handlingTeams } from '../../../core/concerns/policy.js';
import { presentCase, presentInboxItem } from '../../../core/concerns/presenters.js';
import { erasureReport } from '../../../core/concerns/retention.js';
import { authorizeTeamSetup, saveTeamSettings, teamSettings } from '../../../core/concerns/teamSettings.js';
import { helsinkiDate, nextWeekday } from '../../../core/concerns/workingDays.js';
import { caseReferrals, referralList, referralTargets, sendReferral } from '../../../core/referrals/referrals.js';
import { tFor } from '../../../i18n/index.js';
import {
  CasePage,
  DashboardPage,
  SettingsPage,
  type Posted,
  type TeamAgenda,
} from '../../../web/pages/concerns/WorkPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm, signInRequired } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { errorResponses, FormBody, LangIdParams, Uuid } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';
import { CaseSchema, InboxItemSchema, PageOf, PageQuery } from './schemas.js';

const STATUSES = new Set<InboxStatus>(['active', 'intake', 'open', 'closed', 'all']);
const CASE_NOTICES = new Set(['saved', 'reply_sent', 'referral_sent', 'closed', 'triaged', 'moved']);
const DASHBOARD_NOTICES = new Set(['moved', 'settings_saved']);
type Post = { Params: LangIdParams; Body: FormBody };
const post = { schema: { hide: true, params: LangIdParams, body: FormBody } };

const InboxQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(Type.Union([...STATUSES].map((s) => Type.Literal(s)))),
});
type InboxQuery = Static<typeof InboxQuery>;

export async function caseRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  // ---- Dashboard ----

  app.get<{ Params: { lang: string }; Querystring: { status?: string; page?: string; notice?: string } }>(
    '/:lang/work/concerns',
    { schema: { hide: true } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = signedInOrRedirect(req, reply);
      if (!actor) return reply;
      const ctx = auditContext(req);
      const status = STATUSES.has(req.query.status as InboxStatus) ? (req.query.status as InboxStatus) : 'active';
      const page = Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1);
      const teams = handlingTeams(actor);
      const inbox = teams.length ? await caseInbox(db, ctx, { status, page, perPage: 50 }) : null;
      const today = helsinkiDate();
      const agendas: TeamAgenda[] = [];
      for (const teamId of teams) {
        const [s, team, cases] = await Promise.all([
          teamSettings(db, teamId),
          db.selectFrom('team').select(['name', 'organization_id']).where('id', '=', teamId).executeTakeFirstOrThrow(),
          db
            .selectFrom('concern_case')
            .select(['id', 'reference', 'urgency', 'agenda_date'])
            .where('team_id', '=', teamId)
            .where('status', '!=', 'closed')
            .where('agenda_date', '>=', today)
            .orderBy('created_at')
            .execute(),
        ]);
        const nextMeeting = nextWeekday(today, s.meetingWeekday);
        agendas.push({
          teamId,
          teamName: team.name,
          nextMeeting,
          canSetUp: canSetUpTeam(actor, { id: teamId, organizationId: team.organization_id }),
          cases: cases.filter((c) => c.agenda_date === nextMeeting),
        });
      }
      const [received, sent] = await Promise.all([
        referralList(db, ctx, { box: 'received', perPage: 50 }),
        referralList(db, ctx, { box: 'sent', perPage: 50 }),
      ]);
      const counts = can(actor, 'concern.stats') ? await caseCounts(db, actor) : null;
      return sendPage(req, reply, {
        title: tFor(lang)('concerns.dashboard.title'),
        body: (
          <DashboardPage
            inbox={inbox}
            agendas={agendas}
            received={received.items}
            sent={sent.items}
            counts={counts}
            status={status}
            notice={req.query.notice && DASHBOARD_NOTICES.has(req.query.notice) ? req.query.notice : undefined}
          />
        ),
      });
    },
  );

  // ---- A case ----

  const casePage = async (
    req: FastifyRequest<{ Params: LangIdParams }>,
    reply: FastifyReply,
    posted: Posted | null,
    notice?: string,
  ) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const c = await readCase(db, auditContext(req), id);
    const [referrals, targets, teams] = await Promise.all([
      caseReferrals(db, id),
      referralTargets(db, c.municipality),
      db
        .selectFrom('concern_team_settings as s')
        .innerJoin('team', 'team.id', 's.team_id')
        .select(['team.id', 'team.name'])
        .orderBy('team.id')
        .execute(),
    ]);
    const t = tFor(lang);
    return sendPage(req, reply, {
      status: posted ? 400 : 200,
      title: `${posted ? `${t('form.error_prefix')} ` : ''}${t('concerns.case.title', { reference: c.reference })}`,
      body: (
        <CasePage
          c={c}
          referrals={referrals}
          targets={[...targets].sort((a, b) => pickName(a.name, lang).localeCompare(pickName(b.name, lang), lang))}
          teams={teams.some((tm) => tm.id === c.team.id) ? teams : [{ id: c.team.id, name: c.team.name }, ...teams]}
          posted={posted}
          notice={notice}
        />
      ),
    });
  };

  app.get<{ Params: LangIdParams; Querystring: { notice?: string } }>(
    '/:lang/work/concerns/cases/:id',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      const notice = req.query.notice && CASE_NOTICES.has(req.query.notice) ? req.query.notice : undefined;
      return casePage(req, reply, null, notice);
    },
  );

  /** One step of a case as a form post: the fields it reads, the core call, and where it goes on success. */
  const step = (
    path: string,
    section: string,
    fields: string[],
    run: (req: FastifyRequest<Post>, id: string, values: Record<string, string>) => Promise<unknown>,
    notice = 'saved',
    done?: (lang: string, id: string, result: unknown) => string | undefined,
  ) =>
    app.post<Post>(`/:lang/work/concerns/cases/:id/${path}`, post, async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const f = readForm(req.body);
      const values = Object.fromEntries(fields.map((k) => [k, f.text(k)]));
      const r = await attemptForm(lang, () => run(req, id, values));
      if (!r.ok) return casePage(req, reply, { section, values, errors: r.errors });
      return reply.redirect(
        done?.(lang, id, r.value) ?? `/${lang}/work/concerns/cases/${id}?notice=${notice}#${section.replace('_', '-')}`,
        303,
      );
    });

  step(
    'reply',
    'reply',
    ['reply'],
    (req, id, v) => replyToResident(db, auditContext(req), id, { text: v.reply! }),
    'reply_sent',
  );
  step(
    'triage',
    'triage',
    ['urgency', 'team', 'agenda'],
    (req, id, v) =>
      triageCase(db, auditContext(req), id, { urgency: v.urgency!, teamId: v.team!, toAgenda: v.agenda === 'yes' }),
    'triaged',
    // a case moved to another team leaves this team's hands: back to the dashboard
    (lang, _id, r) =>
      (r as { moved?: boolean } | undefined)?.moved ? `/${lang}/work/concerns?notice=moved` : undefined,
  );
  step('minutes', 'minutes', ['meeting_date', 'minutes'], (req, id, v) =>
    recordMinutes(db, auditContext(req), id, { meetingDate: v.meeting_date!, text: v.minutes! }),
  );
  step('assign', 'assign', ['responsible', 'pair'], (req, id, v) =>
    assignCase(db, auditContext(req), id, { responsibleId: v.responsible!, pairId: v.pair! }),
  );
  step('plan', 'plan', ['goals', 'tasks', 'review_date'], (req, id, v) =>
    savePlan(db, auditContext(req), id, { goals: v.goals!, tasks: v.tasks!, reviewDate: v.review_date! }),
  );
  step('first-contact', 'first_contact', [], (req, id) => recordFirstContact(db, auditContext(req), id));
  step('follow-up', 'follow_up', ['follow_up'], (req, id, v) =>
    addFollowUp(db, auditContext(req), id, { text: v.follow_up! }),
  );
  step(
    'referrals',
    'referral',
    ['service', 'basis', 'basis_note', 'message', 'contact'],
    (req, id, v) =>
      sendReferral(db, auditContext(req), id, {
        serviceId: v.service!,
        basis: v.basis!,
        basisNote: v.basis_note!,
        message: v.message!,
        contact: v.contact!,
      }),
    'referral_sent',
  );
  step(
    'close',
    'close',
    ['outcome'],
    (req, id, v) => closeCase(db, auditContext(req), id, { outcome: v.outcome! }),
    'closed',
  );

  // ---- A team's settings ----

  const settingsPage = async (
    req: FastifyRequest<{ Params: LangIdParams }>,
    reply: FastifyReply,
    settings: Awaited<ReturnType<typeof teamSettings>>,
    errors: { field: string; message: string }[],
  ) => {
    const lang = langParam(req);
    const team = await authorizeTeamSetup(db, req.actor, settings.teamId);
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: tFor(lang)('concerns.settings.title', { team: pickName(team.name, lang) }),
      body: <SettingsPage teamName={team.name} settings={settings} errors={errors} />,
    });
  };

  app.get<{ Params: LangIdParams }>(
    '/:lang/work/concerns/teams/:id/settings',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      const id = uuidParam(req.params.id);
      await authorizeTeamSetup(db, req.actor, id);
      return settingsPage(req, reply, await teamSettings(db, id), []);
    },
  );

  app.post<Post>('/:lang/work/concerns/teams/:id/settings', post, async (req, reply) => {
    const lang = langParam(req);
    const id = uuidParam(req.params.id);
    const f = readForm(req.body);
    const input = {
      municipalities: f.list('municipalities'),
      languages: f.list('languages'),
      firstContactDays: f.text('first_contact_days'),
      meetingWeekday: f.text('meeting_weekday'),
      receivesReferrals: f.text('receives_referrals') === 'yes',
    };
    const r = await attemptForm(lang, () => saveTeamSettings(db, auditContext(req), id, input));
    if (!r.ok)
      return settingsPage(
        req,
        reply,
        {
          teamId: id,
          municipalities: input.municipalities,
          languages: input.languages,
          firstContactDays: Number(input.firstContactDays) || 0,
          meetingWeekday: Number(input.meetingWeekday) || 2,
          receivesReferrals: input.receivesReferrals,
          configured: true,
        },
        r.errors,
      );
    return reply.redirect(`/${lang}/work/concerns?notice=settings_saved`, 303);
  });

  // ---- JSON ----

  app.get<{ Querystring: InboxQuery }>(
    '/api/v1/cases',
    {
      schema: {
        tags: ['concerns'],
        summary: "The caller's teams' inbox of concerns and cases (new concerns in intake included), paged",
        querystring: InboxQuery,
        response: { 200: PageOf(InboxItemSchema), ...errorResponses },
      },
    },
    async (req, reply) => {
      if (!req.actor) throw signInRequired();
      reply.header('cache-control', 'no-store');
      const r = await caseInbox(db, auditContext(req), {
        status: req.query.status,
        page: req.query.page,
        perPage: req.query.per_page,
      });
      return { items: r.items.map(presentInboxItem), total: r.total, page: r.page, per_page: r.perPage };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['concerns'],
        summary: 'A case with its concern, contact, messages, minutes and plan (its team only; the read is audited)',
        params: Type.Object({ id: Uuid }),
        response: { 200: CaseSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      if (!req.actor) throw signInRequired();
      reply.header('cache-control', 'no-store');
      return presentCase(await readCase(db, auditContext(req), req.params.id.toLowerCase()));
    },
  );

  app.get(
    '/api/v1/concerns/erasures',
    {
      schema: {
        tags: ['concerns'],
        summary: 'What the retention rules erased, per nightly run and record type (counts only; coordinators)',
        response: {
          200: Type.Array(
            Type.Object({
              run_at: Type.String(),
              record_type: Type.String(),
              rule: Type.String(),
              erased: Type.Integer(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      if (!req.actor) throw signInRequired();
      authorize(req.actor, 'concern.stats');
      const rows = await erasureReport(db, 60);
      return rows.map((r) => ({
        run_at: new Date(r.run_at).toISOString(),
        record_type: r.record_type,
        rule: r.rule,
        erased: r.erased,
      }));
    },
  );
}

const pickName = (v: unknown, lang: 'fi' | 'sv' | 'en') => {
  const t = (v ?? {}) as Record<string, string | undefined>;
  return t[lang] || t.fi || t.sv || t.en || '';
};

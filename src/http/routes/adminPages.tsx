/**
 * Workspace pages of administration (organisations, teams, people and roles), the professional directory and
 * the audit log. Thin: read the form, call the core (which authorises: ForbiddenError → 403), then redirect
 * (303, with a notice) or show the form again with translated errors and the person's input kept (400).
 */
import type { FormError } from '../../web/components/forms.js';
import { type Translated, isLang, type Lang } from '../../core/shared/lang.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { authorize, can, type Actor } from '../../core/access/permissions.js';
import { auditOrganizationChoices, auditView, type AuditQuery } from '../../core/admin/auditView.js';
import { AdminError, AdminErrors } from '../../core/admin/errors.js';
import {
  createOrganization,
  getManagedOrganization,
  listManagedOrganizations,
  updateOrganization,
  updateOrganizationSettings,
} from '../../core/admin/organizations.js';
import {
  getManagedPerson,
  invitePerson,
  listManagedPeople,
  removeMembership,
  resendInvitation,
  setMembership,
  setPersonStatus,
  setSystemRole,
  updatePersonIdentity,
} from '../../core/admin/people.js';
import {
  createTeam,
  deleteTeam,
  getManagedTeam,
  listManagedTeams,
  removeTeamMember,
  setTeamMember,
  updateTeam,
} from '../../core/admin/teams.js';
import {
  directoryChoices,
  EntryError,
  ownEntry,
  searchDirectory,
  updateOwnEntry,
} from '../../core/people/directory.js';
import { UUID_RE } from '../../core/shared/ids.js';
import { pick } from '../../core/shared/translated.js';
import { tFor } from '../../i18n/index.js';
import { AdminHomePage } from '../../web/pages/admin/AdminHomePage.js';
import {
  OrganizationFormPage,
  OrganizationPage,
  OrganizationsPage,
  type OrganizationForm,
} from '../../web/pages/admin/OrganizationPages.js';
import {
  InvitePage,
  PeopleListPage,
  PersonPage,
  type InviteForm,
  type PersonForm,
} from '../../web/pages/admin/PeoplePages.js';
import {
  TeamDeletePage,
  TeamFormPage,
  TeamPage,
  TeamsPage,
  type TeamForm,
  type TeamMemberForm,
} from '../../web/pages/admin/TeamPages.js';
import type { Option } from '../../web/pages/admin/parts.js';
import { AuditPage, type AuditForm } from '../../web/pages/audit/AuditPage.js';
import { DirectoryPage, type DirectoryForm } from '../../web/pages/people/DirectoryPage.js';
import { OwnEntryPage, type OwnEntryForm } from '../../web/pages/people/OwnEntryPage.js';
import { auditContext } from '../auth.js';
import { badRequest, errorHandler, notFound } from '../errors.js';
import { sendPage } from '../pages.js';
import { langParam } from './langParam.js';
import { signedInOrRedirect } from './workPages.js';

type Fields = Record<string, unknown>;
const str = (o: unknown, k: string): string => {
  const v = (o as Fields | undefined)?.[k];
  return typeof v === 'string'
    ? v.trim()
    : Array.isArray(v) && typeof v.at(-1) === 'string'
      ? String(v.at(-1)).trim()
      : '';
};
const strs = (o: unknown, k: string): string[] => {
  const v = (o as Fields | undefined)?.[k];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];
};
const translated = (o: unknown, prefix: string): Translated => ({
  fi: str(o, `${prefix}_fi`),
  sv: str(o, `${prefix}_sv`),
  en: str(o, `${prefix}_en`),
});
const pageNo = (o: unknown) => Math.min(10_000, Math.max(1, Number.parseInt(str(o, 'page'), 10) || 1));
const uuidOr = (s: string) => (UUID_RE.test(s) ? s.toLowerCase() : '');

const ADMIN_NOTICES = new Set([
  'org_created',
  'org_updated',
  'settings_saved',
  'team_created',
  'team_updated',
  'team_deleted',
  'member_saved',
  'member_removed',
  'invited',
  'invited_existing',
  'invited_not_mailed',
  'membership_saved',
  'membership_removed',
  'identity_saved',
  'system_role_saved',
  'disabled',
  'enabled',
  'invitation_sent',
]);
const noticeOf = (req: FastifyRequest, allowed: Set<string>) => {
  const n = str(req.query, 'notice');
  return allowed.has(n) ? n : null;
};

/** An AdminError as form errors in the reader's language. */
const formErrors = (e: AdminError, t: TFunction, fallbackField = 'general'): FormError[] =>
  (e instanceof AdminErrors ? e.all : [e]).map((x) => ({
    field: x.field ?? fallbackField,
    message: t(`admin.error.${x.code}`),
  }));

/** Runs a core call; an AdminError becomes the given fallback (a form shown again), a 404 without a field a 404 page. */
async function attempt<T>(
  fn: () => Promise<T>,
  onError: (e: AdminError) => Promise<FastifyReply> | FastifyReply,
): Promise<{ ok: true; value: T } | { ok: false; reply: FastifyReply }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (!(e instanceof AdminError)) throw e;
    if (e.status === 404 && !e.field) throw notFound();
    return { ok: false, reply: await onError(e) };
  }
}

const errorTitle = (t: TFunction, title: string) => `${t('form.error_prefix')} ${title}`;

export async function adminPageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const hide = { schema: { hide: true } };

  // An AdminError that no handler turned into a form error: 404 for what does not exist, otherwise 400.
  app.setErrorHandler(async function (error, req, reply) {
    if (error instanceof AdminError)
      return errorHandler.call(this, error.status === 404 ? notFound() : badRequest('bad_request'), req, reply);
    return errorHandler.call(this, error as Parameters<typeof errorHandler>[0], req, reply);
  });

  /** For GET pages: the actor, or null after sending the reader to sign in. */
  const who = (req: FastifyRequest, reply: FastifyReply) => signedInOrRedirect(req, reply);
  const adminBase = (lang: Lang) => `/${lang}/work/admin`;
  const managedOptions = async (actor: Actor, lang: Lang): Promise<Option[]> =>
    (await listManagedOrganizations(db, actor, lang)).map((o) => ({ value: o.id, label: pick(o.name, lang) }));

  // ---- Front page and organisations ----

  app.get('/:lang/work/admin', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const organizations = await listManagedOrganizations(db, actor, lang);
    const people = await listManagedPeople(db, actor, lang, { perPage: 1 });
    return sendPage(req, reply, {
      title: tFor(lang)('admin.title'),
      body: (
        <AdminHomePage
          organizations={organizations}
          systemAdmin={can(actor, 'person.manage_all')}
          peopleCount={people.total}
        />
      ),
    });
  });

  app.get('/:lang/work/admin/organizations', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const organizations = await listManagedOrganizations(db, actor, lang);
    return sendPage(req, reply, {
      title: tFor(lang)('admin.section.organizations'),
      body: (
        <OrganizationsPage
          organizations={organizations}
          canCreate={can(actor, 'organization.create')}
          notice={noticeOf(req, ADMIN_NOTICES)}
        />
      ),
    });
  });

  const orgFormPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { id?: string; form: OrganizationForm; errors: FormError[] },
  ) => {
    const t = tFor(langParam(req));
    const title = t(o.id ? 'admin.org_edit_title' : 'admin.org_new_title');
    return sendPage(req, reply, {
      status: o.errors.length ? 400 : 200,
      title: o.errors.length ? errorTitle(t, title) : title,
      body: <OrganizationFormPage {...o} />,
    });
  };

  app.get('/:lang/work/admin/organizations/new', hide, async (req, reply) => {
    const actor = who(req, reply);
    if (!actor) return reply;
    authorize(actor, 'organization.create');
    return orgFormPage(req, reply, { form: { name: {}, type: '', municipality: '' }, errors: [] });
  });

  const readOrgForm = (body: unknown): OrganizationForm => ({
    name: translated(body, 'name'),
    type: str(body, 'type'),
    municipality: str(body, 'municipality'),
  });

  app.post('/:lang/work/admin/organizations', hide, async (req, reply) => {
    const lang = langParam(req);
    const form = readOrgForm(req.body);
    const r = await attempt(
      () =>
        createOrganization(db, auditContext(req), {
          name: form.name,
          type: form.type,
          municipalityCode: form.municipality,
        }),
      (e) => orgFormPage(req, reply, { form, errors: formErrors(e, tFor(lang)) }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`${adminBase(lang)}/organizations/${r.value}?notice=org_created`, 303);
  });

  app.get('/:lang/work/admin/organizations/:id', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const org = await getManagedOrganization(db, actor, (req.params as { id: string }).id, lang);
    return sendPage(req, reply, {
      title: pick(org.name, lang),
      body: (
        <OrganizationPage org={org} canEdit={can(actor, 'organization.create')} notice={noticeOf(req, ADMIN_NOTICES)} />
      ),
    });
  });

  app.get('/:lang/work/admin/organizations/:id/edit', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    authorize(actor, 'organization.create');
    const org = await getManagedOrganization(db, actor, (req.params as { id: string }).id, lang);
    return orgFormPage(req, reply, {
      id: org.id,
      form: { name: org.name, type: org.type, municipality: org.municipalityCode ?? '' },
      errors: [],
    });
  });

  app.post('/:lang/work/admin/organizations/:id', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const form = readOrgForm(req.body);
    const r = await attempt(
      () =>
        updateOrganization(db, auditContext(req), id, {
          name: form.name,
          type: form.type,
          municipalityCode: form.municipality,
        }),
      (e) => orgFormPage(req, reply, { id, form, errors: formErrors(e, tFor(lang)) }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`${adminBase(lang)}/organizations/${id}?notice=org_updated`, 303);
  });

  app.post('/:lang/work/admin/organizations/:id/settings', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const values = strs(req.body, 'publish_needs_second_person');
    await updateOrganizationSettings(db, auditContext(req), id, { publishNeedsSecondPerson: values.includes('true') });
    return reply.redirect(`${adminBase(lang)}/organizations/${id}?notice=settings_saved`, 303);
  });

  // ---- Teams ----

  app.get('/:lang/work/admin/teams', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const teams = await listManagedTeams(db, actor, lang);
    return sendPage(req, reply, {
      title: tFor(lang)('admin.section.teams'),
      body: <TeamsPage teams={teams} notice={noticeOf(req, ADMIN_NOTICES)} />,
    });
  });

  const teamFormPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    o: { id?: string; form: TeamForm; errors: FormError[] },
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const title = t(o.id ? 'admin.team_edit_title' : 'admin.team_new_title');
    const organizations = o.id ? [] : await managedOptions(actor, lang);
    return sendPage(req, reply, {
      status: o.errors.length ? 400 : 200,
      title: o.errors.length ? errorTitle(t, title) : title,
      body: <TeamFormPage id={o.id} form={o.form} organizations={organizations} errors={o.errors} />,
    });
  };
  const readTeamForm = (body: unknown): TeamForm => ({
    organization: str(body, 'organization'),
    name: translated(body, 'name'),
    description: translated(body, 'description'),
  });

  app.get('/:lang/work/admin/teams/new', hide, async (req, reply) => {
    const actor = who(req, reply);
    if (!actor) return reply;
    authorize(actor, 'organization.manage');
    return teamFormPage(req, reply, actor, {
      form: { organization: uuidOr(str(req.query, 'organization')), name: {}, description: {} },
      errors: [],
    });
  });

  app.post('/:lang/work/admin/teams', hide, async (req, reply) => {
    const lang = langParam(req);
    const form = readTeamForm(req.body);
    const r = await attempt(
      () => createTeam(db, auditContext(req), form.organization, { name: form.name, description: form.description }),
      (e) => teamFormPage(req, reply, req.actor!, { form, errors: formErrors(e, tFor(lang)) }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`${adminBase(lang)}/teams/${r.value}?notice=team_created`, 303);
  });

  const teamPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    o: { memberForm?: TeamMemberForm; errors?: FormError[] } = {},
  ) => {
    const lang = langParam(req);
    const team = await getManagedTeam(db, actor, id, lang);
    const errors = o.errors ?? [];
    const title = pick(team.name, lang);
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errors.length ? errorTitle(tFor(lang), title) : title,
      body: (
        <TeamPage
          team={team}
          notice={errors.length ? null : noticeOf(req, ADMIN_NOTICES)}
          memberForm={o.memberForm ?? { email: '', role: 'member' }}
          errors={errors}
        />
      ),
    });
  };

  app.get('/:lang/work/admin/teams/:id', hide, async (req, reply) => {
    const actor = who(req, reply);
    if (!actor) return reply;
    return teamPage(req, reply, actor, (req.params as { id: string }).id);
  });

  app.get('/:lang/work/admin/teams/:id/edit', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const team = await getManagedTeam(db, actor, (req.params as { id: string }).id, lang);
    return teamFormPage(req, reply, actor, {
      id: team.id,
      form: { organization: team.organizationId, name: team.name, description: team.description },
      errors: [],
    });
  });

  app.post('/:lang/work/admin/teams/:id', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const form = readTeamForm(req.body);
    const r = await attempt(
      () => updateTeam(db, auditContext(req), id, { name: form.name, description: form.description }),
      (e) => teamFormPage(req, reply, req.actor!, { id, form, errors: formErrors(e, tFor(lang)) }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`${adminBase(lang)}/teams/${id}?notice=team_updated`, 303);
  });

  app.post('/:lang/work/admin/teams/:id/members', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const personId = str(req.body, 'person_id');
    const memberForm = { email: str(req.body, 'email'), role: str(req.body, 'role') };
    const r = await attempt(
      () =>
        setTeamMember(
          db,
          auditContext(req),
          id,
          personId ? { personId } : { email: memberForm.email },
          memberForm.role,
        ),
      (e) =>
        teamPage(req, reply, req.actor!, id, {
          memberForm,
          errors: formErrors(e, tFor(lang), personId ? 'general' : 'email'),
        }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`${adminBase(lang)}/teams/${id}?notice=member_saved`, 303);
  });

  app.post('/:lang/work/admin/teams/:id/members/:personId/remove', hide, async (req, reply) => {
    const lang = langParam(req);
    const { id, personId } = req.params as { id: string; personId: string };
    await removeTeamMember(db, auditContext(req), id, personId);
    return reply.redirect(`${adminBase(lang)}/teams/${id}?notice=member_removed`, 303);
  });

  app.get('/:lang/work/admin/teams/:id/delete', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const team = await getManagedTeam(db, actor, (req.params as { id: string }).id, lang);
    return sendPage(req, reply, {
      title: tFor(lang)('admin.team_delete_confirm', { name: pick(team.name, lang) }),
      body: <TeamDeletePage team={team} />,
    });
  });

  app.post('/:lang/work/admin/teams/:id/delete', hide, async (req, reply) => {
    const lang = langParam(req);
    await deleteTeam(db, auditContext(req), (req.params as { id: string }).id);
    return reply.redirect(`${adminBase(lang)}/teams?notice=team_deleted`, 303);
  });

  // ---- People ----

  app.get('/:lang/work/admin/people', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const form = { q: str(req.query, 'q').slice(0, 200), organization: uuidOr(str(req.query, 'organization')) };
    const result = await listManagedPeople(db, actor, lang, {
      q: form.q,
      organizationId: form.organization || undefined,
      page: pageNo(req.query),
    });
    return sendPage(req, reply, {
      title: tFor(lang)('admin.section.people'),
      body: (
        <PeopleListPage
          result={result}
          form={form}
          organizations={await managedOptions(actor, lang)}
          notice={noticeOf(req, ADMIN_NOTICES)}
        />
      ),
    });
  });

  const invitePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    form: InviteForm,
    errors: FormError[],
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errors.length ? errorTitle(t, t('admin.invite_title')) : t('admin.invite_title'),
      body: (
        <InvitePage
          form={form}
          organizations={await managedOptions(actor, lang)}
          systemAdmin={can(actor, 'person.manage_all')}
          errors={errors}
        />
      ),
    });
  };

  app.get('/:lang/work/admin/people/new', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    authorize(actor, 'organization.manage');
    return invitePage(
      req,
      reply,
      actor,
      {
        email: '',
        name: '',
        organization: uuidOr(str(req.query, 'organization')),
        role: 'member',
        systemRole: '',
        mailLang: lang,
      },
      [],
    );
  });

  app.post('/:lang/work/admin/people', hide, async (req, reply) => {
    const lang = langParam(req);
    const b = req.body;
    const mailLang = str(b, 'mail_lang');
    const form: InviteForm = {
      email: str(b, 'email'),
      name: str(b, 'name'),
      organization: str(b, 'organization'),
      role: str(b, 'role'),
      systemRole: str(b, 'system_role'),
      mailLang: isLang(mailLang) ? mailLang : lang,
    };
    const r = await attempt(
      () =>
        invitePerson(
          db,
          auditContext(req),
          {
            email: form.email,
            name: form.name,
            organizationId: form.organization || null,
            role: form.role,
            systemRole: form.systemRole || null,
          },
          { lang: form.mailLang as Lang, publicUrl: app.config.publicUrl, mailer: app.mailer },
        ),
      (e) => invitePage(req, reply, req.actor!, form, formErrors(e, tFor(lang))),
    );
    if (!r.ok) return r.reply;
    const notice = !r.value.mailed ? 'invited_not_mailed' : r.value.created ? 'invited' : 'invited_existing';
    return reply.redirect(`${adminBase(lang)}/people/${r.value.personId}?notice=${notice}`, 303);
  });

  const personPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    failed?: PersonForm,
  ) => {
    const lang = langParam(req);
    const person = await getManagedPerson(db, actor, id, lang);
    const errors = failed?.errors.length ?? 0;
    return sendPage(req, reply, {
      status: errors ? 400 : 200,
      title: errors ? errorTitle(tFor(lang), person.name) : person.name,
      body: (
        <PersonPage
          person={person}
          organizations={await managedOptions(actor, lang)}
          notice={errors ? null : noticeOf(req, ADMIN_NOTICES)}
          failed={failed}
        />
      ),
    });
  };

  app.get('/:lang/work/admin/people/:id', hide, async (req, reply) => {
    const actor = who(req, reply);
    if (!actor) return reply;
    return personPage(req, reply, actor, (req.params as { id: string }).id);
  });

  const personUrl = (lang: Lang, id: string, notice: string) => `${adminBase(lang)}/people/${id}?notice=${notice}`;

  app.post('/:lang/work/admin/people/:id/memberships', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const organization = str(req.body, 'organization');
    const role = str(req.body, 'role');
    const r = await attempt(
      () => setMembership(db, auditContext(req), id, organization, role),
      async (e) => {
        // A failed role change of an existing membership is shown at the top; a failed addition at its form.
        const person = await getManagedPerson(db, req.actor!, id, lang);
        const isExisting = person.memberships.some((m) => m.organizationId === organization.toLowerCase());
        return personPage(
          req,
          reply,
          req.actor!,
          id,
          isExisting
            ? { form: 'general', errors: formErrors(e, tFor(lang)) }
            : { form: 'membership', organization, role, errors: formErrors(e, tFor(lang)) },
        );
      },
    );
    if (!r.ok) return r.reply;
    return reply.redirect(personUrl(lang, id, 'membership_saved'), 303);
  });

  app.post('/:lang/work/admin/people/:id/memberships/:organizationId/remove', hide, async (req, reply) => {
    const lang = langParam(req);
    const { id, organizationId } = req.params as { id: string; organizationId: string };
    const r = await attempt(
      () => removeMembership(db, auditContext(req), id, organizationId),
      (e) => personPage(req, reply, req.actor!, id, { form: 'general', errors: formErrors(e, tFor(lang)) }),
    );
    if (!r.ok) return r.reply;
    // After removing someone from one's only organisation, their page may no longer be one's to see.
    const stillVisible =
      can(req.actor, 'person.manage_all') ||
      (await getManagedPerson(db, req.actor!, id, lang).then(
        () => true,
        () => false,
      ));
    return reply.redirect(
      stillVisible ? personUrl(lang, id, 'membership_removed') : `${adminBase(lang)}/people?notice=membership_removed`,
      303,
    );
  });

  app.post('/:lang/work/admin/people/:id/identity', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const name = str(req.body, 'name');
    const email = str(req.body, 'email');
    const r = await attempt(
      () => updatePersonIdentity(db, auditContext(req), id, { name, email }),
      (e) =>
        personPage(req, reply, req.actor!, id, { form: 'identity', name, email, errors: formErrors(e, tFor(lang)) }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(personUrl(lang, id, 'identity_saved'), 303);
  });

  app.post('/:lang/work/admin/people/:id/system-role', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const systemRole = str(req.body, 'system_role');
    const r = await attempt(
      () => setSystemRole(db, auditContext(req), id, systemRole || null),
      (e) =>
        personPage(req, reply, req.actor!, id, {
          form: 'system_role',
          systemRole,
          errors: formErrors(e, tFor(lang), 'system_role'),
        }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(personUrl(lang, id, 'system_role_saved'), 303);
  });

  app.post('/:lang/work/admin/people/:id/status', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const status = str(req.body, 'status');
    const r = await attempt(
      () => setPersonStatus(db, auditContext(req), id, status as 'active' | 'disabled'),
      (e) => personPage(req, reply, req.actor!, id, { form: 'general', errors: formErrors(e, tFor(lang)) }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(personUrl(lang, id, status === 'disabled' ? 'disabled' : 'enabled'), 303);
  });

  app.post('/:lang/work/admin/people/:id/invitation', hide, async (req, reply) => {
    const lang = langParam(req);
    const id = (req.params as { id: string }).id;
    const r = await attempt(
      () => resendInvitation(db, auditContext(req), id, { lang, publicUrl: app.config.publicUrl, mailer: app.mailer }),
      (e) => personPage(req, reply, req.actor!, id, { form: 'general', errors: formErrors(e, tFor(lang)) }),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(personUrl(lang, id, 'invitation_sent'), 303);
  });

  // ---- The professional directory ----

  const PEOPLE_NOTICES = new Set(['entry_saved']);

  app.get('/:lang/work/people', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const q = req.query;
    const form: DirectoryForm = {
      q: str(q, 'q').slice(0, 200),
      organization: uuidOr(str(q, 'organization')),
      team: uuidOr(str(q, 'team')),
      language: /^[a-z]{2,3}$/.test(str(q, 'language')) ? str(q, 'language') : '',
    };
    const result = await searchDirectory(db, actor, lang, {
      q: form.q,
      organizationId: form.organization || undefined,
      teamId: form.team || undefined,
      language: form.language || undefined,
      page: pageNo(q),
    });
    const choices = await directoryChoices(db, actor, lang);
    return sendPage(req, reply, {
      title: tFor(lang)('people.title_page'),
      body: <DirectoryPage result={result} form={form} choices={choices} notice={noticeOf(req, PEOPLE_NOTICES)} />,
    });
  });

  const ownEntryPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    form: OwnEntryForm | null,
    errors: FormError[],
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const entry = await ownEntry(db, actor, lang);
    const f = form ?? { title: entry.title, phone: entry.phone ?? '', languages: entry.languages };
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errors.length ? errorTitle(t, t('people.own_title')) : t('people.own_title'),
      body: <OwnEntryPage name={entry.name} email={entry.email} form={f} errors={errors} />,
    });
  };

  app.get('/:lang/work/people/me', hide, async (req, reply) => {
    const actor = who(req, reply);
    if (!actor) return reply;
    return ownEntryPage(req, reply, actor, null, []);
  });

  app.post('/:lang/work/people/me', hide, async (req, reply) => {
    const lang = langParam(req);
    const form: OwnEntryForm = {
      title: translated(req.body, 'title'),
      phone: str(req.body, 'phone'),
      languages: strs(req.body, 'languages'),
    };
    try {
      await updateOwnEntry(db, auditContext(req), form);
    } catch (e) {
      if (!(e instanceof EntryError)) throw e;
      return ownEntryPage(req, reply, req.actor!, form, [
        { field: e.field, message: tFor(lang)(`people.error.${e.code}`) },
      ]);
    }
    return reply.redirect(`/${lang}/work/people?notice=entry_saved`, 303);
  });

  // ---- The audit log ----

  app.get('/:lang/work/audit', hide, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const actor = who(req, reply);
    if (!actor) return reply;
    authorize(actor, 'audit.read');
    const q = req.query;
    const form: AuditForm = {
      person: str(q, 'person').slice(0, 200),
      action: str(q, 'action').slice(0, 100),
      organization: str(q, 'organization').slice(0, 40),
      outcome: str(q, 'outcome').slice(0, 20),
      from: str(q, 'from').slice(0, 10),
      to: str(q, 'to').slice(0, 10),
    };
    const query: AuditQuery = {
      person: form.person || undefined,
      action: form.action || undefined,
      organizationId: form.organization || undefined,
      outcome: form.outcome || undefined,
      from: form.from || undefined,
      to: form.to || undefined,
      page: pageNo(q),
    };
    const organizations = (await auditOrganizationChoices(db, actor, lang)).map((o) => ({
      value: o.id,
      label: pick(o.name, lang),
    }));
    let result = null;
    let errors: FormError[] = [];
    try {
      result = await auditView(db, actor, query);
    } catch (e) {
      if (!(e instanceof AdminError)) throw e;
      errors = formErrors(e, t);
    }
    return sendPage(req, reply, {
      status: errors.length ? 400 : 200,
      title: errors.length ? errorTitle(t, t('audit.title')) : t('audit.title'),
      body: <AuditPage result={result} form={form} organizations={organizations} errors={errors} />,
    });
  });
}
